-- Tag Health, failures grouped by error kind and TikTok code/message, most frequent first,
-- with when each was first and last seen.
-- Reads the view made by setup_view.sql (run that once first). Parameters: edit the defaults below.
-- View: replace `your-project.your_dataset.` with your dataset (see docs/health.md, "BigQuery").
-- Times are UTC; since is inclusive, until exclusive.
DECLARE since TIMESTAMP DEFAULT TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY);
DECLARE until TIMESTAMP DEFAULT CURRENT_TIMESTAMP();

WITH period AS (
  SELECT * FROM `your-project.your_dataset.tiktok_health_results`
  -- The entry timestamp is within moments of time_ms: a 1-hour margin on it keeps partition pruning exact.
  WHERE entry_time >= TIMESTAMP_SUB(since, INTERVAL 1 HOUR)
    AND entry_time < TIMESTAMP_ADD(until, INTERVAL 1 HOUR)
    AND event_time >= since AND event_time < until
    AND outcome IN ('success', 'failure', 'skipped')
)
SELECT
  error_kind,
  tiktok_code,
  LEFT(tiktok_message, 500) AS tiktok_message,
  COUNT(*) AS failures,
  COUNT(*) / SUM(COUNT(*)) OVER () AS share,
  ARRAY_AGG(DISTINCT IFNULL(CAST(http_status AS STRING), '-') ORDER BY IFNULL(CAST(http_status AS STRING), '-')) AS http_statuses,
  MIN(event_time) AS first_seen,
  MAX(event_time) AS last_seen,
  ARRAY_AGG(error_message IGNORE NULLS ORDER BY event_time DESC LIMIT 1)[SAFE_OFFSET(0)] AS last_error_message
FROM period
WHERE outcome = 'failure'
GROUP BY error_kind, tiktok_code, tiktok_message
ORDER BY failures DESC, last_seen DESC;

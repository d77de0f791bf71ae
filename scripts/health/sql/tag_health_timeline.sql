-- Tag Health per minute, hour or day: requests, success, failure, skipped and success rate per bucket.
-- Reads the view made by setup_view.sql (run that once first). Parameters: edit the defaults below.
-- View: replace `your-project.your_dataset.` with your dataset (see docs/health.md, "BigQuery").
-- Times are UTC; since is inclusive, until exclusive.
DECLARE since TIMESTAMP DEFAULT TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY);
DECLARE until TIMESTAMP DEFAULT CURRENT_TIMESTAMP();
DECLARE granularity STRING DEFAULT 'hour';  -- 'minute', 'hour' or 'day'

WITH period AS (
  SELECT * FROM `your-project.your_dataset.tiktok_health_results`
  -- The entry timestamp is within moments of time_ms: a 1-hour margin on it keeps partition pruning exact.
  WHERE entry_time >= TIMESTAMP_SUB(since, INTERVAL 1 HOUR)
    AND entry_time < TIMESTAMP_ADD(until, INTERVAL 1 HOUR)
    AND event_time >= since AND event_time < until
    AND invalid_reason IS NULL  -- as sgtm health, lines with out-of-range numbers are left out
)
SELECT
  CASE granularity
    WHEN 'day' THEN TIMESTAMP_TRUNC(event_time, DAY)
    WHEN 'minute' THEN TIMESTAMP_TRUNC(event_time, MINUTE)
    ELSE TIMESTAMP_TRUNC(event_time, HOUR)
  END AS bucket_start,
  COUNTIF(outcome IN ('success', 'failure')) AS requests,
  COUNTIF(outcome = 'success') AS success,
  COUNTIF(outcome = 'failure') AS failure,
  COUNTIF(outcome = 'skipped') AS skipped,
  SAFE_DIVIDE(COUNTIF(outcome = 'success'), COUNTIF(outcome IN ('success', 'failure'))) AS success_rate
FROM period
GROUP BY bucket_start
ORDER BY bucket_start;

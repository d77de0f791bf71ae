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
    AND invalid_reason IS NULL  -- as sgtm health, lines with out-of-range numbers are left out
),
failures AS (
  SELECT
    error_kind,
    tiktok_code,
    LEFT(tiktok_message, 500) AS message,
    http_status,
    event_time,
    -- The group's most recent error_message that is not null (nulls sort last), on every row of the group.
    FIRST_VALUE(error_message) OVER (
      PARTITION BY error_kind, tiktok_code, LEFT(tiktok_message, 500)
      ORDER BY error_message IS NULL, event_time DESC
      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
    ) AS last_error_message
  FROM period
  WHERE outcome = 'failure'
)
SELECT
  error_kind,
  tiktok_code,
  message AS tiktok_message,
  COUNT(*) AS failures,
  COUNT(*) / SUM(COUNT(*)) OVER () AS share,
  -- Distinct statuses, ascending as text, '-' for none ("ARRAY(… UNNEST(ARRAY_AGG …))" rather than
  -- ARRAY_AGG(DISTINCT … ORDER BY …): same result, in a form the tests' SQL analyser reads).
  ARRAY(
    SELECT DISTINCT status
    FROM UNNEST(ARRAY_AGG(IFNULL(CAST(http_status AS STRING), '-'))) AS status
    ORDER BY status
  ) AS http_statuses,
  MIN(event_time) AS first_seen,
  MAX(event_time) AS last_seen,
  ANY_VALUE(last_error_message) AS last_error_message
FROM failures
GROUP BY error_kind, tiktok_code, message
ORDER BY failures DESC, last_seen DESC;

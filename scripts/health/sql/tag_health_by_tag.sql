-- Tag Health per tag and pixel (sgtm health --by-tag): requests, success rate, skipped, retries and
-- latency percentiles of each (tag, pixel_code), most requests first. A missing name shows as "(none)".
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
named AS (
  SELECT IFNULL(tag, '(none)') AS tag_name, IFNULL(pixel_code, '(none)') AS pixel, outcome, test_event, attempts, latency_ms, event_time
  FROM period
),
totals AS (
  SELECT
    tag_name,
    pixel,
    COUNTIF(outcome IN ('success', 'failure')) AS requests,
    COUNTIF(outcome = 'success') AS success,
    COUNTIF(outcome = 'failure') AS failure,
    COUNTIF(outcome = 'skipped') AS skipped,
    COUNTIF(outcome IN ('success', 'failure') AND test_event) AS test_events,
    SUM(IF(outcome IN ('success', 'failure') AND attempts > 1, attempts - 1, 0)) AS retries,
    MIN(event_time) AS first_seen,
    MAX(event_time) AS last_seen
  FROM named
  GROUP BY tag_name, pixel
),
latency AS (
  SELECT DISTINCT
    tag_name,
    pixel,
    PERCENTILE_DISC(latency_ms, 0.5) OVER (PARTITION BY tag_name, pixel) AS latency_p50_ms,
    PERCENTILE_DISC(latency_ms, 0.95) OVER (PARTITION BY tag_name, pixel) AS latency_p95_ms,
    PERCENTILE_DISC(latency_ms, 0.99) OVER (PARTITION BY tag_name, pixel) AS latency_p99_ms
  FROM named
  WHERE outcome IN ('success', 'failure') AND latency_ms IS NOT NULL
)
SELECT
  tag_name AS tag,
  pixel AS pixel_code,
  requests,
  success,
  failure,
  skipped,
  SAFE_DIVIDE(success, requests) AS success_rate,
  test_events,
  retries,
  latency_p50_ms,
  latency_p95_ms,
  latency_p99_ms,
  first_seen,
  last_seen
FROM totals
LEFT JOIN latency USING (tag_name, pixel)
ORDER BY requests DESC, skipped DESC, tag, pixel_code;

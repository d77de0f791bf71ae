-- Tag Health, totals: requests (success + failure), success rate, skipped, attempts and retries,
-- latency percentiles (nearest rank, as sgtm health). One row.
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
totals AS (
  SELECT
    COUNTIF(outcome IN ('success', 'failure')) AS requests,
    COUNTIF(outcome = 'success') AS success,
    COUNTIF(outcome = 'failure') AS failure,
    COUNTIF(outcome = 'skipped') AS skipped,
    COUNTIF(outcome IN ('success', 'failure') AND test_event) AS test_events,
    SUM(IF(outcome IN ('success', 'failure'), attempts, 0)) AS attempts,
    SUM(IF(outcome IN ('success', 'failure') AND attempts > 1, attempts - 1, 0)) AS retries,
    COUNTIF(outcome IN ('success', 'failure') AND attempts > 1) AS retried_requests,
    MIN(event_time) AS first_seen,
    MAX(event_time) AS last_seen
  FROM period
),
latency AS (
  SELECT DISTINCT
    COUNT(*) OVER () AS latency_count,
    PERCENTILE_DISC(latency_ms, 0.5) OVER () AS latency_p50_ms,
    PERCENTILE_DISC(latency_ms, 0.95) OVER () AS latency_p95_ms,
    PERCENTILE_DISC(latency_ms, 0.99) OVER () AS latency_p99_ms,
    MAX(latency_ms) OVER () AS latency_max_ms
  FROM period
  WHERE outcome IN ('success', 'failure') AND latency_ms IS NOT NULL
)
SELECT
  since AS period_since,
  until AS period_until,
  totals.*,
  SAFE_DIVIDE(success, requests) AS success_rate,
  latency.*
FROM totals
LEFT JOIN latency ON TRUE;

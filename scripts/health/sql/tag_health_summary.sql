-- Tag Health, totals: requests (success + failure), success rate, skipped, attempts and retries,
-- latency percentiles (nearest rank, as sgtm health). One row.
-- Parameters: edit the defaults below. Table: replace `your-project.your_dataset.run_googleapis_com_stdout`
-- with your log sink's table (see docs/health.md, "BigQuery"). Times are UTC; since is inclusive, until exclusive.
DECLARE since TIMESTAMP DEFAULT TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY);
DECLARE until TIMESTAMP DEFAULT CURRENT_TIMESTAMP();

WITH results AS (
  -- One row per result line. TO_JSON + LAX_* read fields that have never held a value yet (the sink
  -- only creates a column once a field was non-null) and numbers the sink stored as FLOAT64.
  SELECT
    COALESCE(TIMESTAMP_MILLIS(LAX_INT64(log.time_ms)), entry_time) AS event_time,
    LAX_STRING(log.outcome) AS outcome,
    LAX_STRING(log.ga4_event) AS ga4_event,
    LAX_STRING(log.tiktok_event) AS tiktok_event,
    LAX_STRING(log.error_kind) AS error_kind,
    LAX_STRING(log.skip_reason) AS skip_reason,
    LAX_INT64(log.http_status) AS http_status,
    LAX_INT64(log.tiktok_code) AS tiktok_code,
    LAX_STRING(log.tiktok_message) AS tiktok_message,
    LAX_STRING(log.error_message) AS error_message,
    LAX_INT64(log.attempts) AS attempts,
    LAX_INT64(log.latency_ms) AS latency_ms,
    IFNULL(LAX_BOOL(log.test_event), FALSE) AS test_event,
    IFNULL(LAX_BOOL(log.user_data.email), FALSE) AS has_email,
    IFNULL(LAX_BOOL(log.user_data.phone), FALSE) AS has_phone,
    IFNULL(LAX_BOOL(log.user_data.external_id), FALSE) AS has_external_id,
    IFNULL(LAX_BOOL(log.user_data.ttclid), FALSE) AS has_ttclid,
    IFNULL(LAX_BOOL(log.user_data.ttp), FALSE) AS has_ttp,
    IFNULL(LAX_BOOL(log.user_data.ip), FALSE) AS has_ip,
    IFNULL(LAX_BOOL(log.user_data.user_agent), FALSE) AS has_user_agent,
    IFNULL(LAX_BOOL(log.user_data.name), FALSE) AS has_name,
    IFNULL(LAX_BOOL(log.user_data.address), FALSE) AS has_address
  FROM (
    SELECT timestamp AS entry_time, TO_JSON(jsonPayload) AS log
    FROM `your-project.your_dataset.run_googleapis_com_stdout`
    -- The entry timestamp is within moments of time_ms: a 1-hour margin keeps partition pruning exact.
    WHERE timestamp >= TIMESTAMP_SUB(since, INTERVAL 1 HOUR)
      AND timestamp < TIMESTAMP_ADD(until, INTERVAL 1 HOUR)
      AND jsonPayload.schema = 'tiktok-events-api/1'
      AND jsonPayload.type = 'result'
  )
),
period AS (
  SELECT * FROM results
  WHERE event_time >= since AND event_time < until
    AND outcome IN ('success', 'failure', 'skipped')
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

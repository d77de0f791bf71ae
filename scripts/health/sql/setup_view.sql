-- The view the four reports read: one row per result line of the tag (docs/health-log-schema.md),
-- each field typed. Run once, after the first lines have reached the sink's table (the view is
-- checked against it), and again if you move the table. Replace `your-project.your_dataset.` with
-- your dataset, and `run_googleapis_com_stdout` with your log sink's table if it is named otherwise
-- (see docs/health.md, "BigQuery"). The view stores no data; queries on it cost what the table scan costs.
CREATE OR REPLACE VIEW `your-project.your_dataset.tiktok_health_results`
OPTIONS (description = 'TikTok Events API tag: one row per result log line (schema tiktok-events-api/1)')
AS
-- TO_JSON + LAX_* read fields that have never held a value yet (the sink only creates a column once
-- a field was non-null) and numbers the sink stored as FLOAT64. entry_time is the partitioning
-- column under another name: filter on it (as the reports do) to scan only the days you ask for.
SELECT
  entry_time,
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
  WHERE jsonPayload.schema = 'tiktok-events-api/1'
    AND jsonPayload.type = 'result'
);

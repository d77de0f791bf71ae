-- Data Monitoring: per GA4 event, per TikTok event and overall, the events sent (success or
-- failure), the events skipped, and the share of sent events carrying each user-data field.
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
coverage AS (
  SELECT
    d.dimension_order,
    d.dimension,
    d.event,
    outcome IN ('success', 'failure') AS sent,
    outcome = 'skipped' AS skipped,
    has_email, has_phone, has_external_id, has_ttclid, has_ttp, has_ip, has_user_agent, has_name, has_address
  FROM period,
  UNNEST([
    STRUCT(1 AS dimension_order, 'ga4' AS dimension, IFNULL(ga4_event, '(none)') AS event),
    STRUCT(2, 'tiktok', IFNULL(tiktok_event, '(none)')),
    STRUCT(3, 'overall', '(all events)')
  ]) AS d
)
SELECT
  dimension,
  event,
  COUNTIF(sent) AS events,
  COUNTIF(skipped) AS skipped,
  IFNULL(SAFE_DIVIDE(COUNTIF(sent AND has_email), COUNTIF(sent)), 0) AS email,
  IFNULL(SAFE_DIVIDE(COUNTIF(sent AND has_phone), COUNTIF(sent)), 0) AS phone,
  IFNULL(SAFE_DIVIDE(COUNTIF(sent AND has_external_id), COUNTIF(sent)), 0) AS external_id,
  IFNULL(SAFE_DIVIDE(COUNTIF(sent AND has_ttclid), COUNTIF(sent)), 0) AS ttclid,
  IFNULL(SAFE_DIVIDE(COUNTIF(sent AND has_ttp), COUNTIF(sent)), 0) AS ttp,
  IFNULL(SAFE_DIVIDE(COUNTIF(sent AND has_ip), COUNTIF(sent)), 0) AS ip,
  IFNULL(SAFE_DIVIDE(COUNTIF(sent AND has_user_agent), COUNTIF(sent)), 0) AS user_agent,
  IFNULL(SAFE_DIVIDE(COUNTIF(sent AND has_name), COUNTIF(sent)), 0) AS name,
  IFNULL(SAFE_DIVIDE(COUNTIF(sent AND has_address), COUNTIF(sent)), 0) AS address
FROM coverage
GROUP BY dimension, event
ORDER BY MIN(dimension_order), events DESC, skipped DESC, event;

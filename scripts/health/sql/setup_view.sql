-- The view the reports read: one row per result line of the tag (docs/health-log-schema.md),
-- each field typed. Run once, after the first lines have reached the sink's table (the view is
-- checked against it), and again if you move the table. Replace `your-project.your_dataset.` with
-- your dataset, and `run_googleapis_com_stdout` with your log sink's table if it is named otherwise
-- (see docs/health.md, "BigQuery"). The view stores no data; queries on it cost what the table scan costs.
-- (A description could be added with OPTIONS (description = '…') after the view name; it is left out
-- because the SQL analyser the tests run on every statement, node-sql-parser, does not read OPTIONS.)
CREATE OR REPLACE VIEW `your-project.your_dataset.tiktok_health_results`
AS
-- Strings that look like an email address or a phone number are redacted, as `sgtm health` does
-- (docs/health.md, "Privacy"); numbers outside the plausible ranges make the row invalid
-- (invalid_reason, same reasons and order as `sgtm health`), and the reports leave such rows out.
SELECT
  entry_time,
  COALESCE(SAFE.TIMESTAMP_MILLIS(SAFE_CAST(time_ms AS INT64)), entry_time) AS event_time,
  outcome,
  REGEXP_REPLACE(ga4_event, r'[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}|(?:\+|%2B)\d[\d .()-]{6,}\d|\d{9,}', '[REDACTED]') AS ga4_event,
  REGEXP_REPLACE(tiktok_event, r'[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}|(?:\+|%2B)\d[\d .()-]{6,}\d|\d{9,}', '[REDACTED]') AS tiktok_event,
  REGEXP_REPLACE(tag, r'[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}|(?:\+|%2B)\d[\d .()-]{6,}\d|\d{9,}', '[REDACTED]') AS tag,
  REGEXP_REPLACE(pixel_code, r'[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}|(?:\+|%2B)\d[\d .()-]{6,}\d|\d{9,}', '[REDACTED]') AS pixel_code,
  REGEXP_REPLACE(error_kind, r'[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}|(?:\+|%2B)\d[\d .()-]{6,}\d|\d{9,}', '[REDACTED]') AS error_kind,
  REGEXP_REPLACE(skip_reason, r'[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}|(?:\+|%2B)\d[\d .()-]{6,}\d|\d{9,}', '[REDACTED]') AS skip_reason,
  SAFE_CAST(http_status AS INT64) AS http_status,
  SAFE_CAST(tiktok_code AS INT64) AS tiktok_code,
  REGEXP_REPLACE(tiktok_message, r'[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}|(?:\+|%2B)\d[\d .()-]{6,}\d|\d{9,}', '[REDACTED]') AS tiktok_message,
  REGEXP_REPLACE(error_message, r'[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}|(?:\+|%2B)\d[\d .()-]{6,}\d|\d{9,}', '[REDACTED]') AS error_message,
  SAFE_CAST(attempts AS INT64) AS attempts,
  SAFE_CAST(latency_ms AS INT64) AS latency_ms,
  test_event,
  has_email,
  has_phone,
  has_external_id,
  has_ttclid,
  has_ttp,
  has_ip,
  has_user_agent,
  has_name,
  has_address,
  warning_codes,
  CASE
    WHEN outcome IS NULL OR outcome NOT IN ('success', 'failure', 'skipped') THEN 'outcome missing or unknown'
    WHEN time_ms != TRUNC(time_ms) OR time_ms < 946684800000 OR time_ms >= 4102444800000 THEN 'time_ms out of range'
    WHEN latency_ms != TRUNC(latency_ms) OR latency_ms < 0 OR latency_ms > 3600000 THEN 'latency_ms out of range'
    WHEN attempts != TRUNC(attempts) OR attempts < 0 OR attempts > 100 THEN 'attempts out of range'
    WHEN http_status != TRUNC(http_status) OR http_status < 100 OR http_status > 599 THEN 'http_status out of range'
    WHEN tiktok_code != TRUNC(tiktok_code) OR tiktok_code < -2147483648 OR tiktok_code > 2147483647 THEN 'tiktok_code out of range'
    ELSE NULL
  END AS invalid_reason
FROM (
  -- TO_JSON + LAX_* read fields that have never held a value yet (the sink only creates a column once
  -- a field was non-null) and numbers the sink stored as FLOAT64. entry_time is the partitioning
  -- column under another name: filter on it (as the reports do) to scan only the days you ask for.
  SELECT
    entry_time,
    LAX_FLOAT64(log.time_ms) AS time_ms,
    LAX_STRING(log.outcome) AS outcome,
    LAX_STRING(log.ga4_event) AS ga4_event,
    LAX_STRING(log.tiktok_event) AS tiktok_event,
    LAX_STRING(log.tag) AS tag,
    LAX_STRING(log.pixel_code) AS pixel_code,
    LAX_STRING(log.error_kind) AS error_kind,
    LAX_STRING(log.skip_reason) AS skip_reason,
    LAX_FLOAT64(log.http_status) AS http_status,
    LAX_FLOAT64(log.tiktok_code) AS tiktok_code,
    LAX_STRING(log.tiktok_message) AS tiktok_message,
    LAX_STRING(log.error_message) AS error_message,
    LAX_FLOAT64(log.attempts) AS attempts,
    LAX_FLOAT64(log.latency_ms) AS latency_ms,
    IFNULL(LAX_BOOL(log.test_event), FALSE) AS test_event,
    IFNULL(LAX_BOOL(log.user_data.email), FALSE) AS has_email,
    IFNULL(LAX_BOOL(log.user_data.phone), FALSE) AS has_phone,
    IFNULL(LAX_BOOL(log.user_data.external_id), FALSE) AS has_external_id,
    IFNULL(LAX_BOOL(log.user_data.ttclid), FALSE) AS has_ttclid,
    IFNULL(LAX_BOOL(log.user_data.ttp), FALSE) AS has_ttp,
    IFNULL(LAX_BOOL(log.user_data.ip), FALSE) AS has_ip,
    IFNULL(LAX_BOOL(log.user_data.user_agent), FALSE) AS has_user_agent,
    IFNULL(LAX_BOOL(log.user_data.name), FALSE) AS has_name,
    IFNULL(LAX_BOOL(log.user_data.address), FALSE) AS has_address,
    -- The distinct warning codes of the line (a code repeated in one line counts once); [] without warnings.
    ARRAY(
      SELECT DISTINCT LEFT(REGEXP_REPLACE(LAX_STRING(w.code), r'[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}|(?:\+|%2B)\d[\d .()-]{6,}\d|\d{9,}', '[REDACTED]'), 200)
      FROM UNNEST(JSON_QUERY_ARRAY(log.warnings)) AS w
      WHERE LAX_STRING(w.code) IS NOT NULL
    ) AS warning_codes
  FROM (
    SELECT timestamp AS entry_time, TO_JSON(jsonPayload) AS log
    FROM `your-project.your_dataset.run_googleapis_com_stdout`
    WHERE jsonPayload.schema = 'tiktok-events-api/1'
      AND jsonPayload.type = 'result'
  )
);

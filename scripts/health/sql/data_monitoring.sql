-- Data Monitoring: per GA4 event, per TikTok event and overall, the events sent (success or
-- failure), the events skipped, and the share of sent events carrying each user-data field.
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

-- Tag Health per event name: requests, success, failure, skipped and success rate per GA4 event
-- and per TikTok event (rows per `dimension`: 'ga4', 'tiktok'), most requests first.
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
  SELECT d.dimension_order, d.dimension, d.event, outcome
  FROM period,
  UNNEST([
    STRUCT(1 AS dimension_order, 'ga4' AS dimension, IFNULL(ga4_event, '(none)') AS event),
    STRUCT(2, 'tiktok', IFNULL(tiktok_event, '(none)'))
  ]) AS d
)
SELECT
  dimension,
  event,
  COUNTIF(outcome IN ('success', 'failure')) AS requests,
  COUNTIF(outcome = 'success') AS success,
  COUNTIF(outcome = 'failure') AS failure,
  COUNTIF(outcome = 'skipped') AS skipped,
  SAFE_DIVIDE(COUNTIF(outcome = 'success'), COUNTIF(outcome IN ('success', 'failure'))) AS success_rate
FROM named
GROUP BY dimension, event
ORDER BY MIN(dimension_order), requests DESC, skipped DESC, event;

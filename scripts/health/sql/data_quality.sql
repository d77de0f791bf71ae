-- Data Quality: per GA4 event, per TikTok event and overall (`dimension`), the share of events whose
-- result line carried each warning code (the tag's `warnings`). One row per (dimension, event, code)
-- seen, plus, for each event, its totals: events (all result lines, sent or skipped), with_warnings
-- (lines with at least one warning) and share_with_warnings. Events without any warning have one
-- row with code NULL. A code repeated within one line counts once.
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
  SELECT d.dimension_order, d.dimension, d.event, warning_codes
  FROM period,
  UNNEST([
    STRUCT(1 AS dimension_order, 'ga4' AS dimension, IFNULL(ga4_event, '(none)') AS event),
    STRUCT(2, 'tiktok', IFNULL(tiktok_event, '(none)')),
    STRUCT(3, 'overall', '(all events)')
  ]) AS d
),
totals AS (
  SELECT
    dimension_order,
    dimension,
    event,
    COUNT(*) AS events,
    COUNTIF(ARRAY_LENGTH(warning_codes) > 0) AS with_warnings
  FROM named
  GROUP BY dimension_order, dimension, event
),
codes AS (
  SELECT dimension, event, code, COUNT(*) AS with_code
  FROM named, UNNEST(warning_codes) AS code
  GROUP BY dimension, event, code
)
SELECT
  dimension,
  event,
  events,
  with_warnings,
  SAFE_DIVIDE(with_warnings, events) AS share_with_warnings,
  code,
  with_code,
  SAFE_DIVIDE(with_code, events) AS share
FROM totals
LEFT JOIN codes USING (dimension, event)
ORDER BY dimension_order, events DESC, event, with_code DESC, code;

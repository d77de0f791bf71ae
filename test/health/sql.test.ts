/**
 * Keeps the BigQuery SQL in step with docs/health-log-schema.md: every log field the SQL reads is
 * documented, and every field the local report reads is also read by the SQL (same two reports).
 * The log fields are read in one place, setup_view.sql; the four reports read that view.
 */
import { readFileSync, readdirSync } from 'fs';
import path from 'path';

const root = path.join(__dirname, '..', '..');
const sqlDir = path.join(root, 'scripts', 'health', 'sql');
const sqlFiles = readdirSync(sqlDir).filter((f) => f.endsWith('.sql')).sort();
const VIEW_FILE = 'setup_view.sql';
const VIEW = '`your-project.your_dataset.tiktok_health_results`';
const reportFiles = sqlFiles.filter((f) => f !== VIEW_FILE);
const stripComments = (sql: string) => sql.replace(/--[^\n]*/g, '');

/** Documented field paths: table rows of the common and result sections, plus user_data.<key>. */
function documentedPaths(): Set<string> {
  const doc = readFileSync(path.join(root, 'docs', 'health-log-schema.md'), 'utf8');
  const sections = doc.split(/\n## /);
  const paths = new Set<string>();
  for (const section of sections) {
    if (!/^(Common fields|`type: "result"`)/.test(section)) continue;
    for (const m of section.matchAll(/^\| `([a-z0-9_]+)` \|/gm)) paths.add(m[1]);
  }
  const keys = /exactly these keys: ((?:`[a-z0-9_]+`(?:, )?)+)/.exec(doc);
  if (!keys) throw new Error('docs/health-log-schema.md no longer lists the user_data keys as "exactly these keys: `a`, `b`"');
  for (const m of keys[1].matchAll(/`([a-z0-9_]+)`/g)) paths.add(`user_data.${m[1]}`);
  return paths;
}

/** Paths read as `log.<path>` (the TO_JSON'd payload) or `jsonPayload.<path>`. */
function sqlPaths(sql: string): string[] {
  return [...stripComments(sql).matchAll(/\b(?:log|jsonPayload)\.([a-z0-9_]+(?:\.[a-z0-9_]+)?)/g)].map((m) => m[1]);
}

/** Fields the accumulator reads from a result line (`rec.<field>`) and the user_data keys. */
function reportPaths(): string[] {
  const source = readFileSync(path.join(root, 'scripts', 'health', 'accumulator.ts'), 'utf8');
  const fields = [...source.matchAll(/\brec\.([a-z0-9_]+)/g)].map((m) => m[1]).filter((f) => f !== 'user_data');
  const { DATA_FIELDS } = require('../../scripts/health/types');
  return [...new Set([...fields, 'schema', 'type', ...DATA_FIELDS.map((f: string) => `user_data.${f}`)])];
}

describe('BigQuery SQL', () => {
  const documented = documentedPaths();
  const all = sqlFiles.map((f) => readFileSync(path.join(sqlDir, f), 'utf8'));

  it('ships the view and the two reports', () => {
    expect(sqlFiles).toEqual(['data_monitoring.sql', 'setup_view.sql', 'tag_health_failures.sql', 'tag_health_summary.sql', 'tag_health_timeline.sql']);
  });

  it('the schema doc parses into the fields of version 1', () => {
    expect(documented.has('time_ms')).toBe(true);
    expect(documented.has('outcome')).toBe(true);
    expect(documented.has('user_data.address')).toBe(true);
    expect(documented.size).toBe(11 + 14 + 9);
  });

  it('the view reads only documented fields', () => {
    const used = sqlPaths(readFileSync(path.join(sqlDir, VIEW_FILE), 'utf8'));
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((p) => !documented.has(p))).toEqual([]);
  });

  it.each(reportFiles)('%s reads the log only through the view', (file) => {
    const sql = stripComments(readFileSync(path.join(sqlDir, file), 'utf8'));
    expect(sqlPaths(sql)).toEqual([]);
    expect(sql).not.toContain('run_googleapis_com_stdout');
    expect(sql).toContain(`FROM ${VIEW}`);
  });

  it('every field the local report reads is documented and read by the SQL', () => {
    const sqlUsed = new Set(all.flatMap(sqlPaths));
    const report = reportPaths();
    expect(report.filter((p) => !documented.has(p))).toEqual([]);
    expect(report.filter((p) => !sqlUsed.has(p))).toEqual([]);
  });

  it('the view filters on the schema version and the result type of the sink table', () => {
    const sql = stripComments(readFileSync(path.join(sqlDir, VIEW_FILE), 'utf8'));
    expect(sql).toContain(`CREATE OR REPLACE VIEW ${VIEW}`);
    expect(sql).toContain("jsonPayload.schema = 'tiktok-events-api/1'");
    expect(sql).toContain("jsonPayload.type = 'result'");
    expect(sql).toContain('`your-project.your_dataset.run_googleapis_com_stdout`');
  });

  it.each(reportFiles)('%s filters on the period and prunes partitions on the entry time', (file) => {
    const sql = stripComments(readFileSync(path.join(sqlDir, file), 'utf8'));
    expect(sql).toContain('event_time >= since AND event_time < until');
    expect(sql).toContain('entry_time >= TIMESTAMP_SUB(since, INTERVAL 1 HOUR)');
    expect(sql).toContain('entry_time < TIMESTAMP_ADD(until, INTERVAL 1 HOUR)');
  });

  it.each(reportFiles)('%s uses only columns the view defines', (file) => {
    const view = stripComments(readFileSync(path.join(sqlDir, VIEW_FILE), 'utf8'));
    const select = /\nSELECT\n([\s\S]*?)\nFROM \(/.exec(view);
    if (!select) throw new Error('setup_view.sql: expected "SELECT" and "FROM (" each on a line of its own');
    // The column name is the last word of each line of the view's select list.
    const columns = new Set(select[1].split('\n').map((line) => /([a-z0-9_]+),?\s*$/.exec(line)?.[1]));
    expect(columns.size).toBe(23); // entry_time, event_time, 12 typed fields, test_event, 9 has_<user_data key>
    const sql = stripComments(readFileSync(path.join(sqlDir, file), 'utf8'));
    // Every view-like name (a log field, or has_<user_data key>) the report mentions is a view column.
    const mentioned = [...sql.matchAll(/\b(has_[a-z_]+|[a-z0-9]+_(?:event|kind|reason|status|code|message|ms|time))\b/g)].map((m) => m[1]);
    expect(mentioned.length).toBeGreaterThan(0);
    expect([...new Set(mentioned)].filter((c) => !columns.has(c))).toEqual([]);
  });
});

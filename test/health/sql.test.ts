/**
 * Keeps the BigQuery SQL in step with docs/health-log-schema.md: every log field the SQL reads is
 * documented, and every field the local report reads is also read by the SQL (same two reports).
 */
import { readFileSync, readdirSync } from 'fs';
import path from 'path';

const root = path.join(__dirname, '..', '..');
const sqlDir = path.join(root, 'scripts', 'health', 'sql');
const sqlFiles = readdirSync(sqlDir).filter((f) => f.endsWith('.sql')).sort();
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

  it('ships the two reports', () => {
    expect(sqlFiles).toEqual(['data_monitoring.sql', 'tag_health_failures.sql', 'tag_health_summary.sql', 'tag_health_timeline.sql']);
  });

  it('the schema doc parses into the fields of version 1', () => {
    expect(documented.has('time_ms')).toBe(true);
    expect(documented.has('outcome')).toBe(true);
    expect(documented.has('user_data.address')).toBe(true);
    expect(documented.size).toBe(11 + 13 + 9);
  });

  it.each(sqlFiles)('%s reads only documented fields', (file) => {
    const sql = readFileSync(path.join(sqlDir, file), 'utf8');
    const used = sqlPaths(sql);
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((p) => !documented.has(p))).toEqual([]);
  });

  it('every field the local report reads is documented and read by the SQL', () => {
    const sqlUsed = new Set(all.flatMap(sqlPaths));
    const report = reportPaths();
    expect(report.filter((p) => !documented.has(p))).toEqual([]);
    expect(report.filter((p) => !sqlUsed.has(p))).toEqual([]);
  });

  it.each(sqlFiles)('%s filters on the schema version, the result type and the period', (file) => {
    const sql = stripComments(readFileSync(path.join(sqlDir, file), 'utf8'));
    expect(sql).toContain("jsonPayload.schema = 'tiktok-events-api/1'");
    expect(sql).toContain("jsonPayload.type = 'result'");
    expect(sql).toContain('event_time >= since AND event_time < until');
    expect(sql).toContain('`your-project.your_dataset.run_googleapis_com_stdout`');
  });
});

/**
 * The BigQuery SQL has never run on BigQuery, so every statement of every file in
 * scripts/health/sql/ is parsed and analysed with a BigQuery-dialect parser (node-sql-parser):
 * a syntax slip fails to parse, a column slip (a name that is neither a view column, a log
 * field, a declared variable nor an alias defined in the statement) fails the analysis, and so
 * does a function BigQuery does not have.
 * The view is the only reader of the log's fields and reads only documented ones; the reports read
 * only the view. DECLARE statements (BigQuery scripting, which the parser does not read) are
 * checked by shape, and their DEFAULT expression is parsed as an expression.
 */
import { readFileSync, readdirSync } from 'fs';
import { Parser } from 'node-sql-parser';
import path from 'path';
import { NUMBER_RANGES, TIME_MS_RANGE } from '../../scripts/health/line-check';
import { DATA_FIELDS } from '../../scripts/health/types';

const root = path.join(__dirname, '..', '..');
const sqlDir = path.join(root, 'scripts', 'health', 'sql');
const sqlFiles = readdirSync(sqlDir).filter((f) => f.endsWith('.sql')).sort();
const VIEW_FILE = 'setup_view.sql';
const VIEW_NAME = 'your-project.your_dataset.tiktok_health_results';
const SINK_TABLE = 'your-project.your_dataset.run_googleapis_com_stdout';
const reportFiles = sqlFiles.filter((f) => f !== VIEW_FILE);
const parser = new Parser();
const BIGQUERY = { database: 'bigquery' };
/** Columns of the Cloud Logging sink's table the view reads. */
const SINK_COLUMNS = ['timestamp', 'jsonPayload'];
/** Date parts, which the parser reads as column names in TIMESTAMP_TRUNC(x, HOUR), INTERVAL … DAY. */
const DATE_PARTS = ['MINUTE', 'HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR'];
/**
 * Result-line fields of the shared warnings contract (BRIEF.md: `warnings: Array<{code, field?, message}>`,
 * additive to schema v1), accepted here until docs/health-log-schema.md documents them (the tag side
 * is written in parallel and documents its own fields).
 */
const CONTRACT_PATHS = ['warnings'];
/** Paths read on the elements of `warnings` (the view unnests them as `w`). */
const WARNING_ELEMENT_FIELDS = ['code', 'field', 'message'];

/**
 * BigQuery functions the SQL may call, each checked by hand against the BigQuery reference (the
 * parser accepts any name, so a misspelt function would otherwise pass). Add to it with care.
 */
const BIGQUERY_FUNCTIONS = new Set([
  'ANY_VALUE', 'ARRAY_AGG', 'ARRAY_LENGTH', 'COALESCE', 'COUNT', 'COUNTIF', 'CURRENT_TIMESTAMP', 'FIRST_VALUE', 'IF', 'IFNULL',
  'JSON_QUERY_ARRAY', 'LAX_BOOL', 'LAX_FLOAT64', 'LAX_INT64', 'LAX_STRING', 'LEFT', 'MAX', 'MIN', 'PERCENTILE_DISC', 'REGEXP_REPLACE',
  'SAFE.TIMESTAMP_MILLIS', 'SAFE_DIVIDE', 'SUM', 'TIMESTAMP_ADD', 'TIMESTAMP_MILLIS', 'TIMESTAMP_SUB', 'TIMESTAMP_TRUNC', 'TO_JSON', 'TRUNC',
]);

const stripComments = (sql: string) => sql.replace(/--[^\n]*/g, '');
const read = (file: string) => readFileSync(path.join(sqlDir, file), 'utf8');

/** Top-level statements: split on ";" outside strings and comments. */
function statements(sql: string): string[] {
  const text = stripComments(sql);
  const out: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === ';') {
      if (current.trim()) out.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

interface Analysis {
  /** Variables from DECLARE statements. */
  variables: string[];
  /** Parsed ASTs of the other statements. */
  asts: unknown[];
}

const DECLARE = /^DECLARE\s+([a-z_][a-z0-9_]*)\s+(TIMESTAMP|STRING|INT64|DATE|FLOAT64|BOOL)\s+DEFAULT\s+([\s\S]+)$/i;

/** Parses every statement; throws naming the file and statement on any slip. */
function analyse(file: string, sql = read(file)): Analysis {
  const variables: string[] = [];
  const asts: unknown[] = [];
  for (const statement of statements(sql)) {
    const where = `${file}: ${statement.slice(0, 60).replace(/\s+/g, ' ')}…`;
    if (/^DECLARE\b/i.test(statement)) {
      const m = DECLARE.exec(statement);
      if (!m) throw new Error(`${where}: expected DECLARE name TYPE DEFAULT expression`);
      try {
        parser.astify(`SELECT ${m[3]} AS value`, BIGQUERY);
      } catch (err) {
        throw new Error(`${where}: DEFAULT expression does not parse: ${(err as Error).message}`);
      }
      variables.push(m[1]);
      continue;
    }
    try {
      asts.push(parser.astify(statement, BIGQUERY));
    } catch (err) {
      throw new Error(`${where}: does not parse as BigQuery SQL: ${(err as Error).message}`);
    }
  }
  return { variables, asts };
}

/** Names of the functions a syntax tree calls ("SAFE.X" for the SAFE. prefix). */
function functionNames(ast: unknown): string[] {
  const names: string[] = [];
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(visit);
    if (!n || typeof n !== 'object') return;
    const node = n as Record<string, any>;
    if (node.type === 'function') {
      const parts = [node.name?.schema?.value, ...(node.name?.name ?? []).map((p: { value: string }) => p.value)].filter(Boolean);
      names.push(parts.join('.').toUpperCase());
    } else if (node.type === 'aggr_func') names.push(String(node.name).toUpperCase());
    else if (node.type === 'any_value') names.push('ANY_VALUE');
    for (const value of Object.values(node)) visit(value);
  };
  visit(ast);
  return names;
}

interface ColumnRef {
  table: string | null;
  column: string;
  subFields: string[];
}

interface Names {
  refs: ColumnRef[];
  /** Every alias the statement defines: select-list and table aliases, CTE names, struct fields. */
  aliases: Set<string>;
  /** Tables read (not CTEs). */
  tables: Set<string>;
}

function walk(ast: unknown): Names {
  const refs: ColumnRef[] = [];
  const aliases = new Set<string>();
  const tables = new Set<string>();
  const ctes = new Set<string>();
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(visit);
    if (!n || typeof n !== 'object') return;
    const node = n as Record<string, any>;
    if (node.type === 'column_ref') {
      const column = typeof node.column === 'string' ? node.column : node.column?.expr?.value;
      refs.push({ table: node.table ?? null, column: String(column), subFields: node.subFields ?? [] });
    }
    if (typeof node.as === 'string') aliases.add(node.as);
    if (node.name && node.stmt) ctes.add(typeof node.name === 'string' ? node.name : node.name.value);
    if (typeof node.table === 'string' && 'surround' in node && node.type === undefined) tables.add(node.table);
    if (Array.isArray(node.using)) for (const u of node.using) refs.push({ table: null, column: u.value, subFields: [] });
    for (const value of Object.values(node)) visit(value);
  };
  visit(ast);
  for (const c of ctes) {
    aliases.add(c);
    tables.delete(c);
  }
  return { refs, aliases, tables };
}

/** Documented field paths: table rows of the common and result sections, plus user_data.<key>. */
function documentedPaths(): Set<string> {
  const doc = readFileSync(path.join(root, 'docs', 'health-log-schema.md'), 'utf8');
  const paths = new Set<string>();
  for (const section of doc.split(/\n## /)) {
    if (!/^(Common fields|`type: "result"`)/.test(section)) continue;
    for (const m of section.matchAll(/^\| `([a-z0-9_]+)` \|/gm)) paths.add(m[1]);
  }
  const keys = /exactly these keys: ((?:`[a-z0-9_]+`(?:, )?)+)/.exec(doc);
  if (!keys) throw new Error('docs/health-log-schema.md no longer lists the user_data keys as "exactly these keys: `a`, `b`"');
  for (const m of keys[1].matchAll(/`([a-z0-9_]+)`/g)) paths.add(`user_data.${m[1]}`);
  return paths;
}

/** The columns the view declares: the names of its outer select list. */
function viewColumns(): string[] {
  const { asts } = analyse(VIEW_FILE);
  const create = asts[0] as { type: string; view: { view: string }; select: { columns: { as: string | null; expr: { column?: unknown } }[] } };
  expect(create.type).toBe('create');
  expect(create.view.view).toBe(VIEW_NAME);
  return create.select.columns.map((c) => c.as ?? String((c.expr.column as { expr?: { value: string } })?.expr?.value ?? c.expr.column));
}

/** Log paths the view reads: `log.<field>[.<sub>]` and `jsonPayload.<field>`. */
function viewLogPaths(): string[] {
  const names = walk(analyse(VIEW_FILE).asts);
  return names.refs.filter((r) => r.table === 'log' || r.table === 'jsonPayload').map((r) => [r.column, ...r.subFields].join('.'));
}

/** Column slips of one report: names that are neither view columns, variables, aliases nor date parts. */
function columnSlips(file: string, sql?: string): string[] {
  const { variables, asts } = analyse(file, sql);
  const known = new Set([...viewColumns(), ...variables, ...DATE_PARTS]);
  const slips: string[] = [];
  for (const ast of asts) {
    const { refs, aliases } = walk(ast);
    for (const ref of refs) {
      if (ref.column === '*') continue;
      if (ref.table !== null && !aliases.has(ref.table)) slips.push(`${ref.table}.${ref.column} (unknown table alias ${ref.table})`);
      else if (!known.has(ref.column) && !aliases.has(ref.column)) slips.push(ref.table ? `${ref.table}.${ref.column}` : ref.column);
    }
  }
  return [...new Set(slips)];
}

/** Fields the report modules read from a result line (`rec.<field>`, `w.<field>`), and the user_data keys. */
function reportPaths(): string[] {
  const files = ['accumulator.ts', 'tag-health.ts', 'data-quality.ts', 'line-check.ts'];
  const source = files.map((f) => readFileSync(path.join(root, 'scripts', 'health', f), 'utf8')).join('\n');
  const fields = [...source.matchAll(/\brec\.([a-z0-9_]+)/g)].map((m) => m[1]).filter((f) => f !== 'user_data');
  const checked = [...source.matchAll(/^\s+([a-z_]+): \[/gm)].map((m) => m[1]); // NUMBER_RANGES keys
  return [...new Set([...fields, ...checked.filter((f) => f in NUMBER_RANGES), 'schema', 'type', ...DATA_FIELDS.map((f) => `user_data.${f}`)])];
}

describe('BigQuery SQL', () => {
  const documented = documentedPaths();

  it('ships the view and the reports', () => {
    expect(sqlFiles).toEqual([
      'data_monitoring.sql',
      'data_quality.sql',
      'setup_view.sql',
      'tag_health_by_tag.sql',
      'tag_health_events.sql',
      'tag_health_failures.sql',
      'tag_health_summary.sql',
      'tag_health_timeline.sql',
    ]);
  });

  it.each(sqlFiles)('%s: every statement parses as BigQuery SQL', (file) => {
    const { variables, asts } = analyse(file);
    expect(asts).toHaveLength(1);
    if (file === VIEW_FILE) expect(variables).toEqual([]);
    else expect(variables).toEqual(expect.arrayContaining(['since', 'until']));
  });

  it.each(sqlFiles)('%s calls only known BigQuery functions', (file) => {
    const sql = read(file);
    const declared = statements(sql).filter((st) => /^DECLARE\b/i.test(st)).map((st) => parser.astify(`SELECT ${DECLARE.exec(st)![3]} AS v`, BIGQUERY));
    const called = [...analyse(file).asts, ...declared].flatMap(functionNames);
    expect(called.length).toBeGreaterThan(0);
    expect([...new Set(called)].filter((f) => !BIGQUERY_FUNCTIONS.has(f))).toEqual([]);
  });

  it('the function check catches a misspelt function', () => {
    const { asts } = analyse('data_monitoring.sql', read('data_monitoring.sql').replace('SAFE_DIVIDE(COUNTIF(sent AND has_email)', 'SAFE_DIVIDE(COUNTIFF(sent AND has_email)'));
    expect(asts.flatMap(functionNames).filter((f) => !BIGQUERY_FUNCTIONS.has(f))).toEqual(['COUNTIFF']);
  });

  it('the view declares the typed columns the reports read', () => {
    expect(viewColumns()).toEqual([
      'entry_time',
      'event_time',
      'outcome',
      'ga4_event',
      'tiktok_event',
      'tag',
      'pixel_code',
      'error_kind',
      'skip_reason',
      'http_status',
      'tiktok_code',
      'tiktok_message',
      'error_message',
      'attempts',
      'latency_ms',
      'test_event',
      ...DATA_FIELDS.map((f) => `has_${f}`),
      'warning_codes',
      'invalid_reason',
    ]);
  });

  it('the view reads the sink table only, and only documented log fields', () => {
    const { asts } = analyse(VIEW_FILE);
    const names = walk(asts);
    expect([...names.tables]).toEqual([SINK_TABLE]);
    const unknown = names.refs.filter((r) => r.table === null && !SINK_COLUMNS.includes(r.column) && !names.aliases.has(r.column));
    expect(unknown).toEqual([]);
    const paths = viewLogPaths();
    expect(paths.filter((p) => !documented.has(p) && !CONTRACT_PATHS.includes(p) && !(p === 'schema' || p === 'type'))).toEqual([]);
    const warningReads = names.refs.filter((r) => r.table === 'w').map((r) => r.column);
    expect(warningReads.filter((c) => !WARNING_ELEMENT_FIELDS.includes(c))).toEqual([]);
  });

  it.each(reportFiles)('%s reads only the view, and every name it uses is a view column, variable or alias', (file) => {
    const { asts } = analyse(file);
    expect([...walk(asts).tables]).toEqual([VIEW_NAME]);
    expect(columnSlips(file)).toEqual([]);
  });

  it('the analysis catches a column slip and a syntax slip (the checks can fail)', () => {
    const sql = read('data_monitoring.sql');
    expect(columnSlips('data_monitoring.sql', sql.replace('COUNTIF(sent AND has_email)', 'COUNTIF(sent AND has_emial)'))).toEqual(['has_emial']);
    expect(columnSlips('data_quality.sql', read('data_quality.sql').replace('SELECT d.dimension_order', 'SELECT x.dimension_order'))).toEqual([
      'x.dimension_order (unknown table alias x)',
    ]);
    expect(() => analyse('tag_health_summary.sql', read('tag_health_summary.sql').replace('COUNTIF(outcome = \'success\') AS success,', 'COUNTIF(outcome = \'success\') AS success'))).toThrow(
      /tag_health_summary.sql: WITH period AS .*does not parse as BigQuery SQL/,
    );
    expect(() => analyse('tag_health_summary.sql', read('tag_health_summary.sql').replace('DEFAULT CURRENT_TIMESTAMP()', 'DEFAULT CURRENT_TIMESTAMP(('))).toThrow(/DEFAULT expression does not parse/);
  });

  it('every field the local report reads is documented (or in the warnings contract) and read by the view', () => {
    const read = new Set(['schema', 'type', ...viewLogPaths()]);
    const report = reportPaths();
    expect(report).toEqual(expect.arrayContaining(['tag', 'pixel_code', 'warnings', 'latency_ms', 'time_ms']));
    expect(report.filter((p) => !documented.has(p) && !CONTRACT_PATHS.includes(p))).toEqual([]);
    expect(report.filter((p) => !read.has(p))).toEqual([]);
  });

  it('the view marks rows invalid with the same reasons and ranges as sgtm health', () => {
    const view = stripComments(read(VIEW_FILE));
    expect(view).toContain("WHEN outcome IS NULL OR outcome NOT IN ('success', 'failure', 'skipped') THEN 'outcome missing or unknown'");
    expect(view).toContain(`WHEN time_ms != TRUNC(time_ms) OR time_ms < ${TIME_MS_RANGE[0]} OR time_ms >= ${TIME_MS_RANGE[1]} THEN 'time_ms out of range'`);
    for (const [field, [min, max]] of Object.entries(NUMBER_RANGES)) {
      expect(view).toContain(`WHEN ${field} != TRUNC(${field}) OR ${field} < ${min} OR ${field} > ${max} THEN '${field} out of range'`);
    }
    // Same order as line-check.ts: the first failing check names the reason.
    const order = [...view.matchAll(/THEN '([a-z_ ]+)'/g)].map((m) => m[1]);
    expect(order).toEqual(['outcome missing or unknown', 'time_ms out of range', ...Object.keys(NUMBER_RANGES).map((f) => `${f} out of range`)]);
  });

  it('the view filters on the schema version and the result type of the sink table', () => {
    const sql = stripComments(read(VIEW_FILE));
    expect(sql).toContain(`CREATE OR REPLACE VIEW \`${VIEW_NAME}\``);
    expect(sql).toContain("jsonPayload.schema = 'tiktok-events-api/1'");
    expect(sql).toContain("jsonPayload.type = 'result'");
  });

  it.each(reportFiles)('%s filters on the period, leaves invalid rows out and prunes partitions on the entry time', (file) => {
    const sql = stripComments(read(file));
    expect(sql).toContain('event_time >= since AND event_time < until');
    expect(sql).toContain('entry_time >= TIMESTAMP_SUB(since, INTERVAL 1 HOUR)');
    expect(sql).toContain('entry_time < TIMESTAMP_ADD(until, INTERVAL 1 HOUR)');
    expect(sql).toContain('AND invalid_reason IS NULL');
  });

  it('the view redacts what looks like an email or a phone number in every name and message column', () => {
    const sql = stripComments(read(VIEW_FILE));
    for (const column of ['ga4_event', 'tiktok_event', 'tag', 'pixel_code', 'error_kind', 'skip_reason', 'tiktok_message', 'error_message']) {
      expect(sql).toMatch(new RegExp(`REGEXP_REPLACE\\(${column}, r'[^']+', '\\[REDACTED\\]'\\) AS ${column},`));
    }
    // The pattern, read as RE2 would (no lookarounds), catches the canaries.
    const pattern = /REGEXP_REPLACE\(ga4_event, r'([^']+)'/.exec(sql)?.[1] as string;
    const re = new RegExp(pattern, 'g');
    for (const canary of ['jane.doe@example.com', 'Jane.Doe%2Brel%40Example.com', '+33612345678', '%2B33612345678', '0612345678']) {
      expect(`x ${canary} y`.replace(re, '[REDACTED]')).toBe('x [REDACTED] y');
    }
    expect('CompletePayment'.replace(re, '[REDACTED]')).toBe('CompletePayment');
    expect(sql).toContain(`SELECT DISTINCT LEFT(REGEXP_REPLACE(LAX_STRING(w.code), r'${pattern}', '[REDACTED]'), 200)`);
  });
});

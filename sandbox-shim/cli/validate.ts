/**
 * `sgtm validate FILE.tpl [--json]`: is this a server template GTM would accept? (See `help`.)
 */
import { parseArgs, UsageError } from './args';
import { readText } from './read-text';
import { TemplateParseError, type ParsedTemplate, type Problem } from '../types';
import { parseTemplate } from '../template/parse';
import { validateTemplate } from '../template/validate';
import { requiredApis } from '../template/api-permissions';

const USAGE = 'usage: sgtm validate FILE.tpl [--json]';

export const help = `${USAGE}

Checks that FILE.tpl is a server template GTM would accept, without running it: the sections
and their JSON/YAML, the template parameters, the permissions against the sandbox APIs the
code require()s (a missing permission is an error), and the sandbox's language rules (new,
this, try/catch, regex and template literals, spread, destructuring, delete, in, … each with
line:column and the fix), plus the ___TESTS___ section when present.

Prints one line per problem, FILE:LINE:COL severity construct: message (LINE is the line in the
.tpl file), then a summary: on success, "ok" and what was checked; otherwise "N errors, M warnings".

Options:
  --json       Print {template, ok, problems: [{severity, where, line, column, construct,
               message, fileLine}]} instead.
  -h, --help   This help.

Exit codes: 0 no errors (warnings allowed), 1 errors or a malformed .tpl, 2 bad usage or an
unreadable file.`;

/** A problem as printed: with the .tpl file line when it is about the template code. */
export interface ReportedProblem extends Problem {
  fileLine?: number;
}

export function locate(problems: Problem[], template: ParsedTemplate | undefined): ReportedProblem[] {
  return problems.map((p) =>
    template && p.where === template.codeSection && p.line !== undefined ? { ...p, fileLine: template.codeStartLine + p.line - 1 } : p,
  );
}

export function formatProblem(file: string, p: ReportedProblem): string {
  const place = p.fileLine !== undefined ? `${file}:${p.fileLine}:${p.column ?? 0}` : file;
  const construct = p.construct ? `${p.construct}: ` : '';
  const inner = p.fileLine === undefined && p.where ? ` [${p.where}${p.line !== undefined ? ` ${p.line}:${p.column ?? 0}` : ''}]` : '';
  return `${place}: ${p.severity} ${construct}${p.message}${inner}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function summary(problems: Problem[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  if (problems.length === 0) return 'ok';
  return errors === 0 ? `ok, ${plural(warnings, 'warning')}` : `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

/** What a passing validation looked at, so "ok" is not taken on trust. */
export function checkedLine(template: ParsedTemplate): string {
  const apis = requiredApis(template.code);
  const codeLines = template.code.split('\n').length;
  const tests = template.tests.scenarios.length;
  return (
    `checked: the sections and their JSON/YAML (a server ${String(template.info?.type ?? 'TAG').toLowerCase()} template); ${plural(template.parameters.length, 'parameter')}; ` +
    `${plural(template.permissions.length, 'permission')} against the ${plural(apis.length, 'sandbox API')} the code requires; ` +
    `the sandbox language rules in ${plural(codeLines, 'line')} of code` +
    (tests ? `; ${plural(tests, 'test scenario')} parsed` : '')
  );
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['json'], []);
  if (args.positionals.length !== 1) throw new UsageError(`expected one FILE.tpl, got ${args.positionals.length} (${USAGE})`);
  const file = args.positionals[0];
  const text = readText(file);

  let template: ParsedTemplate | undefined;
  let problems: ReportedProblem[];
  try {
    template = parseTemplate(text, file);
    problems = locate(validateTemplate(template).problems, template);
  } catch (err) {
    if (!(err instanceof TemplateParseError)) throw err;
    problems = [{ severity: 'error', where: err.section, message: err.message }];
  }
  const ok = !problems.some((p) => p.severity === 'error');

  if (args.flags.has('json')) {
    process.stdout.write(JSON.stringify({ template: file, ok, problems }, null, 2) + '\n');
  } else {
    const lines = problems.map((p) => (template ? formatProblem(file, p) : `${file}: ${p.severity} ${p.message}`));
    process.stdout.write([...lines, summary(problems), ...(ok && template ? [checkedLine(template)] : [])].join('\n') + '\n');
  }
  return ok ? 0 : 1;
}

/**
 * `sgtm validate FILE.tpl [--json]`: is this a server template GTM would accept?
 * Prints one line per problem, `FILE:LINE:COL severity construct: message`, with LINE the .tpl
 * file line for problems in the code section, then "ok" or "N errors, M warnings".
 * Exit 0 without errors, 1 with errors (or a malformed .tpl), 2 for usage or an unreadable file.
 */
import { parseArgs, UsageError } from './args';
import { readText } from './read-text';
import { TemplateParseError, type ParsedTemplate, type Problem } from '../types';
import { parseTemplate } from '../template/parse';
import { validateTemplate } from '../template/validate';

const USAGE = 'usage: sgtm validate FILE.tpl [--json]';

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
    process.stdout.write([...lines, summary(problems)].join('\n') + '\n');
  }
  return ok ? 0 : 1;
}

/**
 * `sgtm test FILE.tpl [--json] [--filter TEXT] [--allow-network] [--route HOST=ORIGIN]...
 *  [--timeout MS]`
 *
 * Runs the template's own ___TESTS___: one line per scenario (✓/✗ name (ms) and the error) and
 * a summary, or with --json `{template, scenarios: [{name, passed, error?, durationMs}], passed,
 * failed, warnings}`. Language-rule findings in the test code go to stderr (and to `warnings` in
 * the JSON) and never fail a scenario: GTM ran those published suites, so a finding there is a
 * false positive of our checker, not a reason to fail. Exit 0 when all pass, 1 otherwise, 2 for usage.
 */
import { checkLanguage } from '../template/language-rules';
import { runTemplateTests } from '../tests-runner/run-tests';
import type { ParsedTemplate, Problem } from '../types';
import { lastValue, parseArgs, UsageError } from './args';
import { loadTemplate, parseRoutes, parseTimeout, withFileLines } from './run';

const USAGE = 'usage: sgtm test FILE.tpl [--json] [--filter TEXT] [--allow-network] [--route HOST=ORIGIN]... [--timeout MS]';

export const help = `${USAGE}

Runs the template's own ___TESTS___ like GTM's template editor ("Run tests"): the setup code and
each scenario in one scope, with mock, mockObject, assertApi, assertThat, runCode and fail; async
work is drained before a scenario ends. Prints one line per scenario (✓/✗ name (ms) and the
error, with what the template logged) and "N passed, M failed". Findings of the sandbox language
rules in the test code go to stderr as warnings and never fail a scenario.

Options:
  --json             Print {template, scenarios: [{name, passed, error?, durationMs}], passed,
                     failed, warnings} instead.
  --filter TEXT      Run only the scenarios whose name contains TEXT (case-sensitive).
  --allow-network    Let an unmocked, unrouted sendHttpRequest/sendHttpGet really go out. Off by
                     default: such a call is recorded (assertApi sees it) but not sent, never
                     settles, and is listed as a network_not_sent warning, so a test never
                     reaches the internet.
  --route HOST=ORIGIN
                     Send requests for HOST to ORIGIN instead (repeatable), e.g.
                     --route business-api.tiktok.com=http://127.0.0.1:9401.
  --timeout MS       Longest a scenario may run before it fails as a timeout (default 5000).
  -h, --help         This help.

Exit codes: 0 every scenario passed, 1 a scenario failed, 2 bad usage or an unreadable or
malformed file.`;

function languageWarnings(template: ParsedTemplate): Problem[] {
  const out: Problem[] = [];
  if (template.tests.setup) out.push(...checkLanguage(template.tests.setup, 'setup'));
  for (const s of template.tests.scenarios) out.push(...checkLanguage(s.code, `scenario "${s.name}"`));
  return out;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['json', 'allow-network'], ['filter', 'route', 'timeout']);
  if (args.positionals.length !== 1) throw new UsageError(`expected one FILE.tpl, got ${args.positionals.length} (${USAGE})`);
  const file = args.positionals[0];
  const template = loadTemplate(file);
  const warnings = languageWarnings(template);
  for (const p of warnings) {
    process.stderr.write(`${file}: warning [${p.where}${p.line !== undefined ? ` line ${p.line}` : ''}] ${p.construct ? `${p.construct}: ` : ''}${p.message}\n`);
  }
  const report = await runTemplateTests(template, {
    filter: lastValue(args, 'filter'),
    allowNetwork: args.flags.has('allow-network'),
    routes: parseRoutes(args),
    scenarioTimeoutMs: parseTimeout(args),
  });
  if (args.flags.has('json')) {
    const json = {
      template: report.template,
      scenarios: report.scenarios.map((s) => ({ name: s.name, passed: s.passed, ...(s.error !== undefined ? { error: s.error } : {}), durationMs: s.durationMs })),
      passed: report.passed,
      failed: report.failed,
      warnings: [
        // Accepted by the parser, e.g. a section repeated in the file.
        ...(template.warnings ?? []).map((p) => ({ where: p.where, message: p.message })),
        ...warnings.map((p) => ({ where: p.where, line: p.line, column: p.column, construct: p.construct, message: p.message })),
        // What a scenario did that GTM's editor accepts and the shim only tolerates (e.g. an unmocked request not sent).
        ...report.warnings.map((w) => ({ where: `scenario "${w.scenario}"`, code: w.code, scenario: w.scenario, ...(w.url !== undefined ? { url: w.url } : {}), message: w.message })),
      ],
    };
    process.stdout.write(JSON.stringify(json, null, 2) + '\n');
  } else {
    for (const s of report.scenarios) {
      process.stdout.write(`${s.passed ? '✓' : '✗'} ${s.name} (${Math.round(s.durationMs)} ms)\n`);
      for (const w of s.warnings) process.stdout.write(`    warning: ${w.message}\n`);
      if (s.error) {
        process.stdout.write(`    ${withFileLines(s.error, template)}\n`);
        // What the template logged is often the quickest way to see why a scenario failed.
        for (const entry of s.console ?? []) process.stdout.write(`    [${entry.level}] ${entry.message}\n`);
      }
    }
    const total = report.scenarios.length;
    const warned = report.warnings.length === 0 ? '' : `, ${report.warnings.length} warning${report.warnings.length === 1 ? '' : 's'}`;
    process.stdout.write(total === 0 ? 'no scenarios to run\n' : `${report.passed} passed, ${report.failed} failed${warned}\n`);
  }
  return report.failed === 0 ? 0 : 1;
}

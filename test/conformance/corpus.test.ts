/**
 * Runs the ___TESTS___ of every lookalike of a published server template through the shim and
 * checks each scenario's outcome against what GTM's test runner would give (sources/*.ts hold
 * the expected outcomes next to the code). A scenario failing here is a shim disagreement,
 * unless the .tpl is out of date (the first test of each template says so).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTemplate, runTemplateTests, validateTemplate, type ScenarioResult } from '../../sandbox-shim/index';
import { renderTpl } from './lib/tpl-writer';
import { SOURCES } from './sources/index';

function outcome(result: ScenarioResult | undefined): unknown {
  if (!result) return 'not run';
  return result.passed ? 'pass' : { fails: result.error };
}

describe.each(SOURCES.map((s) => [s.file, s] as const))('%s', (file, source) => {
  const tplPath = join(__dirname, 'templates', `${file}.tpl`);
  const text = readFileSync(tplPath, 'utf8');
  let results: Map<string, ScenarioResult>;

  beforeAll(async () => {
    const template = parseTemplate(text, `${file}.tpl`);
    const report = await runTemplateTests(template, {});
    results = new Map(report.scenarios.map((r) => [r.name, r]));
  });

  test('the .tpl is the export of its source (run: npx ts-node test/conformance/build.ts)', () => {
    expect(text).toBe(renderTpl(source));
  });

  test('parses as a server template of the declared type with every scenario', () => {
    const template = parseTemplate(text, `${file}.tpl`);
    expect(template.info.type).toBe(source.type);
    expect(template.codeSection).toBe('___SANDBOXED_JS_FOR_SERVER___');
    expect(template.tests.scenarios.map((s) => s.name)).toEqual(source.scenarios.map((s) => s.name));
  });

  test('validates without errors (GTM\'s editor would save it)', () => {
    const { problems } = validateTemplate(parseTemplate(text, `${file}.tpl`));
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  test('a repeated section is accepted with one warning each, and nothing else is', () => {
    const template = parseTemplate(text, `${file}.tpl`);
    expect((template.warnings ?? []).map((w) => w.where)).toEqual(source.repeatSections ?? []);
  });

  test.each(source.scenarios.map((s) => [s.name, s] as const))('%s', (name, scenario) => {
    expect(outcome(results.get(name))).toEqual(scenario.expect);
    const warnings = (results.get(name)?.warnings ?? []).map((w) => (w.url === undefined ? w.code : `${w.code} ${w.url}`));
    expect(warnings).toEqual(scenario.warnings ?? []);
  });
});

/** The shared fixture templates (test/fixtures/*.tpl) run their own ___TESTS___ with the expected outcome per scenario. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseTemplate } from '../../sandbox-shim/template/parse';
import { runTemplateTests } from '../../sandbox-shim/tests-runner/run-tests';

const load = (file: string) => parseTemplate(readFileSync(path.join(__dirname, '..', 'fixtures', file), 'utf8'), file);

const PASSING: Record<string, string[]> = {
  'bigquery-insert.tpl': ['Inserts one row and succeeds', 'Fails when the insert is rejected', 'Uses the default project when none is set'],
  'client-claims-request.tpl': ['Claims a POST to its path and runs the container', 'Ignores other paths', 'Rejects a body without event_name', 'Rejects GET requests'],
  'cookies-and-request.tpl': ['Stores the click ID from the query string', 'Falls back to the referer', 'Does not rewrite an unchanged cookie', 'Ignores excluded IP addresses'],
  'hand-written-no-bom-block-yaml.tpl': ['Pings when ad storage is granted', 'Skips the ping when ad storage is denied', 'Pings anyway when consent is ignored'],
  'http-callback-form.tpl': ['Builds the pixel URL and succeeds on 204', 'Fails when the request could not be sent', 'Skips event fields that are not set'],
  'http-post-promise.tpl': ['Sends the event as JSON and succeeds on 200', 'Fails on HTTP 500', 'Fails when the request times out', 'Leaves out the user agent when unticked'],
  'logging-debug-only.tpl': ['Logs in preview', 'Stays quiet in production'],
  'storage-cache.tpl': ['Returns the cached rate while it is fresh', 'Fetches and stores the rate when the cache is stale', 'Falls back to the stale value on an HTTP error', 'Resolves a real promise on a cache miss'],
  'variable-returns-value.tpl': ['Hashes a normalised email', 'Passes an already hashed value through', 'Returns undefined without an email', 'Reads a custom key'],
};

test.each(Object.entries(PASSING))('%s: every scenario passes', async (file, names) => {
  const report = await runTemplateTests(load(file), {});
  expect(report.scenarios.map((s) => [s.name, s.passed, s.error ?? null])).toEqual(names.map((n) => [n, true, null]));
});

test('missing-permission.tpl: the unmocked logToConsole is refused by the permission engine', async () => {
  const report = await runTemplateTests(load('missing-permission.tpl'), {});
  expect(report.scenarios.map((s) => [s.name, s.passed, s.error ?? null])).toEqual([
    ['Sends the event', false, 'PermissionError: logToConsole: the template does not declare the logging permission (template line 7)'],
  ]);
});

test('uses-try-catch.tpl: an empty suite runs nothing', async () => {
  const report = await runTemplateTests(load('uses-try-catch.tpl'), {});
  expect(report).toEqual({ template: 'uses-try-catch.tpl', scenarios: [], passed: 0, failed: 0, warnings: [] });
});

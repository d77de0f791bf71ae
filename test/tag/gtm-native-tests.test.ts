/** The template's own ___TESTS___ (src/gtm-tests), run by the shim the way GTM's "Run tests" does. */
import { readdirSync } from 'fs';
import path from 'path';
import { runTemplateTests } from '../../sandbox-shim';
import { builtTemplate } from './support/run-tag';

describe('GTM-native tests in template/template.tpl', () => {
  it('has one scenario per src/gtm-tests file and every scenario passes', async () => {
    const files = readdirSync(path.resolve(__dirname, '..', '..', 'src', 'gtm-tests')).filter((f) => f.endsWith('.js') && f !== 'setup.js');
    const report = await runTemplateTests(builtTemplate(), {});
    expect(report.scenarios).toHaveLength(files.length);
    expect(report.scenarios.filter((s) => !s.passed).map((s) => `${s.name}: ${s.error}`)).toEqual([]);
    expect(report.failed).toBe(0);
  });
});

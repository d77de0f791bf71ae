import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTemplate } from '../../sandbox-shim/template/parse';
import { validateTemplate } from '../../sandbox-shim/template/validate';

const dir = join(__dirname, '..', 'fixtures');
const read = (name: string) => readFileSync(join(dir, name), 'utf8');

/** Fixtures that are valid server templates: type, scenario count, and the APIs they show. */
const valid: [string, string, number][] = [
  ['http-post-promise.tpl', 'TAG', 4],
  ['http-callback-form.tpl', 'TAG', 3],
  ['cookies-and-request.tpl', 'TAG', 4],
  ['variable-returns-value.tpl', 'MACRO', 4],
  ['client-claims-request.tpl', 'CLIENT', 4],
  ['bigquery-insert.tpl', 'TAG', 3],
  ['storage-cache.tpl', 'MACRO', 4],
  ['logging-debug-only.tpl', 'TAG', 2],
  ['hand-written-no-bom-block-yaml.tpl', 'TAG', 3],
];

/** Fixtures that are invalid on purpose: the constructs (or message) the validator must report. */
const invalid: [string, string[]][] = [
  ['uses-try-catch.tpl', ['5:0 try statement', '13:2 throw']],
  ['uses-new-and-this.tpl', ['4:2 this', '7:16 new']],
  ['missing-permission.tpl', ['2:24 require', '3:21 require']],
  ['web-template.tpl', ['this is a web template; the shim runs server templates']],
];

describe('shared fixtures', () => {
  it.each(valid)('%s is a valid server %s template with %d test scenarios', (name, type, scenarios) => {
    const t = parseTemplate(read(name), name);
    expect(t.info.type).toBe(type);
    expect(t.tests.scenarios).toHaveLength(scenarios);
    expect(validateTemplate(t)).toEqual({ ok: true, problems: [] });
  });

  it.each(invalid)('%s is rejected', (name, expected) => {
    const r = validateTemplate(parseTemplate(read(name), name));
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => (p.line !== undefined ? `${p.line}:${p.column} ${p.construct}` : p.message))).toEqual(expected);
  });

  it('GTM exports carry a BOM and terms of service; the hand-written one does not', () => {
    for (const [name] of valid) {
      const text = read(name);
      const handWritten = name.startsWith('hand-written');
      expect([name, text.startsWith('\uFEFF___TERMS_OF_SERVICE___')]).toEqual([name, !handWritten]);
    }
  });

  it('every fixture is described in test/fixtures/README.md', () => {
    const readme = read('README.md');
    const undocumented = readdirSync(dir).filter((f) => f.endsWith('.tpl') && !readme.includes('`' + f + '`'));
    expect(undocumented).toEqual([]);
  });
});

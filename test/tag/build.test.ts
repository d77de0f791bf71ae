/**
 * The build: byte-stable, committed output up to date, GTM's .tpl layout, least privilege
 * enforced, and sandbox-language problems reported at their TypeScript source.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import yaml from 'js-yaml';
import os from 'os';
import path from 'path';
import { parseTemplate, validateTemplate } from '../../sandbox-shim';
import { BuildError, buildTemplate, ROOT } from '../../scripts/build/command';
import { readGtmTests } from '../../scripts/build/gtm-tests';
import { encodeValue } from '../../scripts/build/permissions';
import { doubleQuoted } from '../../scripts/build/tests-yaml';
import { PERMISSIONS } from '../../src/template/permissions';

const SANDBOX = path.join(ROOT, 'src', 'sandbox');

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempEntry(code: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tag-build-'));
  tempDirs.push(dir);
  const file = path.join(dir, 'entry.ts');
  writeFileSync(file, code);
  return file;
}

async function buildProblems(overrides: Parameters<typeof buildTemplate>[0]): Promise<string[]> {
  try {
    await buildTemplate(overrides);
  } catch (err) {
    if (err instanceof BuildError) return err.problems;
    throw err;
  }
  return [];
}

describe('build output', () => {
  let first: Awaited<ReturnType<typeof buildTemplate>>;
  beforeAll(async () => { first = await buildTemplate(); });

  it('is byte-stable and equal to the committed template/ files', async () => {
    const second = await buildTemplate();
    expect(second.tpl).toBe(first.tpl);
    expect(readFileSync(path.join(ROOT, 'template', 'template.tpl'), 'utf8')).toBe(first.tpl);
    expect(readFileSync(path.join(ROOT, 'template', 'metadata.yaml'), 'utf8')).toBe(first.metadata);
  });

  it('is laid out the way GTM exports: BOM, section order, blank lines, 2-space JSON', () => {
    const tpl = first.tpl;
    expect(tpl.startsWith('\uFEFF___TERMS_OF_SERVICE___\n\nBy creating or modifying this file you agree to Google Tag Manager\'s Community\n')).toBe(true);
    const markers = tpl.split('\n').filter((l) => /^\uFEFF?___[A-Z_]+___$/.test(l)).map((l) => l.replace('\uFEFF', ''));
    expect(markers).toEqual(['___TERMS_OF_SERVICE___', '___INFO___', '___TEMPLATE_PARAMETERS___', '___SANDBOXED_JS_FOR_SERVER___', '___SERVER_PERMISSIONS___', '___TESTS___', '___NOTES___']);
    expect(tpl).toContain('\n\n\n___INFO___\n\n{\n  "type": "TAG",\n  "id": "cvt_temp_public_id",\n');
    expect(tpl).not.toContain('\r');
    const parsed = parseTemplate(tpl, 'template.tpl');
    expect(parsed.info).toMatchObject({ type: 'TAG', containerContexts: ['SERVER'], displayName: 'TikTok Events API', brand: { displayName: 'TikTok Events API' } });
    expect(parsed.info.categories).toEqual(['ADVERTISING', 'CONVERSIONS', 'ANALYTICS']);
    expect(validateTemplate(parsed).problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('requires exactly the APIs it uses, with string literals: at the top of the code, or on first use for the rarely needed', () => {
    expect(first.apis).toEqual(['getType', 'JSON', 'sha256Sync', 'parseUrl', 'getTimestampMillis', 'getAllEventData', 'getRequestHeader',
      'getCookieValues', 'sendHttpRequest', 'logToConsole', 'getContainerVersion', 'makeNumber', 'encodeUriComponent', 'setCookie']);
    expect(first.code.split('\n')[1]).toBe('var getType = require("getType");');
    // A require crosses the sandbox boundary like a call: the three APIs a typical event never
    // calls are required inside their wrapper, once, when first called.
    for (const api of ['makeNumber', 'encodeUriComponent', 'setCookie']) {
      expect(first.code).toContain(`if (${api}Api === undefined) ${api}Api = require("${api}");`);
      expect(first.code).not.toContain(`var ${api} = require(`);
    }
    expect(first.code).not.toMatch(/void 0|sandboxRequire|__PURE__|`/);
  });

  it('declares least-privilege permissions: only the TikTok endpoint, logging in all environments', () => {
    const parsed = parseTemplate(first.tpl, 'template.tpl');
    const byId = Object.fromEntries(parsed.permissions.map((p) => [p.publicId, p.params]));
    expect(Object.keys(byId)).toEqual(['logging', 'read_event_data', 'read_request', 'send_http', 'get_cookies', 'set_cookies', 'read_container_data']);
    expect(byId.send_http).toEqual({ allowedUrls: 'specific', urls: ['https://business-api.tiktok.com/open_api/v1.3/event/track/'] });
    expect(byId.logging).toEqual({ environments: 'all' });
    expect(byId.get_cookies).toEqual({ cookieAccess: 'specific', cookieNames: ['ttclid', '_ttp', '_tt_enhanced'] });
    expect(first.tpl).toContain('  {\n    "instance": {\n      "key": {\n        "publicId": "send_http",\n        "versionId": "1"\n      },\n      "param": [\n');
  });

  it('writes ___TESTS___ as GTM does, and it reads back to the src/gtm-tests files', () => {
    const section = first.tpl.split('___TESTS___\n\n')[1].split('\n\n\n___NOTES___')[0];
    expect(section.startsWith('scenarios:\n- name: ')).toBe(true);
    const loaded = yaml.load(section) as { scenarios: { name: string; code: string }[]; setup: string };
    const source = readGtmTests(path.join(ROOT, 'src', 'gtm-tests'));
    expect(loaded.scenarios).toEqual(source.scenarios);
    expect(loaded.setup).toBe(source.setup);
  });

  it('folds double-quoted YAML like SnakeYAML (escapes, 80 columns, "\\ " continuations)', () => {
    expect(doubleQuoted('a "b"\\\tc\n', 8, 4)).toBe('"a \\"b\\"\\\\\\tc\\n"');
    const folded = doubleQuoted('word '.repeat(30).trim(), 8, 4);
    // PyYAML/SnakeYAML give exactly this for the same input and width.
    expect(folded).toBe('"word word word word word word word word word word word word word word word\\\n    \\ word word word word word word word word word word word word word word word"');
    expect(yaml.load('k: ' + folded)).toEqual({ k: 'word '.repeat(30).trim() });
  });
});

describe('build failures', () => {
  it('fails on a permission the code needs but does not declare', async () => {
    const problems = await buildProblems({ permissions: PERMISSIONS.filter((p) => p.publicId !== 'get_cookies') });
    expect(problems).toEqual(['permissions: getCookieValues needs the "get_cookies" permission; declare it in src/template/permissions.ts']);
  });

  it('fails on a declared permission nothing uses', async () => {
    const problems = await buildProblems({ permissions: [...PERMISSIONS, { publicId: 'access_template_storage', params: {} }] });
    expect(problems).toEqual(['permissions: the "access_template_storage" permission is declared but no required API uses it; remove it from src/template/permissions.ts']);
  });

  it('fails when send_http allows more than the TikTok endpoint, or logging is debug-only', async () => {
    const wide = PERMISSIONS.map((p) => (p.publicId === 'send_http' ? { publicId: 'send_http', params: { allowedUrls: 'any' } } : p));
    expect(await buildProblems({ permissions: wide })).toEqual([
      'permissions: send_http must allow only https://business-api.tiktok.com/open_api/v1.3/event/track/ (allowedUrls "specific", urls [that one URL])',
    ]);
    const debugOnly = PERMISSIONS.map((p) => (p.publicId === 'logging' ? { publicId: 'logging', params: { environments: 'debug' } } : p));
    expect(await buildProblems({ permissions: debugOnly })).toEqual([
      'permissions: logging must be allowed in "all" environments: the result lines are production monitoring',
    ]);
  });

  it('fails on sandbox-language violations, naming the TypeScript file, line and column', async () => {
    const entry = tempEntry([
      `import { logToConsole } from ${JSON.stringify(SANDBOX)};`,
      'declare const data: { name: string };',
      'logToConsole(`hello ${data.name}`);',
      'const n = parseInt(data.name);',
      'if ([1].includes(n)) logToConsole(new Date());',
      '',
    ].join('\n'));
    const problems = await buildProblems({ entry });
    const file = path.relative(ROOT, entry);
    expect(problems).toEqual([
      `${file}:3:14: error: template literal: template literals are not supported; concatenate strings with +`,
      `${file}:4:11: error: unknown global: "parseInt" does not exist in the sandbox (only data and require are global); require() an API instead`,
      `${file}:5:9: error: missing method: .includes() is not in the sandbox's standard library; use indexOf(x) !== -1`,
      `${file}:5:35: error: new: \`new\` is not available in the sandbox; build values with literals and require()d APIs (e.g. Promise.create instead of new Promise)`,
      `${file}:5:39: error: unknown global: "Date" does not exist in the sandbox (only data and require are global); require() an API instead`,
    ]);
  });
});

describe('sgtm build (CLI)', () => {
  it('--check exits 0 when template/ matches src/, and stray arguments are a usage error', async () => {
    const { run } = await import('../../scripts/build/command');
    const { UsageError } = await import('../../sandbox-shim/cli/args');
    await expect(run(['--check'])).resolves.toBe(0);
    await expect(run(['template.tpl'])).rejects.toThrow(new UsageError('unexpected argument "template.tpl" (usage: sgtm build [--check])'));
    await expect(run(['--watch'])).rejects.toThrow(UsageError);
  });
});

describe('typed permission values', () => {
  test('strings, booleans, lists and maps encode as GTM exports them', () => {
    expect(encodeValue({ urls: ['https://a/*'], on: true })).toEqual({
      type: 3,
      mapKey: [{ type: 1, string: 'urls' }, { type: 1, string: 'on' }],
      mapValue: [{ type: 2, listItem: [{ type: 1, string: 'https://a/*' }] }, { type: 8, boolean: true }],
    });
  });

  test('a value GTM has no typed form for is refused, not written', () => {
    expect(() => encodeValue(3)).toThrow('permission values are strings, booleans, lists or maps; got 3');
    expect(() => encodeValue({ a: null })).toThrow('permission values are strings, booleans, lists or maps; got null');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTemplate } from '../../sandbox-shim/template/parse';
import { decodeTypedValue } from '../../sandbox-shim/template/decode-permissions';
import { TemplateParseError } from '../../sandbox-shim/types';
import { INFO, perm, serverTag, tplText } from './tpl-text';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', name), 'utf8');

function parseError(text: string): TemplateParseError {
  try {
    parseTemplate(text, 'x.tpl');
  } catch (err) {
    if (err instanceof TemplateParseError) return err;
    throw err;
  }
  throw new Error('expected a TemplateParseError');
}

describe('parseTemplate on a GTM export', () => {
  const t = parseTemplate(fixture('http-post-promise.tpl'), 'http-post-promise.tpl');

  it('reads every section of an export with a BOM', () => {
    expect(Object.keys(t.sections)).toEqual([
      '___TERMS_OF_SERVICE___', '___INFO___', '___TEMPLATE_PARAMETERS___', '___SANDBOXED_JS_FOR_SERVER___',
      '___SERVER_PERMISSIONS___', '___TESTS___', '___NOTES___',
    ]);
    expect(t.name).toBe('http-post-promise.tpl');
    expect(t.info.type).toBe('TAG');
    expect(t.info.displayName).toBe('HTTP POST (promise form)');
    expect(t.info.containerContexts).toEqual(['SERVER']);
    expect(t.termsOfService!.startsWith("By creating or modifying this file you agree to Google Tag Manager's Community")).toBe(true);
    expect(t.notes).toBe('Created on 11/25/2026, 09:00:00');
    expect(t.parameters.map((p) => p.name)).toEqual(['endpoint', 'apiKey', 'advanced']);
  });

  it('keeps the code without surrounding blank lines and knows its first file line', () => {
    expect(t.codeSection).toBe('___SANDBOXED_JS_FOR_SERVER___');
    expect(t.code.split('\n')[0]).toBe("const getAllEventData = require('getAllEventData');");
    expect(t.code.endsWith('}')).toBe(true);
    const fileLines = fixture('http-post-promise.tpl').split('\n');
    expect(fileLines[t.codeStartLine - 1]).toBe("const getAllEventData = require('getAllEventData');");
    expect(fileLines[t.codeStartLine - 3]).toBe('___SANDBOXED_JS_FOR_SERVER___');
  });

  it('decodes permissions: strings, lists, lists of maps, booleans', () => {
    expect(t.permissions).toEqual([
      { publicId: 'read_event_data', params: { eventDataAccess: 'any' }, isRequired: true },
      {
        publicId: 'read_request',
        params: { headerWhitelist: [{ headerName: 'trace-id' }], headersAllowed: true, requestAccess: 'specific', headerAccess: 'specific', queryParameterAccess: 'any' },
        isRequired: true,
      },
      { publicId: 'read_container_data', params: {}, isRequired: true },
      { publicId: 'send_http', params: { allowedUrls: 'specific', urls: ['https://collect.example.com/*'] }, isRequired: true },
      { publicId: 'logging', params: { environments: 'debug' }, isRequired: true },
    ]);
  });

  it('reads double-quoted, folded YAML tests exactly', () => {
    expect(t.tests.scenarios.map((s) => s.name)).toEqual([
      'Sends the event as JSON and succeeds on 200', 'Fails on HTTP 500', 'Fails when the request times out', 'Leaves out the user agent when unticked',
    ]);
    expect(t.tests.scenarios[1].code).toBe(
      "mock('sendHttpRequest', function () {\n  return Promise.create(function (resolve) {\n    resolve({statusCode: 500, headers: {}, body: 'oops'});\n  });\n});\n\nrunCode(mockData);\n\ncallLater(function () {\n  assertApi('gtmOnFailure').wasCalled();\n  assertApi('gtmOnSuccess').wasNotCalled();\n});",
    );
    expect(t.tests.setup.split('\n').slice(0, 3)).toEqual(["const Promise = require('Promise');", "const JSON = require('JSON');", "const callLater = require('callLater');"]);
  });

  it('reads a hand-written file: no BOM, NOTES after INFO, |- block scalars', () => {
    const h = parseTemplate(fixture('hand-written-no-bom-block-yaml.tpl'), 'h.tpl');
    expect(Object.keys(h.sections).slice(0, 2)).toEqual(['___INFO___', '___NOTES___']);
    expect(h.notes).toBe('v1.1.0 - read consent from x-ga-gcs (position 2 is ad_storage).\nv1.0.0 - first version.');
    expect(h.termsOfService).toBeUndefined();
    expect(h.tests.scenarios[1]).toEqual({
      name: 'Skips the ping when ad storage is denied',
      code: "mock('getEventData', function (key) {\n  return {'x-ga-gcs': 'G101', event_name: 'page_view'}[key];\n});\n\nrunCode(mockData);\n\nassertApi('sendHttpGet').wasNotCalled();\nassertApi('gtmOnSuccess').wasCalled();",
    });
    expect(h.tests.setup).toBe("const Promise = require('Promise');\nconst callLater = require('callLater');\n\nconst mockData = {\n  pingUrl: 'https://ping.example.com/p',\n  respectConsent: true\n};");
    expect(h.permissions[0]).toEqual({ publicId: 'read_event_data', params: { keyPatterns: ['x-ga-gcs', 'event_name'], eventDataAccess: 'specific' }, isRequired: true });
  });

  it('reads an empty suite as no scenarios and empty setup', () => {
    const e = parseTemplate(fixture('uses-try-catch.tpl'), 'e.tpl');
    expect(e.sections['___TESTS___']).toBe("scenarios: []\nsetup: ''");
    expect(e.tests).toEqual({ scenarios: [], setup: '' });
  });

  it('reads a web template with its web code and permission sections', () => {
    const w = parseTemplate(fixture('web-template.tpl'), 'w.tpl');
    expect(w.codeSection).toBe('___SANDBOXED_JS_FOR_WEB_TEMPLATE___');
    expect(w.permissions).toEqual([{ publicId: 'inject_script', params: { urls: ['https://cdn.example.com/'] }, isRequired: true }]);
  });
});

describe('parseTemplate layout tolerance', () => {
  it('treats CRLF like LF and counts lines the same', () => {
    const lf = serverTag({ code: 'const a = 1;\r\nreturn a;' });
    const t = parseTemplate(serverTag({ code: 'const a = 1;\nreturn a;' }).replace(/\n/g, '\r\n'), 'crlf.tpl');
    const u = parseTemplate(lf.replace(/\r/g, ''), 'lf.tpl');
    expect(t.code).toBe('const a = 1;\nreturn a;');
    expect(t.codeStartLine).toBe(u.codeStartLine);
    expect(t.info).toEqual(INFO);
  });

  it('strips a BOM and accepts sections in any order', () => {
    const text = tplText(
      [
        ['___TESTS___', 'scenarios:\n- name: a\n  code: runCode({});\nsetup: ""'],
        ['___SANDBOXED_JS_FOR_SERVER___', 'data.gtmOnSuccess();'],
        ['___INFO___', JSON.stringify(INFO)],
      ],
      { bom: true },
    );
    const t = parseTemplate(text, 'order.tpl');
    expect(Object.keys(t.sections)).toEqual(['___TESTS___', '___SANDBOXED_JS_FOR_SERVER___', '___INFO___']);
    expect(t.info.displayName).toBe('Test tag');
    expect(t.parameters).toEqual([]);
    expect(t.permissions).toEqual([]);
    expect(t.tests).toEqual({ scenarios: [{ name: 'a', code: 'runCode({});' }], setup: '' });
    expect(t.codeStartLine).toBe(11);
  });

  it('treats a missing TESTS section as no scenarios', () => {
    expect(parseTemplate(serverTag(), 'n.tpl').tests).toEqual({ scenarios: [], setup: '' });
  });

  it('keeps blank lines inside the code and the code indentation', () => {
    const t = parseTemplate(serverTag({ code: '  const a = 1;\n\n\n  return a;' }), 'b.tpl');
    expect(t.code).toBe('  const a = 1;\n\n\n  return a;');
  });
});

describe('decodeTypedValue', () => {
  it('decodes nested maps and lists and keeps unknown types raw', () => {
    expect(
      decodeTypedValue({
        type: 2,
        listItem: [{ type: 3, mapKey: [{ type: 1, string: 'name' }, { type: 1, string: 'secure' }], mapValue: [{ type: 1, string: '_ga' }, { type: 8, boolean: false }] }],
      }),
    ).toEqual([{ name: '_ga', secure: false }]);
    expect(decodeTypedValue({ type: 5, number: 3 })).toEqual({ type: 5, number: 3 });
    expect(decodeTypedValue('bare')).toBe('bare');
  });
});

describe('parseTemplate errors name the section and what is wrong', () => {
  const cases: [string, string, string][] = [
    ['malformed INFO JSON (trailing comma) with the file line', fixture('malformed-info-json.tpl'), '___INFO___: invalid JSON at line 25 column 1 of the file: Unexpected token } (trailing comma?)'],
    [
      'bad JSON in TEMPLATE_PARAMETERS',
      tplText([['___INFO___', JSON.stringify(INFO)], ['___TEMPLATE_PARAMETERS___', '[\n  {\n    "type": "TEXT"\n    "name": "a"\n  }\n]'], ['___SANDBOXED_JS_FOR_SERVER___', 'x;']]),
      '___TEMPLATE_PARAMETERS___: invalid JSON at line 11 column 5 of the file: Expected \',\' or \'}\' after property value, found "',
    ],
    [
      'truncated permissions JSON',
      tplText([['___INFO___', JSON.stringify(INFO)], ['___SANDBOXED_JS_FOR_SERVER___', 'x;'], ['___SERVER_PERMISSIONS___', '[\n  {"instance": ']]),
      '___SERVER_PERMISSIONS___: invalid JSON at line 14 column 16 of the file: Unexpected end of input',
    ],
    ['INFO that is not an object', tplText([['___INFO___', '[]'], ['___SANDBOXED_JS_FOR_SERVER___', 'x;']]), '___INFO___: must be a JSON object'],
    ['parameters that are not an array', tplText([['___INFO___', '{}'], ['___TEMPLATE_PARAMETERS___', '{}'], ['___SANDBOXED_JS_FOR_SERVER___', 'x;']]), '___TEMPLATE_PARAMETERS___: must be a JSON array of fields'],
    ['permissions that are not an array', tplText([['___INFO___', '{}'], ['___SANDBOXED_JS_FOR_SERVER___', 'x;'], ['___SERVER_PERMISSIONS___', '{}']]), '___SERVER_PERMISSIONS___: must be a JSON array of permission entries'],
    ['a missing INFO section', tplText([['___SANDBOXED_JS_FOR_SERVER___', 'x;']]), '___INFO___: section is missing; every template starts with ___INFO___ (type, displayName, containerContexts)'],
    ['a missing code section', tplText([['___INFO___', JSON.stringify(INFO)]]), '___SANDBOXED_JS_FOR_SERVER___: section is missing; a server template keeps its code under ___SANDBOXED_JS_FOR_SERVER___'],
    ['text before the first marker', 'hello\n' + tplText([['___INFO___', '{}']]), '(file): line 1 has text before the first ___SECTION___ marker; a .tpl starts with a marker such as ___INFO___'],
    [
      'invalid YAML in TESTS with the file line',
      tplText([['___INFO___', '{}'], ['___SANDBOXED_JS_FOR_SERVER___', 'x;'], ['___TESTS___', 'scenarios:\n- name: a\n  code: "unterminated\nsetup: \'\'']]),
      '___TESTS___: invalid YAML at line 16 column 10 of the file: unexpected end of the stream within a double quoted scalar',
    ],
    ['scenarios that are not a list', tplText([['___INFO___', '{}'], ['___SANDBOXED_JS_FOR_SERVER___', 'x;'], ['___TESTS___', 'scenarios: 3']]), '___TESTS___: "scenarios" must be a list of {name, code}'],
    ['a scenario whose code is not a string', tplText([['___INFO___', '{}'], ['___SANDBOXED_JS_FOR_SERVER___', 'x;'], ['___TESTS___', 'scenarios:\n- name: a\n  code: [1]']]), '___TESTS___: scenario "a": "code" must be a string'],
    ['a setup that is not a string', tplText([['___INFO___', '{}'], ['___SANDBOXED_JS_FOR_SERVER___', 'x;'], ['___TESTS___', 'scenarios: []\nsetup: {a: 1}']]), '___TESTS___: "setup" must be a string of code'],
  ];
  it.each(cases)('%s', (_label, text, message) => {
    const err = parseError(text);
    expect(err.message).toBe(message);
    expect(err.section).toBe(message.slice(0, message.indexOf(':')));
  });

  it('a section repeated (ToS twice, as a published template has it) is accepted with a warning; the last copy wins', () => {
    const TOS = "By creating or modifying this file you agree to Google Tag Manager's Community\nTemplate Gallery Developer Terms of Service.";
    const text = tplText(
      [
        ['___TERMS_OF_SERVICE___', TOS],
        ['___TERMS_OF_SERVICE___', TOS],
        ['___INFO___', JSON.stringify(INFO, null, 2)],
        ['___SANDBOXED_JS_FOR_SERVER___', 'data.gtmOnSuccess();'],
      ],
      { bom: true },
    );
    const t = parseTemplate(text, 'x.tpl');
    expect(t.termsOfService).toBe(TOS);
    expect(t.code).toBe('data.gtmOnSuccess();');
    expect(t.warnings).toEqual([
      {
        severity: 'warning',
        where: '___TERMS_OF_SERVICE___',
        message: 'the section appears 2 times (markers at lines 1, 7; the copies are identical); GTM imports such a file and the later copy wins, so the one at line 7 is used; delete the others',
      },
    ]);
  });

  it('with different copies of the code section, the later one runs and its file line is used', () => {
    const text = tplText([
      ['___INFO___', JSON.stringify(INFO)],
      ['___SANDBOXED_JS_FOR_SERVER___', 'old();'],
      ['___SANDBOXED_JS_FOR_SERVER___', 'const a = 1;\nnew1();'],
    ]);
    const t = parseTemplate(text, 'x.tpl');
    expect(t.code).toBe('const a = 1;\nnew1();');
    expect(t.codeStartLine).toBe(13);
    expect(t.sections['___SANDBOXED_JS_FOR_SERVER___']).toBe('const a = 1;\nnew1();');
    expect(t.warnings?.map((w) => w.message)).toEqual([
      'the section appears 2 times (markers at lines 6, 11; the copies are different); GTM imports such a file and the later copy wins, so the one at line 11 is used; delete the others',
    ]);
  });

  it('an unquoted numeric or boolean scenario name is read as its text', () => {
    const t = parseTemplate(tplText([['___INFO___', '{}'], ['___SANDBOXED_JS_FOR_SERVER___', 'x;'], ['___TESTS___', 'scenarios:\n- name: 2024\n  code: runCode({})\n- name: true\n  code: runCode({})']]), 'x.tpl');
    expect(t.tests.scenarios.map((s) => s.name)).toEqual(['2024', 'true']);
  });

  it('a file without repeats has no warnings', () => {
    expect(parseTemplate(serverTag(), 'x.tpl').warnings).toBeUndefined();
  });

  it('a scenario missing its name parses with an empty name (the validator reports it)', () => {
    const t = parseTemplate(tplText([['___INFO___', '{}'], ['___SANDBOXED_JS_FOR_SERVER___', 'x;'], ['___TESTS___', 'scenarios:\n- code: runCode({})']]), 'x.tpl');
    expect(t.tests.scenarios).toEqual([{ name: '', code: 'runCode({})' }]);
  });

  it('keeps entries without a publicId so the validator can name them', () => {
    const t = parseTemplate(serverTag({ permissions: [{ instance: {} }, perm('logging')] }), 'x.tpl');
    expect(t.permissions).toEqual([{ publicId: '', params: {} }, { publicId: 'logging', params: {}, isRequired: true }]);
  });
});

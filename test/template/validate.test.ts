import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTemplate } from '../../sandbox-shim/template/parse';
import { apiPermissions, requiredApis, validateTemplate } from '../../sandbox-shim/template/validate';
import { findRequires } from '../../sandbox-shim/template/api-permissions';
import type { Problem } from '../../sandbox-shim/types';
import { INFO, perm, serverTag, tplText } from './tpl-text';

const validate = (text: string) => validateTemplate(parseTemplate(text, 't.tpl'));
const messages = (text: string) => validate(text).problems.map((p) => `${p.severity} ${p.where}: ${p.message}`);
const typed = (value: unknown): unknown => (typeof value === 'string' ? { type: 1, string: value } : value);

describe('validateTemplate: ___INFO___', () => {
  it('accepts a minimal server tag', () => {
    expect(validate(serverTag())).toEqual({ ok: true, problems: [] });
  });

  it('rejects a web template with one clear message', () => {
    const r = validateTemplate(parseTemplate(readFileSync(join(__dirname, '..', 'fixtures', 'web-template.tpl'), 'utf8'), 'w.tpl'));
    expect(r).toEqual({ ok: false, problems: [{ severity: 'error', where: '___INFO___', message: 'this is a web template; the shim runs server templates' }] });
  });

  it('rejects an unknown type, a missing displayName and missing containerContexts', () => {
    expect(messages(serverTag({ info: { type: 'VARIABLE', displayName: '' } }))).toEqual([
      'error ___INFO___: type is "VARIABLE"; it must be "TAG", "CLIENT" or "MACRO"',
      'error ___INFO___: displayName is missing; GTM shows it in the template list',
      'error ___INFO___: containerContexts is missing; a server template has "containerContexts": ["SERVER"]',
    ]);
  });

  it('rejects contexts without SERVER', () => {
    expect(messages(serverTag({ info: { ...INFO, containerContexts: ['APP'] } }))).toEqual(['error ___INFO___: containerContexts is ["APP"]; a server template has ["SERVER"]']);
  });

  it('rejects server contexts with the code in the web section', () => {
    const text = tplText([['___INFO___', JSON.stringify(INFO)], ['___SANDBOXED_JS_FOR_WEB_TEMPLATE___', 'data.gtmOnSuccess();']]);
    expect(messages(text)).toEqual([
      'error ___SANDBOXED_JS_FOR_WEB_TEMPLATE___: the code is in ___SANDBOXED_JS_FOR_WEB_TEMPLATE___, the web code section; a server template keeps it under ___SANDBOXED_JS_FOR_SERVER___',
    ]);
  });
});

describe('validateTemplate: ___TEMPLATE_PARAMETERS___', () => {
  const W = 'error ___TEMPLATE_PARAMETERS___: ';
  it('accepts every known field type, nested groups and subParams', () => {
    const params = [
      { type: 'TEXT', name: 'a', valueValidators: [{ type: 'NON_EMPTY' }, { type: 'REGEX', args: ['^x'] }, { type: 'STRING_LENGTH', args: [1, 5] }] },
      { type: 'SELECT', name: 'b', selectItems: [{ value: 1, displayValue: 'one' }], subParams: [{ type: 'TEXT', name: 'b2' }] },
      { type: 'CHECKBOX', name: 'c', checkboxText: 'C' },
      { type: 'RADIO', name: 'd', radioItems: [{ value: 'x', displayValue: 'X', subParams: [{ type: 'TEXT', name: 'dx' }] }] },
      { type: 'GROUP', name: 'g', subParams: [{ type: 'LABEL', name: 'l', displayName: 'hi' }, { type: 'TEXT', name: 'e', enablingConditions: [{ paramName: 'c', paramValue: true, type: 'EQUALS' }] }] },
      { type: 'SIMPLE_TABLE', name: 'f', simpleTableColumns: [{ name: 'k', displayName: 'K', type: 'TEXT' }, { name: 'v', displayName: 'V', type: 'TEXT' }], valueValidators: [{ type: 'TABLE_ROW_COUNT', args: [1, 10] }] },
      { type: 'PARAM_TABLE', name: 'h', paramTableColumns: [{ param: { type: 'TEXT', name: 'k' }, isUnique: true }] },
    ];
    expect(validate(serverTag({ params }))).toEqual({ ok: true, problems: [] });
  });

  it('rejects unknown types and value fields without a name', () => {
    expect(messages(serverTag({ params: [{ type: 'NUMBER', name: 'n' }, { type: 'TEXT' }, 'x'] }))).toEqual([
      `${W}field #3 must be a JSON object with a "type"`,
      `${W}field "n" has type "NUMBER"; use one of TEXT, SELECT, CHECKBOX, RADIO, GROUP, LABEL, SIMPLE_TABLE, PARAM_TABLE`,
      `${W}field #2 (TEXT) needs a "name": it is the key of the value in data`,
    ]);
  });

  it('rejects a name used twice, even across groups and subParams', () => {
    const params = [
      { type: 'TEXT', name: 'pixelId' },
      { type: 'GROUP', name: 'adv', subParams: [{ type: 'CHECKBOX', name: 'debug', subParams: [{ type: 'TEXT', name: 'pixelId' }] }] },
    ];
    expect(messages(serverTag({ params }))).toEqual([
      `${W}field "adv" > field "debug" > field "pixelId": the name "pixelId" is already used by field "pixelId"; names must be unique because every field lands in data by name`,
    ]);
  });

  it('rejects SELECT without items, RADIO without items and tables without columns', () => {
    const params = [{ type: 'SELECT', name: 's' }, { type: 'RADIO', name: 'r' }, { type: 'SIMPLE_TABLE', name: 't', simpleTableColumns: [{ name: 'a' }, { name: 'a' }] }, { type: 'PARAM_TABLE', name: 'p' }];
    expect(messages(serverTag({ params }))).toEqual([
      `${W}field "s": SELECT needs selectItems: [{value, displayValue}]`,
      `${W}field "r": RADIO needs radioItems: [{value, displayValue}]`,
      `${W}field "t": column name "a" is used twice`,
      `${W}field "p": paramTableColumns must be a non-empty array of columns`,
    ]);
  });

  it('checks valueValidators', () => {
    const params = [
      { type: 'TEXT', name: 'a', valueValidators: { type: 'NON_EMPTY' } },
      { type: 'TEXT', name: 'b', valueValidators: [{ type: 'REGEX', args: ['(unclosed'] }, { type: 'REGEX' }, {}, { type: 'STRING_LENGTH', args: ['1'] }, { type: 'IS_EMAIL' }] },
    ];
    expect(messages(serverTag({ params }))).toEqual([
      `${W}field "a": valueValidators must be an array of {type, args?}`,
      `${W}field "b": valueValidators #1: REGEX pattern "(unclosed" is invalid: Invalid regular expression: /(unclosed/: Unterminated group`,
      `${W}field "b": valueValidators #2: REGEX needs args: ["pattern"]`,
      `${W}field "b": valueValidators #3 needs a string "type" (e.g. NON_EMPTY)`,
      `${W}field "b": valueValidators #4: STRING_LENGTH needs args: [min, max] as numbers`,
      'warning ___TEMPLATE_PARAMETERS___: field "b": valueValidators #5 has an unknown type "IS_EMAIL" (known: NON_EMPTY, POSITIVE_NUMBER, NON_NEGATIVE_NUMBER, NUMBER, REGEX, TABLE_ROW_COUNT, STRING_LENGTH, GA4_EVENT_NAME, INTEGER)',
    ]);
  });

  it('checks enablingConditions reference existing fields', () => {
    const params = [
      { type: 'CHECKBOX', name: 'on' },
      { type: 'TEXT', name: 'a', enablingConditions: [{ paramName: 'off', paramValue: true, type: 'EQUALS' }, { paramName: 'on', type: 'EQUALS' }, { paramName: 'on', type: 'MATCHES', paramValue: 1 }, { type: 'PRESENT' }] },
      { type: 'TEXT', name: 'b', enablingConditions: 'on' },
    ];
    expect(messages(serverTag({ params }))).toEqual([
      `${W}field "a": enablingConditions #1 refers to "off", which is not a field of this template`,
      `${W}field "a": enablingConditions #2: EQUALS needs a "paramValue"`,
      'warning ___TEMPLATE_PARAMETERS___: field "a": enablingConditions #3 has an unknown type "MATCHES" (known: EQUALS, NOT_EQUALS, PRESENT, NOT_PRESENT, GREATER_THAN, LESS_THAN, CONTAINS, NOT_CONTAINS)',
      `${W}field "a": enablingConditions #4 needs a string "paramName" and "type"`,
      `${W}field "b": enablingConditions must be an array of {paramName, paramValue, type}`,
    ]);
  });
});

describe('validateTemplate: ___SERVER_PERMISSIONS___', () => {
  const W = 'error ___SERVER_PERMISSIONS___: ';
  it('checks entry shape, typed values, duplicates and unknown publicIds', () => {
    const permissions = [
      { instance: { key: {} } },
      perm('logging', [{ key: 'environments', value: typed('debug') }]),
      perm('logging'),
      perm('send_http', [{ key: 'urls', value: { type: 2, listItem: ['https://x/'] } }, { key: 'allowedUrls', value: 'specific' }, { value: typed('x') }]),
      perm('set_cookies', [{ key: 'allowedCookies', value: { type: 2, listItem: [{ type: 3, mapKey: [typed('name')], mapValue: [] }] } }]),
      perm('read_request', [{ key: 'bodyAllowed', value: { type: 8 } }, { key: 'future', value: { type: 9, anything: 1 } }]),
      perm('inject_script'),
      { instance: { key: { publicId: 'get_cookies' }, param: {} } },
    ];
    expect(messages(serverTag({ permissions }))).toEqual([
      `${W}entry #1 has no instance.key.publicId; each entry is {"instance": {"key": {"publicId": "…", "versionId": "1"}, "param": [...]}}`,
      `${W}permission logging is declared twice; merge the entries`,
      `${W}permission send_http: param "urls" has a list item that is not a typed value {"type": 1, "string": "…"}`,
      `${W}permission send_http: param "allowedUrls" must be a typed value {"type": 1, "string": "…"}`,
      `${W}permission send_http: param #3 needs a string "key"`,
      `${W}permission set_cookies: param "allowedCookies" has a list item that has type 3 (map) with 1 keys but 0 values`,
      `${W}permission read_request: param "bodyAllowed" has type 8 (boolean) but no "boolean"`,
      'warning ___SERVER_PERMISSIONS___: permission inject_script is not a known server permission (known: logging, read_event_data, read_request, send_http, get_cookies, set_cookies, read_container_data, read_event_metadata, access_template_storage, use_google_credentials, access_bigquery, access_firestore, access_response, return_response, run_container, send_pixel_from_browser, use_message, use_custom_private_keys)',
      `${W}permission get_cookies: "param" must be an array of {key, value}`,
    ]);
  });
});

describe('validateTemplate: code', () => {
  const code = (p: Problem) => `${p.severity} ${p.line}:${p.column} ${p.construct}: ${p.message}`;

  it('reports language problems of the code with code-relative positions', () => {
    const r = validate(serverTag({ code: "const a = 1;\nconst re = /x/;\ndata.gtmOnSuccess();" }));
    expect(r.ok).toBe(false);
    expect(r.problems.map(code)).toEqual(['error 2:11 regex literal: regex literals are not supported; use createRegex(pattern, flags) or a string pattern in match()/search()']);
    expect(r.problems[0].where).toBe('___SANDBOXED_JS_FOR_SERVER___');
  });

  it('reports a require whose permission is not declared, once per API', () => {
    const text = serverTag({ code: "const send = require('sendHttpRequest');\nconst again = require('sendHttpRequest');\nconst log = require('logToConsole');", permissions: [perm('logging')] });
    expect(validate(text).problems.map(code)).toEqual(['error 1:13 require: sendHttpRequest needs the send_http permission; add it under ___SERVER_PERMISSIONS___']);
  });

  it('needs no permission for APIs without one', () => {
    expect(validate(serverTag({ code: "const JSON = require('JSON');\nconst getType = require('getType');\nconst sha = require('sha256Sync');" })).ok).toBe(true);
  });

  it('rejects a non-literal require, an aliased require and unknown or web-only APIs', () => {
    const text = serverTag({ code: "const name = 'JSON';\nconst a = require(name);\nconst r = require;\nconst b = require('fetch');\nconst c = require('injectScript');" });
    expect(validate(text).problems.map(code)).toEqual([
      "error 2:10 require: require needs a string literal API name (require('sendHttpRequest')); GTM finds the permissions a template needs from these names",
      "error 3:10 require: require must be called directly with a string literal; aliasing or passing it around hides the APIs from GTM's permission detection",
      'error 4:10 require: require(\'fetch\'): there is no server sandbox API named "fetch"',
      "error 5:10 require: require('injectScript'): injectScript is a web-only API and does not exist in server containers",
    ]);
  });
});

describe('validateTemplate: ___TESTS___', () => {
  it('warns about empty and duplicate scenario names (the template is still accepted)', () => {
    const tests = 'scenarios:\n- name: a\n  code: runCode({});\n- name: a\n  code: runCode({});\n- name: ""\n  code: runCode({});';
    expect(messages(serverTag({ tests }))).toEqual([
      'warning ___TESTS___: scenario name "a" is used twice; both run, but reports and --filter cannot tell them apart: rename one',
      'warning ___TESTS___: scenario #3 has no name; give every scenario a unique name so reports and --filter can tell it apart',
    ]);
    expect(validate(serverTag({ tests })).ok).toBe(true);
  });

  it('reports language problems of test code as warnings', () => {
    const tests = 'scenarios:\n- name: uses a template literal\n  code: |-\n    runCode({});\n    const s = `x`;\nsetup: "const t = this;"';
    const r = validate(serverTag({ tests }));
    expect(r.ok).toBe(true);
    expect(r.problems.map((p) => [p.severity, p.where, p.line, p.column, p.construct])).toEqual([
      ['warning', '___TESTS___ setup', 1, 10, 'this'],
      ['warning', '___TESTS___ scenario "uses a template literal"', 2, 10, 'template literal'],
    ]);
  });
});

describe('apiPermissions and requiredApis', () => {
  it('maps the APIs a send-event tag uses to their permissions', () => {
    expect([apiPermissions.sendHttpRequest, apiPermissions.getAllEventData, apiPermissions.getRequestHeader, apiPermissions.setCookie, apiPermissions.logToConsole, apiPermissions.JSON]).toEqual([
      'send_http', 'read_event_data', 'read_request', 'set_cookies', 'logging', null,
    ]);
    expect([apiPermissions.templateDataStorage, apiPermissions.BigQuery, apiPermissions.getContainerVersion, apiPermissions.returnResponse]).toEqual([
      'access_template_storage', 'access_bigquery', 'read_container_data', 'return_response',
    ]);
  });

  it('lists required APIs once, in first-use order, ignoring non-literal names', () => {
    expect(requiredApis("const J = require('JSON');\nfunction f() {\n  return require('getType');\n}\nrequire(x);\nrequire('JSON');")).toEqual(['JSON', 'getType']);
    expect(requiredApis('const = broken')).toEqual([]);
  });

  it('finds require uses with their positions', () => {
    expect(findRequires("const a = require('JSON');\nfoo(require);")).toEqual([
      { kind: 'literal', api: 'JSON', line: 1, column: 10 },
      { kind: 'indirect', line: 2, column: 4 },
    ]);
  });
});

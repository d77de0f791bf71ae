/**
 * Counts the sandbox API calls one run of the built template makes: every `require('x')` of the
 * code is wrapped so that each call of an API function, or of a method of an API object
 * (JSON.stringify, Math.floor, Object.keys, Promise.create), is counted by name. The count is
 * reported through the (uncounted) logToConsole when the tag calls gtmOnSuccess/gtmOnFailure.
 */
import type { ParsedTemplate, RunOptions } from '../../../sandbox-shim';
import { runTemplate } from '../../../sandbox-shim';

const MARK = '__API_CALLS__ ';

const PRELUDE = `
var __apiCalls = [];
var __rawLog = require('logToConsole');
var __countedFn = function (name, f) { return function (...args) { __apiCalls.push(name); return f(...args); }; };
var __counted = function (name, api) {
  if (typeof api === 'function') return __countedFn(name, api);
  if (typeof api === 'object' && api !== null) {
    var out = {};
    for (var k in api) out[k] = typeof api[k] === 'function' ? __countedFn(name + '.' + k, api[k]) : api[k];
    return out;
  }
  return api;
};
var __report = function () { __rawLog('${MARK}' + __apiCalls.join(',')); };
var __onSuccess = data.gtmOnSuccess;
var __onFailure = data.gtmOnFailure;
data.gtmOnSuccess = function () { __report(); __onSuccess(); };
data.gtmOnFailure = function () { __report(); __onFailure(); };
`;

export function countingTemplate(template: ParsedTemplate): ParsedTemplate {
  const code = template.code.replace(/require\("([A-Za-z0-9_]+)"\)/g, (_m, name) => `__counted("${name}", require("${name}"))`);
  return { ...template, code: PRELUDE + code };
}

export interface ApiCallCount {
  total: number;
  byName: Record<string, number>;
  status: string;
}

export async function countApiCalls(template: ParsedTemplate, options: RunOptions): Promise<ApiCallCount> {
  const record = await runTemplate(countingTemplate(template), { ...options, languageCheck: 'off' });
  const line = record.console.find((c) => c.message.startsWith(MARK));
  if (!line) throw new Error(`the tag never called back (status ${record.status}: ${record.error ?? ''})`);
  const names = line.message.slice(MARK.length).split(',').filter((n) => n !== '');
  const byName: Record<string, number> = {};
  for (const n of names) byName[n] = (byName[n] ?? 0) + 1;
  return { total: names.length, byName, status: record.status };
}

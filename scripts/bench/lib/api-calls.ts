/**
 * Sandbox API calls per run, counted by the template itself: a prelude (sandboxed JS, language
 * check off) wraps `require` so every API function, every method of an API object (JSON, Math,
 * templateDataStorage…) and data.gtmOnSuccess/gtmOnFailure counts one call per call, and keeps
 * the tally in templateDataStorage, which the host passes in as a Map. Only the counting run
 * carries the prelude; timed runs are the template as shipped.
 */
import { runTemplate } from '../../../sandbox-shim';
import type { ParsedTemplate, RunOptions } from '../../../sandbox-shim';

const KEY = '__bench_api_calls';

const PRELUDE = `require = (function (realRequire) {
  const store = realRequire('templateDataStorage');
  const counts = {};
  function count(name) { counts[name] = (counts[name] || 0) + 1; store.setItemCopy('${KEY}', counts); }
  function wrap(name, fn, self) { return function () { count(name); return fn.apply(self, arguments); }; }
  if (data.gtmOnSuccess) data.gtmOnSuccess = wrap('gtmOnSuccess', data.gtmOnSuccess, null);
  if (data.gtmOnFailure) data.gtmOnFailure = wrap('gtmOnFailure', data.gtmOnFailure, null);
  const cache = {};
  return function (name) {
    if (cache[name]) return cache[name];
    const api = realRequire(name);
    let out = api;
    if (typeof api === 'function') out = wrap(name, api, null);
    else if (api && typeof api === 'object') {
      out = {};
      for (const key in api) out[key] = typeof api[key] === 'function' ? wrap(name + '.' + key, api[key], api) : api[key];
    }
    cache[name] = out;
    return out;
  };
})(require);
`;

export interface ApiCalls {
  total: number;
  byApi: Record<string, number>;
}

export async function countApiCalls(template: ParsedTemplate, options: RunOptions): Promise<ApiCalls> {
  const storage = new Map<string, unknown>();
  const counted: ParsedTemplate = { ...template, code: PRELUDE + template.code };
  // Permissions off: the prelude itself uses templateDataStorage, which the template may not declare.
  const record = await runTemplate(counted, { ...options, storage, permissions: 'off', languageCheck: 'off' });
  if (record.status !== 'success') throw new Error(`counting run of ${template.name} ended ${record.status}: ${record.error ?? ''}`);
  const byApi = (storage.get(KEY) ?? {}) as Record<string, number>;
  return { total: Object.values(byApi).reduce((s, n) => s + n, 0), byApi };
}

/** "getType 818, getTimestampMillis 12, …": the biggest first. */
export function topApis(calls: ApiCalls, n = 4): string {
  return Object.entries(calls.byApi)
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
}

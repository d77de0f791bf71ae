/**
 * Spawned by keep-alive.test.ts: runs one template that sends the given requests in sequence
 * (POST unless said otherwise), routed to the test's server, and prints what the record says as
 * JSON. A process of its own because a jest worker that ever loaded nock keeps Node's http
 * intercepted for every later test file, and intercepted requests never share a connection.
 */
import { runTemplate } from '../../../sandbox-shim/runtime/run-template';
import { closeUnits } from '../../../sandbox-shim/unit/pool';
import { makeTemplate, TIKTOK_ONLY } from '../helpers';

export interface SentRequest {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body: string;
}

const [origin, isolation, requests] = process.argv.slice(2);
const API = 'https://business-api.tiktok.com';

const template = makeTemplate({
  type: 'MACRO',
  permissions: TIKTOK_ONLY,
  code: `const send = require('sendHttpRequest');
const requests = require('JSON').parse(data.requests);
const out = [];
let chain = require('Promise').create((resolve) => resolve());
requests.forEach((r) => {
  chain = chain.then(() => send('${API}' + r.path, {method: r.method || 'POST', headers: r.headers || {}}, r.body).then((res) => { out.push(res.statusCode + ' ' + res.body); }, (e) => { out.push(e.reason); }));
});
return chain.then(() => out);`,
});

(async () => {
  const record = await runTemplate(template, { data: { requests }, routes: { 'business-api.tiktok.com': origin }, isolation: isolation as 'unit' | 'inline' });
  await closeUnits();
  process.stdout.write(
    JSON.stringify({
      status: record.status,
      returnValue: record.returnValue,
      requests: record.outgoingRequests.map((r) => [r.url, 'statusCode' in r.response ? r.response.statusCode : r.response.reason]),
      console: record.console,
    }),
  );
})();

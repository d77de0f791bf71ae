/**
 * Spawned by keep-alive.test.ts: runs one template that sends `count` POSTs in sequence, routed to
 * the test's server, and prints what the record says as JSON. A process of its own because a
 * jest worker that ever loaded nock keeps Node's http intercepted for every later test file, and
 * intercepted requests never share a connection.
 */
import { runTemplate } from '../../../sandbox-shim/runtime/run-template';
import { closeUnits } from '../../../sandbox-shim/unit/pool';
import { makeTemplate, TIKTOK_ONLY } from '../helpers';

const [origin, count, isolation] = process.argv.slice(2);
const API = 'https://business-api.tiktok.com';

const template = makeTemplate({
  type: 'MACRO',
  permissions: TIKTOK_ONLY,
  code: `const send = require('sendHttpRequest');
const out = [];
let chain = require('Promise').create((resolve) => resolve());
for (let i = 1; i <= ${Number(count)}; i++) {
  chain = chain.then(() => send('${API}/n' + i, {method: 'POST'}, 'body ' + i).then((r) => { out.push(r.statusCode + ' ' + r.body); }, (e) => { out.push(e.reason); }));
}
return chain.then(() => out);`,
});

(async () => {
  const record = await runTemplate(template, { routes: { 'business-api.tiktok.com': origin }, isolation: isolation as 'unit' | 'inline' });
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

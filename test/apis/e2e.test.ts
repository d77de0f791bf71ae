/**
 * The families through the real runtime: values cross a real vm boundary, permissions are
 * enforced by the real engine, callbacks run as sandbox code.
 */
import { run } from './e2e-helpers';
import { perm } from './fake-context';
import { googleAuthScopes } from '../../sandbox-shim/apis/google-cloud';

const eventData = { event_name: 'purchase', items: [{ id: 'a' }], user_data: { email_address: 'x@y.z' } };

describe('through runTemplate', () => {
  it('event data and storage hand out copies', async () => {
    const storage = new Map<string, unknown>([['cfg', { n: 1 }]]);
    const record = await run(
      `
      const getAllEventData = require('getAllEventData');
      const getEventData = require('getEventData');
      const templateDataStorage = require('templateDataStorage');
      const all = getAllEventData();
      all.items[0].id = 'changed';
      const cfg = templateDataStorage.getItemCopy('cfg');
      cfg.n = 2;
      const saved = {list: [1]};
      templateDataStorage.setItemCopy('saved', saved);
      saved.list.push(2);
      return [getEventData('items.0.id'), templateDataStorage.getItemCopy('cfg').n, templateDataStorage.getItemCopy('saved')];
      `,
      [perm('read_event_data', { eventDataAccess: 'any' }), perm('access_template_storage')],
      { eventData, storage },
    );
    expect(record.returnValue).toEqual(['a', 1, { list: [1] }]);
    expect(storage.get('saved')).toEqual({ list: [1] });
  });

  it('a refused permission ends the run as exception with the check’s message', async () => {
    const record = await run(
      `const getEventData = require('getEventData'); return getEventData('user_data.email_address');`,
      [perm('read_event_data', { eventDataAccess: 'specific', keyPatterns: ['event_name'] })],
      { eventData },
    );
    expect(record.status).toBe('exception');
    expect(record.error).toContain(
      'getEventData: read_event_data does not allow reading event data key "user_data.email_address" (allowed keys: event_name)',
    );
    expect(JSON.stringify(record.console)).not.toContain('x@y.z');
  });

  it('logging: debug-only is dropped in production, kept in preview', async () => {
    const code = `require('logToConsole')('hello', {a: [1]}); return 1;`;
    const permissions = [perm('logging', { environments: 'debug' })];
    const preview = await run(code, permissions);
    expect(preview.console).toEqual([{ level: 'log', message: 'hello {"a":[1]}' }]);
    const production = await run(code, permissions, { containerVersion: { previewMode: false, debugMode: false } });
    expect(production.status).toBe('success');
    expect(production.console).toEqual([]);
  });

  it('callbacks: callLater, sha256, Promise.create and messages run as sandbox code, in order', async () => {
    const record = await run(
      `
      const callLater = require('callLater');
      const sha256 = require('sha256');
      const Promise = require('Promise');
      const addMessageListener = require('addMessageListener');
      const sendMessage = require('sendMessage');
      const setCookie = require('setCookie');
      const order = [];
      addMessageListener('ping', (type, message) => { order.push(type + ':' + message.n); });
      sendMessage('ping', {n: 1});
      callLater(() => { order.push('later'); });
      sha256('', (digest) => { order.push(digest); setCookie('done', order.join('|')); }, {outputEncoding: 'hex'});
      Promise.all([Promise.create((resolve) => resolve('p')), 2]).then((values) => { order.push(values.join('+')); });
      order.push('sync');
      `,
      [
        perm('use_message', { allowedActions: 'any' }),
        perm('set_cookies', { allowedCookies: [{ name: 'done', domain: '*', path: '*', secure: 'any', session: 'any' }] }),
      ],
      {},
      'TAG',
    );
    expect(record.cookiesSet.map((c) => c.value)).toEqual([
      encodeURIComponent('ping:1|sync|p+2|later|e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'),
    ]);
    expect(record.messagesSent).toEqual([{ type: 'ping', message: { n: 1 } }]);
    expect(record.responseHeaders['set-cookie']).toEqual([record.cookiesSet[0].header]);
  });

  it('createRegex gives regexes the sandbox string methods accept, and testRegex keeps g state', async () => {
    const record = await run(`
      const createRegex = require('createRegex');
      const testRegex = require('testRegex');
      const re = createRegex('b+', 'g');
      const once = createRegex('(?=x)');
      return ['abbcb'.replace(re, '-'), 'abbcb'.match(re), 'a1b2'.split(createRegex('[0-9]')), 'xbb'.search(createRegex('B', 'i')),
        testRegex(re, 'b'), testRegex(re, 'b'), once];
    `);
    expect(record.error).toBeUndefined();
    expect(record.returnValue).toEqual(['a-c-', ['bb', 'b'], ['a', 'b', ''], 1, true, false, null]);
  });

  it('Object.freeze and Object.delete act on the caller’s object', async () => {
    const record = await run(`
      const Obj = require('Object');
      const o = {a: 1, b: 2};
      const removed = Obj.delete(o, 'a');
      const f = Obj.freeze({x: 1});
      const same = Obj.freeze(o) === o;
      return [o, removed, Obj.delete(f, 'x'), f.x, same, Obj.keys(o), Obj.entries({k: [1]})];
    `);
    expect(record.error).toBeUndefined();
    expect(record.returnValue).toEqual([{ b: 2 }, true, false, 1, true, ['b'], [['k', [1]]]]);
  });

  it('client APIs fill the response, run the container and refuse claimRequest in a tag', async () => {
    const events: unknown[] = [];
    const client = await run(
      `
      const claimRequest = require('claimRequest');
      const runContainer = require('runContainer');
      const extractEventsFromMpv2 = require('extractEventsFromMpv2');
      const setResponseStatus = require('setResponseStatus');
      const returnResponse = require('returnResponse');
      claimRequest();
      const events = extractEventsFromMpv2();
      runContainer(events[0], () => { setResponseStatus(204); returnResponse(); });
      `,
      [perm('read_request', { requestAccess: 'any' }), perm('run_container'), perm('return_response'), perm('access_response', { writeResponseAccess: 'any' })],
      {
        request: { method: 'POST', path: '/mp/collect', query: 'measurement_id=G-1', body: '{"client_id":"c1","events":[{"name":"login","params":{"method":"x"}}]}' },
        onRunContainer: (event: unknown) => void events.push(event),
      },
      'CLIENT',
    );
    expect(client.error).toBeUndefined();
    expect(events).toEqual([{ method: 'x', event_name: 'login', client_id: 'c1', 'x-ga-protocol_version': '2', 'x-ga-measurement_id': 'G-1' }]);
    expect(client).toMatchObject({ claimed: true, responseStatus: 204, responseReturned: true });

    const tag = await run(`require('claimRequest')();`, [], {}, 'TAG');
    expect(tag.status).toBe('exception');
    expect(tag.error).toContain('claimRequest can only be called from a client');
  });
});

describe('promises through runTemplate', () => {
  // If such a promise held the run open, this would wait for the 60 s deadline and hit jest's 30 s timeout.
  it('a Promise.create nobody resolves does not hold a variable run open', async () => {
    const record = await run(`require('Promise').create(() => {}); return 'done';`, [], { tagTimeoutMs: 60_000 });
    expect(record.status).toBe('success');
    expect(record.returnValue).toBe('done');
  });
});

describe('google cloud through runTemplate', () => {
  it('a getGoogleAuth object survives the round trip out of the sandbox; BigQuery and Firestore record', async () => {
    const scope = 'https://www.googleapis.com/auth/bigquery';
    const record = await run(
      `
      const auth = require('getGoogleAuth')({scopes: ['${scope}']});
      const BigQuery = require('BigQuery');
      const Firestore = require('Firestore');
      return BigQuery.insert({projectId: 'p', datasetId: 'd', tableId: 't'}, [{a: 1}])
        .then(() => Firestore.write('users/u1', {n: 1}, {projectId: 'p'}))
        .then(() => Firestore.read('users/u1', {projectId: 'p'}))
        .then((doc) => ({auth: auth, doc: doc}));
      `,
      [
        perm('use_google_credentials', { allowedScopes: [scope] }),
        perm('access_bigquery', { allowedTables: [{ projectId: 'p', datasetId: 'd', tableId: '*', operation: 'write' }] }),
        perm('access_firestore', { allowedOptions: [{ projectId: 'p', path: 'users/*', operation: 'read_write' }] }),
      ],
    );
    expect(record.error).toBeUndefined();
    const value = record.returnValue as { auth: unknown; doc: unknown };
    expect(googleAuthScopes(value.auth)).toEqual([scope]);
    expect(value.doc).toEqual({ id: 'u1', data: { n: 1 } });
    expect(record.bigQueryInserts).toEqual([{ connection: { projectId: 'p', datasetId: 'd', tableId: 't' }, rows: [{ a: 1 }] }]);
    expect(record.firestoreWrites).toEqual([{ path: 'users/u1', data: { n: 1 }, options: { projectId: 'p' } }]);
  });
});

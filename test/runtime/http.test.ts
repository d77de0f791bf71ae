import http from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { routeUrl, urlMatchesPattern } from '../../sandbox-shim/apis/http';
import { runTemplate } from '../../sandbox-shim/runtime/run-template';
import { runTemplateTests } from '../../sandbox-shim/tests-runner/run-tests';
import { closedOrigin, makeTemplate, silentServer, TIKTOK_ONLY } from './helpers';

const API = 'https://business-api.tiktok.com';
const PATH = '/open_api/v1.3/event/track/';

/** A tag whose code stores what it saw in the return value via the logging-free MACRO form. */
const macro = (code: string, permissions: Record<string, Record<string, unknown>> = TIKTOK_ONLY) =>
  makeTemplate({ code, type: 'MACRO', permissions });

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('sendHttpRequest, promise form', () => {
  test('resolves {statusCode, headers, body} with lower-cased headers and set-cookie as an array', async () => {
    nock(API)
      .post(PATH, '{"a":1}')
      .matchHeader('content-type', 'application/json')
      .reply(200, '{"code":0}', { 'X-Request-Id': 'abc', 'Set-Cookie': ['a=1; Path=/', 'b=2'] });
    const record = await runTemplate(
      macro(`return require('sendHttpRequest')('${API}${PATH}', {method: 'post', headers: {'Content-Type': 'application/json'}}, '{"a":1}')
        .then((r) => [r.statusCode, r.headers['x-request-id'], r.headers['set-cookie'], r.body]);`),
    );
    expect(record.status).toBe('success');
    expect(record.returnValue).toEqual([200, 'abc', ['a=1; Path=/', 'b=2'], '{"code":0}']);
    expect(record.outgoingRequests).toHaveLength(1);
    const sent = record.outgoingRequests[0];
    expect(sent).toMatchObject({ url: `${API}${PATH}`, method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' });
    expect(sent.response).toEqual({ statusCode: 200, headers: { 'x-request-id': 'abc', 'set-cookie': ['a=1; Path=/', 'b=2'] }, body: '{"code":0}' });
    expect(typeof sent.durationMs).toBe('number');
  });

  test.each([400, 401, 500, 503])('resolves (does not reject) for HTTP %i', async (status) => {
    nock(API).get(PATH).reply(status, 'nope');
    const record = await runTemplate(
      macro(`return require('sendHttpRequest')('${API}${PATH}').then((r) => 'resolved ' + r.statusCode + ' ' + r.body, (e) => 'rejected');`),
    );
    expect(record.returnValue).toBe(`resolved ${status} nope`);
  });

  test('rejects {reason: "failed"} on a transport error', async () => {
    const routes = { 'business-api.tiktok.com': await closedOrigin() };
    const record = await runTemplate(macro(`return require('sendHttpRequest')('${API}${PATH}').then(() => 'resolved', (e) => e);`), { routes });
    expect(record.returnValue).toEqual({ reason: 'failed' });
    expect(record.console).toEqual([{ level: 'debug', message: expect.stringMatching(new RegExp(`^sendHttpRequest GET ${API}${PATH}: failed \\(connect ECONNREFUSED`)) }]);
    expect(record.outgoingRequests[0].response).toEqual({ reason: 'failed' });
  });

  test('rejects {reason: "timed_out"} after options.timeout', async () => {
    const silent = await silentServer();
    const routes = { 'business-api.tiktok.com': silent.origin };
    const record = await runTemplate(macro(`return require('sendHttpRequest')('${API}${PATH}', {timeout: 30}).then(() => 'resolved', (e) => e);`), { routes });
    silent.close();
    expect(record.returnValue).toEqual({ reason: 'timed_out' });
    expect(record.outgoingRequests[0].response).toEqual({ reason: 'timed_out' });
  });

  test('does not follow redirects', async () => {
    nock(API).get(PATH).reply(302, '', { Location: `${API}/elsewhere` });
    const record = await runTemplate(macro(`return require('sendHttpRequest')('${API}${PATH}').then((r) => [r.statusCode, r.headers.location, r.body]);`));
    expect(record.returnValue).toEqual([302, `${API}/elsewhere`, undefined]);
    expect(record.outgoingRequests).toHaveLength(1);
  });

  test('method defaults to GET; a non-string body is coerced with String()', async () => {
    nock(API).get(PATH).reply(204);
    nock(API).put(PATH, '12345').reply(200, 'ok');
    const record = await runTemplate(
      macro(`const send = require('sendHttpRequest');
        return send('${API}${PATH}').then((a) => send('${API}${PATH}', {method: 'PUT'}, 12345).then((b) => [a.statusCode, b.body]));`),
    );
    expect(record.returnValue).toEqual([204, 'ok']);
    expect(record.outgoingRequests.map((r) => [r.method, r.body])).toEqual([['GET', undefined], ['PUT', '12345']]);
  });
});

describe('sendHttpRequest, callback form', () => {
  test('calls back (statusCode, headers, body)', async () => {
    nock(API).post(PATH).reply(201, 'made', { 'Content-Type': 'text/plain' });
    const record = await runTemplate(
      makeTemplate({
        code: `require('sendHttpRequest')('${API}${PATH}', (status, headers, body) => {
          if (status === 201 && headers['content-type'] === 'text/plain' && body === 'made') data.gtmOnSuccess(); else data.gtmOnFailure();
        }, {method: 'POST'}, 'x');`,
        permissions: TIKTOK_ONLY,
      }),
    );
    expect(record.status).toBe('success');
  });

  test('status 0 on failure and -1 on timeout, with undefined headers and body', async () => {
    const silent = await silentServer();
    const routes = { 'fail.tiktok.com': await closedOrigin(), 'slow.tiktok.com': silent.origin };
    const record = await runTemplate(
      macro(
        `const send = require('sendHttpRequest');
        const Promise = require('Promise');
        return Promise.create((resolve) => {
          send('https://fail.tiktok.com/', (s1, h1, b1) => {
            send('https://slow.tiktok.com/', (s2, h2, b2) => resolve([s1, h1, b1, s2, h2, b2]), {timeout: 30});
          });
        });`,
        { send_http: { allowedUrls: 'specific', urls: ['https://*.tiktok.com/'] } },
      ),
      { routes },
    );
    silent.close();
    expect(record.returnValue).toEqual([0, undefined, undefined, -1, undefined, undefined]);
  });

  test('sendHttpGet has both forms and always uses GET', async () => {
    nock(API).get('/a').reply(200, 'A');
    nock(API).get('/b').reply(200, 'B');
    const record = await runTemplate(
      macro(`const get = require('sendHttpGet');
        const Promise = require('Promise');
        return Promise.create((resolve) => get('${API}/a', (s, h, body) => {
          get('${API}/b', {method: 'POST'}).then((r) => resolve(body + r.body));
        }));`),
    );
    expect(record.returnValue).toBe('AB');
    expect(record.outgoingRequests.map((r) => r.method)).toEqual(['GET', 'GET']);
  });
});

describe('send_http permission and routes', () => {
  test('a URL outside the allowed patterns ends the tag as exception with a message naming API, permission and allowed URLs', async () => {
    const record = await runTemplate(makeTemplate({ code: `require('sendHttpRequest')('https://evil.example/x', () => data.gtmOnSuccess());`, permissions: TIKTOK_ONLY }));
    expect(record.status).toBe('exception');
    expect(record.error).toBe(
      'PermissionError: sendHttpRequest: send_http does not allow https://evil.example/x (allowed: https://business-api.tiktok.com/) (template line 1)',
    );
    expect(record.outgoingRequests).toEqual([]);
  });

  test('an undeclared permission names the permission', async () => {
    const record = await runTemplate(makeTemplate({ code: `require('sendHttpRequest')('${API}/x');`, permissions: {} }));
    expect(record.error).toBe('PermissionError: sendHttpRequest: the template does not declare the send_http permission (template line 1)');
  });

  test('a route re-targets the request after the check on the original URL; both are recorded', async () => {
    const server = http.createServer((req, res) => res.end(`seen ${req.method} ${req.url}`));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const code = `return require('sendHttpRequest')('${API}${PATH}?x=1', {method: 'POST'}, 'b').then((r) => r.body);`;
      const record = await runTemplate(macro(code), { routes: { 'business-api.tiktok.com': origin } });
      expect(record.returnValue).toBe(`seen POST ${PATH}?x=1`);
      expect(record.outgoingRequests[0]).toMatchObject({ url: `${API}${PATH}?x=1`, routedTo: `${origin}${PATH}?x=1` });
      // The route does not widen the permission: the original URL is what is checked.
      const denied = await runTemplate(macro(`return require('sendHttpRequest')('https://other.example/');`), { routes: { 'other.example': origin } });
      expect(denied.status).toBe('exception');
      expect(denied.outgoingRequests).toEqual([]);
    } finally {
      server.close();
    }
  });

  test('in tests, unmocked unrouted network is not sent (a warning, never settles) unless allowed', async () => {
    const template = makeTemplate({
      code: `require('sendHttpRequest')('${API}${PATH}').then((r) => data.gtmOnSuccess());`,
      permissions: TIKTOK_ONLY,
      scenarios: [{ name: 'real call', code: `runCode({});\nassertApi('sendHttpRequest').wasCalledWith('${API}${PATH}');\nassertApi('gtmOnSuccess').wasNotCalled();` }],
    });
    const held = await runTemplateTests(template, {});
    expect(held.scenarios[0]).toMatchObject({ passed: true });
    expect(held.warnings).toEqual([
      {
        code: 'network_not_sent',
        scenario: 'real call',
        url: `${API}${PATH}`,
        message: `sendHttpRequest GET ${API}${PATH} was not sent (tests never reach the network), so its promise never settles; mock it with mock('sendHttpRequest', …), or pass --route business-api.tiktok.com=http://127.0.0.1:PORT or --allow-network`,
      },
    ]);
    const scope = nock(API).get(PATH).reply(200);
    const allowed = await runTemplateTests(template, { allowNetwork: true });
    // Sent for real (nock answered), so the scenario's own `wasNotCalled` ran before the answer and no warning.
    expect(allowed.scenarios[0]).toMatchObject({ passed: true, warnings: [] });
    expect(scope.isDone()).toBe(true);
  });

  test.each([
    ['https://business-api.tiktok.com/', 'https://business-api.tiktok.com/open_api/v1.3/event/track/', true],
    ['https://business-api.tiktok.com/', 'https://business-api.tiktok.com/', true],
    ['https://business-api.tiktok.com/*', 'https://business-api.tiktok.com/a/b?c=d', true],
    ['https://business-api.tiktok.com/open_api/', 'https://business-api.tiktok.com/other', false],
    ['https://api.linkedin.com/rest/conversionEvents', 'https://api.linkedin.com/rest/conversionEvents?x=1', true],
    ['https://api.linkedin.com/rest/conversionEvents', 'https://api.linkedin.com/rest/conversionEvents/2', false],
    ['https://*.stape.io/*', 'https://a.b.stape.io/x', true],
    ['https://*.stape.io/*', 'https://stape.io/x', false],
    ['https://*.stape.io/*', 'https://evilstape.io/x', false],
    ['https://business-api.tiktok.com/', 'http://business-api.tiktok.com/', false],
    ['https://business-api.tiktok.com/', 'https://business-api.tiktok.com:8443/', false],
    ['https://business-api.tiktok.com', 'https://business-api.tiktok.com/anything', true],
    ['https://x.com/a/*/c', 'https://x.com/a/b/c', true],
    ['https://x.com/', 'not a url', false],
  ])('pattern %s vs %s → %s', (pattern, url, expected) => {
    expect(urlMatchesPattern(url, pattern)).toBe(expected);
  });

  test('allowedUrls: any allows every URL', async () => {
    nock('https://anything.example').get('/').reply(200, 'ok');
    const record = await runTemplate(macro(`return require('sendHttpRequest')('https://anything.example/').then((r) => r.body);`, { send_http: { allowedUrls: 'any' } }));
    expect(record.returnValue).toBe('ok');
  });

  test('routeUrl matches host:port first, then hostname', () => {
    expect(routeUrl('https://a.com/p?q', { 'a.com': 'http://127.0.0.1:1/' })).toBe('http://127.0.0.1:1/p?q');
    expect(routeUrl('https://a.com:444/p', { 'a.com:444': 'http://127.0.0.1:2', 'a.com': 'http://127.0.0.1:1' })).toBe('http://127.0.0.1:2/p');
    expect(routeUrl('https://b.com/p', { 'a.com': 'http://127.0.0.1:1' })).toBeUndefined();
  });
});

describe('sendPixelFromBrowser', () => {
  test('returns true when allowed and records the URL', async () => {
    const record = await runTemplate(
      makeTemplate({
        code: `return require('sendPixelFromBrowser')('https://px.example/p?id=1');`,
        type: 'MACRO',
        permissions: { send_pixel_from_browser: { allowedUrls: 'specific', urls: ['https://px.example/'] } },
      }),
    );
    expect(record.returnValue).toBe(true);
    expect((record as unknown as { pixelsFromBrowser: string[] }).pixelsFromBrowser).toEqual(['https://px.example/p?id=1']);
  });
});

describe('sendHttpRequest with options.authorization', () => {
  const scope = 'https://www.googleapis.com/auth/datamanager';
  const ADS = 'https://googleads.googleapis.com';
  const perms = {
    send_http: { allowedUrls: 'specific', urls: [`${ADS}/`] },
    use_google_credentials: { allowedScopes: [scope] },
  };

  test('a getGoogleAuth object adds the shim bearer token (replacing the template\'s), recorded redacted', async () => {
    nock(ADS).post('/v1/upload').matchHeader('authorization', 'Bearer shim-google-auth-token').matchHeader('x-other', 'kept').reply(200, 'ok');
    const record = await runTemplate(
      makeTemplate({
        type: 'MACRO',
        permissions: perms,
        code: `const auth = require('getGoogleAuth')({scopes: ['${scope}']});
return require('sendHttpRequest')('${ADS}/v1/upload', {method: 'POST', authorization: auth, headers: {authorization: 'Bearer mine', 'X-Other': 'kept'}}, '{}').then((r) => r.statusCode);`,
      }),
    );
    expect(record.returnValue).toBe(200);
    expect(record.outgoingRequests[0].headers).toEqual({ 'X-Other': 'kept', Authorization: '[REDACTED]' });
  });

  test('an object that did not come from getGoogleAuth is ignored', async () => {
    nock(ADS)
      .get('/v1/x')
      .reply(function () {
        return [200, String(this.req.headers.authorization)];
      });
    const record = await runTemplate(
      makeTemplate({
        type: 'MACRO',
        permissions: perms,
        code: `return require('sendHttpRequest')('${ADS}/v1/x', {authorization: {scopes: ['${scope}'], __sgtmGoogleAuth: 'forged'}}).then((r) => r.body);`,
      }),
    );
    expect(record.returnValue).toBe('undefined');
    expect(record.outgoingRequests[0].headers).toEqual({});
  });
});

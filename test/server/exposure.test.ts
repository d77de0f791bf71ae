/**
 * Who may reach the local container. On loopback, a page on another site that re-resolves its
 * DNS name to 127.0.0.1 (DNS rebinding) must get nothing: requests whose Host is not a loopback
 * name are refused. Beyond loopback the preview (raw event data) needs the token printed at
 * start. Every attack is a real HTTP request; canaries check nothing leaked or was recorded.
 */
import http from 'http';
import type { AddressInfo } from 'net';
import { createServerContainer, type ServerContainer } from '../../scripts/server';
import { hostName } from '../../scripts/server/index';
import { PREVIEW_COOKIE } from '../../scripts/server/preview-routes';
import { rawRequest, startTestServer, TOKEN, PIXEL, type TestServer } from './helpers';

const CANARY_EMAIL = 'canary.rebinding@example.com';

describe('loopback server: DNS rebinding guard', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ preview: { maxRequests: 50 } });
  });
  afterAll(() => s.close());

  const port = () => String(s.port);

  test.each([
    ['GET', '/preview.json'],
    ['GET', '/preview'],
    ['GET', '/preview/stream'],
    ['GET', '/healthz'],
    ['POST', '/events'],
    ['GET', '/g/collect?v=2&tid=G-1&cid=1.1&en=purchase'],
  ])('%s %s with Host: evil.example is refused with 403 and records nothing', async (method, path) => {
    const before = s.container.preview.total();
    const mockBefore = s.container.mock!.stats().requests;
    const res = await rawRequest(`${s.url}${path}`, {
      method,
      headers: { host: `evil.example:${port()}`, 'content-type': 'application/json' },
      body: method === 'POST' ? JSON.stringify({ event_name: 'purchase', user_data: { email_address: CANARY_EMAIL } }) : undefined,
    });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error).toMatch(/^Host "evil\.example:\d+" is not a loopback name: .*DNS rebinding/);
    expect(res.body).not.toContain(CANARY_EMAIL);
    expect(s.container.preview.total()).toBe(before);
    expect(s.container.mock!.stats().requests).toBe(mockBefore);
  });

  test('an attacker cannot read back what real visitors sent', async () => {
    await fetch(`${s.url}/events`, { method: 'POST', body: JSON.stringify({ event_name: 'purchase', user_data: { email_address: CANARY_EMAIL } }) });
    for (const host of ['evil.example', `attacker.test:${port()}`, `127.0.0.1.evil.example:${port()}`, `localhost.evil.example`, `0x7f000001:${port()}`]) {
      const res = await rawRequest(`${s.url}/preview.json`, { headers: { host } });
      expect([host, res.status]).toEqual([host, 403]);
      expect(res.body).not.toContain(CANARY_EMAIL);
    }
  });

  test.each(['localhost', '127.0.0.1', '127.8.9.10', '[::1]', 'LOCALHOST', 'app.localhost'])('Host: %s:PORT is served', async (name) => {
    const res = await rawRequest(`${s.url}/healthz`, { headers: { host: `${name}:${port()}` } });
    expect(res.status).toBe(200);
  });

  test('without a preview token configured, loopback needs none', async () => {
    const res = await fetch(`${s.url}/preview.json`);
    expect(res.status).toBe(200);
  });

  test('hostName strips the port and IPv6 brackets', () => {
    expect([hostName('[::1]:8080'), hostName('localhost:1'), hostName('example.com'), hostName(undefined)]).toEqual(['::1', 'localhost', 'example.com', undefined]);
  });
});

describe('beyond loopback: the preview needs the token printed at start', () => {
  let container: ServerContainer;
  let server: http.Server;
  let url: string;
  let token: string;

  beforeAll(async () => {
    // Configured for every interface; the test itself serves the app on 127.0.0.1 only.
    container = await createServerContainer({
      host: '0.0.0.0', port: 0, mode: 'production', workers: 0, logs: { file: null, stdout: false },
      tag: { fields: { accessToken: TOKEN, pixelCode: PIXEL } },
      tiktok: { target: 'mock', mock: { port: 0, faults: {}, accessToken: TOKEN, pixelCodes: [PIXEL] } },
    }, { env: {} });
    server = http.createServer(container.app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    token = container.config.preview.token!;
    await fetch(`${url}/events`, { method: 'POST', body: JSON.stringify({ event_name: 'purchase', user_data: { email_address: CANARY_EMAIL } }) });
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await container.close();
  });

  test('a token is made up when none is configured (24 url-safe characters)', () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });

  test.each([
    ['no token', {}, ''],
    ['a wrong token', {}, '?token=wrong-token-wrong-token'],
    ['the token with one character changed', {}, 'CHANGED'],
    ['a wrong bearer', { authorization: 'Bearer nope-nope-nope-nope' }, ''],
    ['a wrong cookie', { cookie: `${PREVIEW_COOKIE}=guess-guess-guess-guess` }, ''],
  ])('with %s, /preview, /preview.json, /preview/stream and /preview/requests/ID answer 401 and leak nothing', async (_what, headers, query) => {
    const q = query === 'CHANGED' ? `?token=${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}` : query;
    for (const path of ['/preview', '/preview.json', '/preview/stream', '/preview/requests/1', '/preview/app.js']) {
      const res = await rawRequest(`${url}${path}${q}`, { headers: headers as Record<string, string> });
      expect([path, res.status]).toEqual([path, 401]);
      expect(res.body).not.toContain(CANARY_EMAIL);
      expect(res.body).not.toContain(token);
      expect(JSON.parse(res.body).error).toMatch(/^the preview needs the token printed when the server started/);
    }
  });

  test('?token= opens the page and sets a cookie that serves the page\'s own requests', async () => {
    const page = await rawRequest(`${url}/preview?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Preview');
    const cookie = String(page.headers['set-cookie']).split(';')[0];
    expect(cookie).toBe(`${PREVIEW_COOKIE}=${token}`);
    expect(String(page.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    const json = await rawRequest(`${url}/preview.json`, { headers: { cookie } });
    expect(json.status).toBe(200);
    expect(json.body).toContain(CANARY_EMAIL);
  });

  test('Authorization: Bearer works for scripts', async () => {
    const json = await rawRequest(`${url}/preview.json`, { headers: { authorization: `Bearer ${token}` } });
    expect(json.status).toBe(200);
  });

  test('hits are still accepted without a token (they are what the container is for)', async () => {
    const res = await fetch(`${url}/events`, { method: 'POST', body: JSON.stringify({ event_name: 'page_view' }) });
    expect(res.status).toBe(200);
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeRun, perm } from './fake-context';
import { PIXEL_GIF_BASE64, startNewRequest } from '../../sandbox-shim/apis/client';
import type { IncomingRequest } from '../../sandbox-shim/apis/family';

const anyResponse = perm('access_response', { writeResponseAccess: 'any' });
const anyRequest = perm('read_request', { requestAccess: 'any' });

describe('claimRequest', () => {
  it('throws when the template is not a client', () => {
    const { apis } = fakeRun({ env: { templateType: 'TAG' } });
    expect(() => apis.claimRequest()).toThrow('claimRequest can only be called from a client');
  });

  it('in a test, a repeated returnResponse or a claim after it are warnings, and startNewRequest starts over', () => {
    const run = fakeRun({ env: { templateType: 'CLIENT', mode: 'test' }, permissions: [perm('return_response')] });
    run.apis.returnResponse();
    expect(run.apis.returnResponse()).toBeUndefined();
    run.apis.claimRequest();
    expect((run.extras.testWarnings as { code: string }[]).map((w) => w.code)).toEqual(['response_returned_twice', 'claim_after_return']);
    startNewRequest(run.ctx);
    run.apis.claimRequest();
    run.apis.returnResponse();
    expect((run.extras.testWarnings as unknown[]).length).toBe(2);
  });

  it('records the claim in a client, and refuses after returnResponse', () => {
    const run = fakeRun({ env: { templateType: 'CLIENT' }, permissions: [perm('return_response')] });
    run.apis.claimRequest();
    expect(run.extras.claimed).toBe(true);
    run.apis.returnResponse();
    expect(run.extras.responseReturned).toBe(true);
    expect(() => run.apis.claimRequest()).toThrow('claimRequest cannot be called after returnResponse');
    expect(() => run.apis.returnResponse()).toThrow('returnResponse was already called for this request');
  });

  it('returnResponse needs return_response', () => {
    expect(() => fakeRun({ env: { templateType: 'CLIENT' } }).apis.returnResponse()).toThrow('returnResponse: requires the return_response permission');
  });
});

describe('response writers', () => {
  it('record status, lower-cased headers (null clears) and body', () => {
    const run = fakeRun({ env: { templateType: 'CLIENT' }, permissions: [anyResponse] });
    run.apis.setResponseStatus(204);
    run.apis.setResponseHeader('X-Trace', 'abc');
    run.apis.setResponseHeader('Access-Control-Allow-Origin', '*');
    run.apis.setResponseHeader('x-trace', null);
    run.apis.setResponseBody('{"ok":true}');
    expect(run.extras).toEqual({ responseStatus: 204, responseBody: '{"ok":true}', responseBodyEncoding: 'utf8' });
    expect(run.responseHeaders).toEqual({ 'access-control-allow-origin': '*' });
    expect(() => run.apis.setResponseStatus(42)).toThrow('setResponseStatus: 42 is not an HTTP status (100–599)');
  });

  it('setPixelResponse sends a 1×1 GIF with no-cache headers', () => {
    const run = fakeRun({ env: { templateType: 'CLIENT' }, permissions: [anyResponse] });
    run.apis.setPixelResponse();
    expect(run.extras).toEqual({ responseStatus: 200, responseBody: PIXEL_GIF_BASE64, responseBodyEncoding: 'base64' });
    expect(Buffer.from(PIXEL_GIF_BASE64, 'base64').subarray(0, 6).toString()).toBe('GIF89a');
    expect(run.responseHeaders).toEqual({ 'content-type': 'image/gif', 'cache-control': 'no-store, no-cache, must-revalidate, max-age=0' });
  });

  it('access_response specific: status/body switches and a header whitelist', () => {
    const specific = perm('access_response', {
      writeResponseAccess: 'specific',
      writeStatusAllowed: true,
      writeBodyAllowed: false,
      writeHeadersAllowed: true,
      writeHeaderAccess: 'specific',
      headerWhitelist: [{ headerName: 'Content-Type' }],
    });
    const run = fakeRun({ env: { templateType: 'CLIENT' }, permissions: [specific] });
    run.apis.setResponseStatus(200);
    run.apis.setResponseHeader('content-type', 'text/plain');
    expect(() => run.apis.setResponseHeader('X-Other', '1')).toThrow(
      'setResponseHeader: access_response does not allow setting response header "x-other" (allowed headers: Content-Type)',
    );
    expect(() => run.apis.setResponseBody('x')).toThrow('setResponseBody: access_response does not allow setting the response body (writeBodyAllowed is off)');
    expect(() => run.apis.setPixelResponse()).toThrow('setPixelResponse: access_response does not allow setting the response body');
  });
});

describe('runContainer', () => {
  it('records the event and calls onStart then onComplete with bindToEvent', async () => {
    const hooked: unknown[] = [];
    const run = fakeRun({
      env: { templateType: 'CLIENT', onRunContainer: (event) => void hooked.push(event) },
      permissions: [perm('run_container'), perm('read_event_metadata')],
    });
    const order: string[] = [];
    const cb = () => undefined;
    run.apis.runContainer(
      { event_name: 'page_view' },
      (bindToEvent: (f: unknown) => any) => {
        order.push('complete');
        expect(bindToEvent(cb)).toBe(cb);
        bindToEvent(run.apis.addEventCallback)(cb);
      },
      () => order.push('start'),
    );
    order.push('sync');
    await run.drain();
    expect(order).toEqual(['sync', 'start', 'complete']);
    expect(hooked).toEqual([{ event_name: 'page_view' }]);
    expect(run.extras.containerRuns).toEqual([{ event_name: 'page_view' }]);
    expect(run.uncaught).toEqual([]);
  });

  it('needs run_container', () => {
    expect(() => fakeRun({ env: { templateType: 'CLIENT' } }).apis.runContainer({})).toThrow('runContainer: requires the run_container permission');
  });
});

describe('Measurement Protocol', () => {
  const mp2: IncomingRequest = {
    method: 'POST',
    path: '/mp/collect',
    queryString: 'measurement_id=G-XYZ&api_secret=s',
    headers: { 'user-agent': ['curl/8'], 'x-forwarded-for': ['198.51.100.4'] },
    body: JSON.stringify({
      client_id: '123.456',
      user_id: 'u1',
      user_properties: { tier: { value: 'gold' } },
      events: [{ name: 'purchase', params: { value: 9.5, currency: 'EUR' } }, { name: 'login' }],
    }),
  };

  it('recognises MP v2 and extracts one common event per events[] entry', () => {
    const { apis } = fakeRun({ env: { templateType: 'CLIENT', request: mp2 }, permissions: [anyRequest] });
    expect(apis.isRequestMpv2()).toBe(true);
    expect(apis.isRequestMpv1()).toBe(false);
    const common = {
      client_id: '123.456',
      user_id: 'u1',
      ip_override: '198.51.100.4',
      user_agent: 'curl/8',
      'x-ga-protocol_version': '2',
      'x-ga-measurement_id': 'G-XYZ',
      'x-ga-mp2-user_properties': { tier: { value: 'gold' } },
    };
    expect(apis.extractEventsFromMpv2()).toEqual([
      { value: 9.5, currency: 'EUR', event_name: 'purchase', ...common },
      { event_name: 'login', ...common },
    ]);
  });

  it('throws on a bad MP v2 format, naming the problem', () => {
    const bad = (body: string) => () =>
      fakeRun({ env: { templateType: 'CLIENT', request: { ...mp2, body } }, permissions: [anyRequest] }).apis.extractEventsFromMpv2();
    expect(bad('nope')).toThrow('extractEventsFromMpv2: the body is not JSON');
    expect(bad('{"events":[{"name":"x"}]}')).toThrow('extractEventsFromMpv2: client_id (or app_instance_id) must be a non-empty string');
    expect(bad('{"client_id":"1","events":[]}')).toThrow('extractEventsFromMpv2: events must be a non-empty array');
    expect(bad('{"client_id":"1","events":[{"params":{}}]}')).toThrow('extractEventsFromMpv2: events[0].name must be a non-empty string');
    const get = fakeRun({ env: { templateType: 'CLIENT', request: { ...mp2, method: 'GET' } }, permissions: [anyRequest] }).apis;
    expect(get.isRequestMpv2()).toBe(false);
    expect(() => get.extractEventsFromMpv2()).toThrow('extractEventsFromMpv2: the request is not a Measurement Protocol v2 request (POST …/mp/collect)');
  });

  it('recognises MP v1 hits (GET query or POST batch lines) and maps them', () => {
    const batch: IncomingRequest = {
      method: 'POST',
      path: '/batch',
      queryString: '',
      headers: { 'user-agent': ['UA-test'] },
      remoteAddress: '192.0.2.1',
      body: 'v=1&tid=UA-1-1&cid=555&t=pageview&dl=https%3A%2F%2Fa.com%2F&dt=Home\nv=1&tid=UA-1-1&cid=555&t=event&ec=shop&ea=add_to_cart&ev=3&uip=203.0.113.9',
    };
    const { apis } = fakeRun({ env: { templateType: 'CLIENT', request: batch }, permissions: [anyRequest] });
    expect(apis.isRequestMpv1()).toBe(true);
    const events = apis.extractEventsFromMpv1();
    expect(events[0]).toEqual({
      event_name: 'page_view', client_id: '555', page_location: 'https://a.com/', page_title: 'Home', ip_override: '192.0.2.1', user_agent: 'UA-test',
      'x-ga-protocol_version': '1', 'x-ga-measurement_id': 'UA-1-1',
      'x-ga-mp1-v': '1', 'x-ga-mp1-tid': 'UA-1-1', 'x-ga-mp1-cid': '555', 'x-ga-mp1-t': 'pageview', 'x-ga-mp1-dl': 'https://a.com/', 'x-ga-mp1-dt': 'Home',
    });
    expect(events[1]).toMatchObject({ event_name: 'add_to_cart', value: 3, ip_override: '203.0.113.9', 'x-ga-mp1-ec': 'shop' });
    const get = fakeRun({ env: { templateType: 'CLIENT', request: { method: 'GET', path: '/collect', queryString: 'v=2&tid=G-1', headers: {} } }, permissions: [anyRequest] }).apis;
    expect(get.isRequestMpv1()).toBe(false);
    expect(() => get.extractEventsFromMpv1()).toThrow('extractEventsFromMpv1: the request is not a Measurement Protocol v1 hit');
  });

  it('needs read_request path, body and query', () => {
    const onlyPath = perm('read_request', { requestAccess: 'specific', pathAllowed: true });
    const { apis } = fakeRun({ env: { templateType: 'CLIENT', request: mp2 }, permissions: [onlyPath] });
    expect(apis.isRequestMpv2()).toBe(true);
    expect(() => apis.extractEventsFromMpv2()).toThrow('extractEventsFromMpv2: read_request does not allow reading the request body (bodyAllowed is off)');
  });
});

describe('getGoogleScript', () => {
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/gtag/js?id=G-TEST') {
        res.writeHead(200, { 'content-type': 'application/javascript' });
        res.end('/* gtag */');
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('fetches the script through routes and passes script and headers to the callback', async () => {
    const run = fakeRun({ env: { templateType: 'CLIENT', mode: 'test', routes: { 'www.googletagmanager.com': origin } } });
    const got: unknown[] = [];
    run.apis.getGoogleScript('GTAG', (script: string, meta: Record<string, string>) => got.push(script, meta['content-type']), { id: 'G-TEST' });
    await run.drain();
    expect(got).toEqual(['/* gtag */', 'application/javascript']);
  });

  it('logs a console error and skips the callback when the fetch fails', async () => {
    const run = fakeRun({ env: { templateType: 'CLIENT', routes: { 'www.googletagmanager.com': origin } } });
    const got: unknown[] = [];
    run.apis.getGoogleScript('GTM', (s: string) => got.push(s), { id: 'GTM-NONE' });
    await run.drain();
    expect(got).toEqual([]);
    expect(run.console).toEqual([{ level: 'error', message: 'getGoogleScript: could not fetch https://www.googletagmanager.com/gtm.js?id=GTM-NONE: HTTP 404' }]);
  });

  it('refuses unknown scripts; in tests an unrouted download is not made, never calls back, and is warned about', async () => {
    const run = fakeRun({ env: { templateType: 'CLIENT', mode: 'test' } });
    expect(() => run.apis.getGoogleScript('OTHER', () => undefined)).toThrow('getGoogleScript: unknown script "OTHER" (use ANALYTICS, GTAG or GTM)');
    const got: unknown[] = [];
    expect(run.apis.getGoogleScript('ANALYTICS', (s: string) => got.push(s))).toBeUndefined();
    await run.drain();
    expect(got).toEqual([]);
    expect(run.extras.testWarnings).toEqual([
      {
        code: 'network_not_sent',
        url: 'https://www.google-analytics.com/analytics.js',
        message:
          'getGoogleScript GET https://www.google-analytics.com/analytics.js was not sent (tests never reach the network), so its callback is never called; mock getGoogleScript, or pass --route www.google-analytics.com=http://127.0.0.1:PORT or --allow-network',
      },
    ]);
  });
});

/**
 * Client-only APIs: claiming the request, building and returning the response, running the
 * container for an event, reading Measurement Protocol requests, fetching Google's scripts.
 */
import { testWarning, type ApiContext, type ApiFamily, type IncomingRequest, type PermissionCheck } from './family';
import type { SandboxApis } from '../sandbox-apis';
import { boolParam, listForMessage, stringListParam, stringParam } from './permission-params';
import { headerValue, queryParameters, remoteAddress } from './request';

/** access_response, called as ('status') | ('body') | ('header', name). */
const accessResponse: PermissionCheck = (params, component, name) => {
  if (stringParam(params, 'writeResponseAccess') === 'any') return undefined;
  switch (String(component)) {
    case 'status':
      return boolParam(params, 'writeStatusAllowed') ? undefined : 'does not allow setting the response status (writeStatusAllowed is off)';
    case 'body':
      return boolParam(params, 'writeBodyAllowed') ? undefined : 'does not allow setting the response body (writeBodyAllowed is off)';
    case 'header': {
      if (!boolParam(params, 'writeHeadersAllowed')) return 'does not allow setting response headers (writeHeadersAllowed is off)';
      if (stringParam(params, 'writeHeaderAccess') === 'any') return undefined;
      const allowed = stringListParam(params, 'headerWhitelist', 'headerName');
      const wanted = String(name).toLowerCase();
      if (allowed.some((h) => h.toLowerCase() === wanted)) return undefined;
      return `does not allow setting response header "${wanted}" (allowed headers: ${listForMessage(allowed)})`;
    }
    default:
      return `does not know the response component "${String(component)}" (use status, body or header)`;
  }
};

/** A 1×1 transparent GIF, as GTM's setPixelResponse sends. */
export const PIXEL_GIF_BASE64 = 'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

const MPV1_PATHS = ['/collect', '/r/collect', '/j/collect', '/batch'];

/** The UA Measurement Protocol hits of a request: query for GET, one hit per body line for POST. */
function mpv1Hits(request: IncomingRequest): Record<string, string>[] {
  const lines = request.method.toUpperCase() === 'POST' && request.body ? request.body.split(/\r?\n/).filter((l) => l.trim()) : [request.queryString];
  return lines.map((line) => {
    const hit: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(line)) if (!(k in hit)) hit[k] = v;
    return hit;
  });
}

export function isMpv1(request: IncomingRequest): boolean {
  if (!MPV1_PATHS.some((p) => request.path === p || request.path.endsWith(p))) return false;
  const hits = mpv1Hits(request);
  return hits.length > 0 && hits.every((h) => h.v === '1');
}

export function isMpv2(request: IncomingRequest): boolean {
  return request.method.toUpperCase() === 'POST' && /\/mp\/collect$/.test(request.path);
}

const MPV1_EVENT_NAMES: Record<string, string> = { pageview: 'page_view', screenview: 'screen_view', transaction: 'purchase' };
const MPV1_FIELDS: [string, string][] = [
  ['cid', 'client_id'],
  ['uid', 'user_id'],
  ['dl', 'page_location'],
  ['dr', 'page_referrer'],
  ['dt', 'page_title'],
  ['dh', 'page_hostname'],
  ['dp', 'page_path'],
  ['ul', 'language'],
  ['sr', 'screen_resolution'],
  ['vp', 'viewport_size'],
  ['cu', 'currency'],
  ['ti', 'transaction_id'],
];

/** UA hits → common event data (mapping documented in docs/apis.md). */
export function eventsFromMpv1(request: IncomingRequest): Record<string, unknown>[] {
  if (!isMpv1(request)) {
    throw new Error('extractEventsFromMpv1: the request is not a Measurement Protocol v1 hit (path /collect or /batch with v=1)');
  }
  return mpv1Hits(request).map((hit) => {
    if (!hit.t || !hit.tid) throw new Error('extractEventsFromMpv1: every hit needs t (hit type) and tid (tracking id)');
    const event: Record<string, unknown> = {
      event_name: hit.t === 'event' && hit.ea ? hit.ea : MPV1_EVENT_NAMES[hit.t] ?? hit.t,
    };
    for (const [from, to] of MPV1_FIELDS) if (hit[from] !== undefined) event[to] = hit[from];
    const value = hit.ev ?? hit.tr;
    if (value !== undefined && !Number.isNaN(Number(value))) event.value = Number(value);
    event.ip_override = hit.uip ?? remoteAddress(request);
    event.user_agent = hit.ua ?? headerValue(request, 'user-agent');
    event['x-ga-protocol_version'] = '1';
    event['x-ga-measurement_id'] = hit.tid;
    for (const [k, v] of Object.entries(hit)) event[`x-ga-mp1-${k}`] = v;
    return event;
  });
}

/** GA4 Measurement Protocol body → one common event per events[] entry. */
export function eventsFromMpv2(request: IncomingRequest): Record<string, unknown>[] {
  const fail = (why: string): never => {
    throw new Error(`extractEventsFromMpv2: ${why}`);
  };
  if (!isMpv2(request)) fail('the request is not a Measurement Protocol v2 request (POST …/mp/collect)');
  let body: unknown;
  try {
    body = JSON.parse(request.body ?? '');
  } catch {
    fail('the body is not JSON');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) fail('the body must be a JSON object');
  const payload = body as Record<string, unknown>;
  const clientId = payload.client_id ?? payload.app_instance_id;
  if (typeof clientId !== 'string' || clientId === '') fail('client_id (or app_instance_id) must be a non-empty string');
  if (!Array.isArray(payload.events) || payload.events.length === 0) fail('events must be a non-empty array');
  const query = queryParameters(request.queryString);
  const measurementId = query.measurement_id ?? query.firebase_app_id;
  return (payload.events as unknown[]).map((raw, i) => {
    if (!raw || typeof raw !== 'object') fail(`events[${i}] must be an object`);
    const e = raw as Record<string, unknown>;
    if (typeof e.name !== 'string' || e.name === '') fail(`events[${i}].name must be a non-empty string`);
    const params = e.params && typeof e.params === 'object' ? (e.params as Record<string, unknown>) : {};
    const event: Record<string, unknown> = { ...params, event_name: e.name, client_id: clientId };
    if (payload.user_id !== undefined) event.user_id = payload.user_id;
    if (payload.user_data !== undefined) event.user_data = payload.user_data;
    event.ip_override = remoteAddress(request);
    const ua = headerValue(request, 'user-agent');
    if (ua !== undefined) event.user_agent = ua;
    event['x-ga-protocol_version'] = '2';
    if (measurementId !== undefined) event['x-ga-measurement_id'] = Array.isArray(measurementId) ? measurementId[0] : measurementId;
    if (payload.user_properties !== undefined) event['x-ga-mp2-user_properties'] = payload.user_properties;
    if (payload.timestamp_micros !== undefined) event['x-ga-mp2-timestamp_micros'] = payload.timestamp_micros;
    if (payload.non_personalized_ads !== undefined) event['x-ga-mp2-non_personalized_ads'] = payload.non_personalized_ads;
    if (payload.consent !== undefined) event['x-ga-mp2-consent'] = payload.consent;
    return event;
  });
}

const GOOGLE_SCRIPTS: Record<string, (id: string, debug: boolean) => string> = {
  ANALYTICS: (_id, debug) => `https://www.google-analytics.com/${debug ? 'analytics_debug' : 'analytics'}.js`,
  GTAG: (id) => `https://www.googletagmanager.com/gtag/js?id=${encodeURIComponent(id)}`,
  GTM: (id) => `https://www.googletagmanager.com/gtm.js?id=${encodeURIComponent(id)}`,
};

/** Applies env.routes (host → origin) the way the HTTP family does. */
function routed(ctx: ApiContext, url: string): string {
  const parsed = new URL(url);
  const origin = ctx.env.routes[parsed.host] ?? ctx.env.routes[parsed.hostname];
  return origin ? `${origin.replace(/\/$/, '')}${parsed.pathname}${parsed.search}` : url;
}

interface ClientState {
  claimed: boolean;
  returned: boolean;
}
const states = new WeakMap<ApiContext, ClientState>();
function stateOf(ctx: ApiContext): ClientState {
  let state = states.get(ctx);
  if (!state) states.set(ctx, (state = { claimed: false, returned: false }));
  return state;
}

/**
 * Forgets whether the request was claimed and answered. The test runner calls it before each
 * runCode: every runCode is a new request to the client, as in GTM's editor, where client
 * suites call runCode several times in one scenario.
 */
export function startNewRequest(ctx: ApiContext): void {
  states.delete(ctx);
}

export const family: ApiFamily = {
  name: 'client',
  permissions: {
    access_response: accessResponse,
    return_response: () => undefined,
    run_container: () => undefined,
  },
  create(ctx) {
    const requireClient = (api: string) => {
      if (String(ctx.env.templateType).toUpperCase() !== 'CLIENT') throw new Error(`${api} can only be called from a client`);
    };
    const setHeader = (name: string, value: string | null | undefined) => {
      const header = String(name).toLowerCase();
      ctx.checkPermission('access_response', 'setResponseHeader', 'header', header);
      ctx.recorder.responseHeader(header, value === null || value === undefined ? undefined : String(value));
    };
    const apis = {
      claimRequest: () => {
        requireClient('claimRequest');
        const state = stateOf(ctx);
        if (state.returned) {
          const message = 'claimRequest was called after returnResponse for the same request';
          if (ctx.env.mode !== 'test') throw new Error(`claimRequest cannot be called after returnResponse`);
          testWarning(ctx, { code: 'claim_after_return', message: `${message}; GTM's editor does not fail a test for it, a container would ignore the claim` });
        }
        state.claimed = true;
        ctx.recorder.extra('claimed', true);
      },
      returnResponse: () => {
        ctx.checkPermission('return_response', 'returnResponse');
        const state = stateOf(ctx);
        if (state.returned) {
          if (ctx.env.mode !== 'test') throw new Error('returnResponse was already called for this request');
          // Suites written against GTM's editor answer twice (e.g. once per completed event); the editor lets them.
          testWarning(ctx, { code: 'response_returned_twice', message: 'returnResponse was called again for a request already answered; a container sends the first response only' });
          return;
        }
        state.returned = true;
        ctx.recorder.extra('responseReturned', true);
      },
      runContainer: (event: object, onComplete?: (bind: (fn: Function) => Function) => void, onStart?: (bind: (fn: Function) => Function) => void) => {
        if (!event || typeof event !== 'object') throw new Error('runContainer: the event must be an object (common event data)');
        ctx.checkPermission('run_container', 'runContainer');
        const copy = ctx.fromSandbox(event) as Record<string, unknown>;
        ctx.recorder.append('containerRuns', copy);
        // Callbacks registered through bindToEvent belong to this run already; it returns its argument.
        const bindToEvent = ctx.toSandbox((fn: Function) => fn);
        const run = Promise.resolve()
          .then(() => {
            if (typeof onStart === 'function') ctx.callSandbox(onStart, bindToEvent);
          })
          .then(() => ctx.env.onRunContainer?.(copy))
          .then(
            () => {
              if (typeof onComplete === 'function') ctx.callSandbox(onComplete, bindToEvent);
            },
            (error: unknown) => {
              ctx.recorder.console({ level: 'error', message: `runContainer: running the container for the event failed: ${(error as Error)?.message ?? String(error)}` });
            },
          );
        ctx.track(run);
      },
      isRequestMpv1: () => {
        ctx.checkPermission('read_request', 'isRequestMpv1', 'path');
        return isMpv1(ctx.env.request);
      },
      isRequestMpv2: () => {
        ctx.checkPermission('read_request', 'isRequestMpv2', 'path');
        return isMpv2(ctx.env.request);
      },
      extractEventsFromMpv1: () => {
        for (const part of ['path', 'body', 'query']) ctx.checkPermission('read_request', 'extractEventsFromMpv1', part);
        return ctx.toSandbox(eventsFromMpv1(ctx.env.request));
      },
      extractEventsFromMpv2: () => {
        for (const part of ['path', 'body', 'query']) ctx.checkPermission('read_request', 'extractEventsFromMpv2', part);
        return ctx.toSandbox(eventsFromMpv2(ctx.env.request));
      },
      setResponseStatus: (statusCode: number) => {
        const code = Number(statusCode);
        if (!Number.isInteger(code) || code < 100 || code > 599) throw new Error(`setResponseStatus: ${String(statusCode)} is not an HTTP status (100–599)`);
        ctx.checkPermission('access_response', 'setResponseStatus', 'status');
        ctx.recorder.extra('responseStatus', code);
      },
      setResponseHeader: setHeader,
      setResponseBody: (body: string, encoding?: string) => {
        ctx.checkPermission('access_response', 'setResponseBody', 'body');
        ctx.recorder.extra('responseBody', String(body));
        ctx.recorder.extra('responseBodyEncoding', encoding === undefined ? 'utf8' : String(encoding));
      },
      setPixelResponse: () => {
        ctx.checkPermission('access_response', 'setPixelResponse', 'status');
        ctx.checkPermission('access_response', 'setPixelResponse', 'body');
        ctx.checkPermission('access_response', 'setPixelResponse', 'header', 'content-type');
        ctx.checkPermission('access_response', 'setPixelResponse', 'header', 'cache-control');
        ctx.recorder.extra('responseStatus', 200);
        ctx.recorder.extra('responseBody', PIXEL_GIF_BASE64);
        ctx.recorder.extra('responseBodyEncoding', 'base64');
        ctx.recorder.responseHeader('content-type', 'image/gif');
        ctx.recorder.responseHeader('cache-control', 'no-store, no-cache, must-revalidate, max-age=0');
      },
      getGoogleScript: (script: 'ANALYTICS' | 'GTAG' | 'GTM', callback: (script: string, metadata: object) => void, options?: object) => {
        const build = GOOGLE_SCRIPTS[String(script)];
        if (!build) throw new Error(`getGoogleScript: unknown script "${String(script)}" (use ANALYTICS, GTAG or GTM)`);
        if (typeof callback !== 'function') throw new Error('getGoogleScript: the second argument must be a function (script, metadata) => …');
        const opts = (ctx.fromSandbox(options) ?? {}) as { id?: unknown; debug?: unknown; timeout?: unknown };
        const url = build(String(opts.id ?? ''), opts.debug === true);
        const target = routed(ctx, url);
        if (ctx.env.mode === 'test' && target === url && !ctx.env.allowNetwork) {
          testWarning(ctx, {
            code: 'network_not_sent',
            url,
            message: `getGoogleScript GET ${url} was not sent (tests never reach the network), so its callback is never called; mock getGoogleScript, or pass --route ${new URL(url).host}=http://127.0.0.1:PORT or --allow-network`,
          });
          return;
        }
        const timeout = typeof opts.timeout === 'number' && opts.timeout > 0 ? opts.timeout : 15000;
        // Stops at the option's timeout or when the run ends, whichever comes first.
        const timer = AbortSignal.timeout(timeout);
        const signal = ctx.signal ? AbortSignal.any([timer, ctx.signal]) : timer;
        const work = fetch(target, { signal })
          .then(async (response) => {
            if (!response.ok) throw new Error(`HTTP ${response.status}`);
            const metadata: Record<string, string> = {};
            response.headers.forEach((value, key) => (metadata[key] = value));
            return { text: await response.text(), metadata };
          })
          .then(
            // Outside the catch: an error in the template's callback is the template's, not a fetch failure.
            ({ text, metadata }) => {
              ctx.callSandbox(callback, text, ctx.toSandbox(metadata));
            },
            (error: Error) => {
              ctx.recorder.console({ level: 'error', message: `getGoogleScript: could not fetch ${url}: ${error.message}` });
            },
          );
        ctx.track(work);
      },
    } satisfies Pick<
      SandboxApis,
      | 'claimRequest'
      | 'returnResponse'
      | 'runContainer'
      | 'isRequestMpv1'
      | 'isRequestMpv2'
      | 'extractEventsFromMpv1'
      | 'extractEventsFromMpv2'
      | 'setResponseStatus'
      | 'setResponseHeader'
      | 'setResponseBody'
      | 'setPixelResponse'
      | 'getGoogleScript'
    >;
    return apis;
  },
};

/**
 * HTTP family: sendHttpRequest, sendHttpGet, sendPixelFromBrowser (spec §2.2), the send_http
 * permission check (spec §3.2), --route re-targeting, and the record of every exchange.
 *
 * Real I/O goes through Node's http/https request, so nock can intercept it in tests.
 */
import http from 'node:http';
import https from 'node:https';
import type { SandboxApis } from '../sandbox-apis';
import type { OutgoingRequest } from '../types';
import { sandboxPromise, testWarning, type ApiContext, type ApiFamily, type ExchangeOutcome, type ExchangeRequest, type PermissionCheck } from './family';
import { isGoogleAuth } from './google-cloud';
import { defineOwn } from '../runtime/own-property';
import { globRegExp } from './permission-params';

/** What `options.authorization` (a getGoogleAuth object) adds: the shim holds no Google credentials. */
export const SHIM_GOOGLE_AUTH_HEADER = 'Bearer shim-google-auth-token';

export const DEFAULT_HTTP_TIMEOUT_MS = 15000;

// ------------------------------------------------------------------ send_http URL patterns

/** The parts of a request URL a send_http pattern looks at. */
interface Target {
  protocol: string;
  port: string;
  hostname: string;
  pathname: string;
}

/** Parsed request URLs: a tag sends to the same few URLs on every event (a URL parse is ~1 µs). */
const targets = new Map<string, Target | null>();
const TARGETS_LIMIT = 256;

function targetOf(url: string): Target | null {
  let target = targets.get(url);
  if (target === undefined) {
    try {
      const u = new URL(url);
      target = Object.freeze({ protocol: u.protocol, port: u.port, hostname: u.hostname, pathname: u.pathname });
    } catch {
      target = null;
    }
    if (targets.size >= TARGETS_LIMIT) targets.clear();
    targets.set(url, target);
  }
  return target;
}

/**
 * Does `url` match a send_http URL pattern? Same scheme; host exact, or any subdomain for a
 * leading `*.`; a path ending in `/` or `/*` is a prefix, any other path must match exactly
 * (`*` inside a path matches any run of characters); the query string and fragment are ignored.
 */
export function urlMatchesPattern(url: string, pattern: string): boolean {
  const u = targetOf(url);
  if (!u) return false;
  const p = patternOf(pattern);
  if (!p || u.protocol !== p.protocol || u.port !== p.port) return false;
  const host = u.hostname.toLowerCase();
  if (p.anySubdomainOf !== undefined) {
    if (!host.endsWith(`.${p.anySubdomainOf}`)) return false;
  } else if (host !== p.host) {
    return false;
  }
  return p.path.test(u.pathname);
}

/** A send_http URL pattern, taken apart once. */
interface UrlPattern {
  protocol: string;
  port: string;
  /** The exact host, or undefined for `*.base`. */
  host?: string;
  anySubdomainOf?: string;
  path: RegExp;
}

/** Parsed patterns: the same few declared URLs are checked on every request. */
const urlPatterns = new Map<string, UrlPattern | null>();

function patternOf(pattern: string): UrlPattern | null {
  let parsed = urlPatterns.get(pattern);
  if (parsed !== undefined) return parsed;
  parsed = null;
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]+)([^?#]*)/i.exec(pattern.trim());
  if (m) {
    const scheme = m[1].toLowerCase();
    const hostPort = m[2].toLowerCase();
    const colon = hostPort.lastIndexOf(':');
    const patternHost = colon === -1 ? hostPort : hostPort.slice(0, colon);
    let port = colon === -1 ? '' : hostPort.slice(colon + 1);
    if ((scheme === 'https' && port === '443') || (scheme === 'http' && port === '80')) port = '';
    const path = m[3] === '' ? '/' : m[3];
    parsed = {
      protocol: `${scheme}:`,
      port,
      ...(patternHost.startsWith('*.') ? { anySubdomainOf: patternHost.slice(2) } : { host: patternHost }),
      path: globRegExp(path, false, path.endsWith('/')),
    };
  }
  if (urlPatterns.size >= TARGETS_LIMIT) urlPatterns.clear();
  urlPatterns.set(pattern, parsed);
  return parsed;
}

/** Check for send_http and send_pixel_from_browser: `allowedUrls: any`, or one of `urls` matches. */
export const checkUrlPermission: PermissionCheck = (params, url) => {
  if (params.allowedUrls === 'any') return undefined;
  const patterns = Array.isArray(params.urls) ? params.urls.map(String) : [];
  const target = String(url);
  if (patterns.some((p) => urlMatchesPattern(target, p))) return undefined;
  return `does not allow ${target} (allowed: ${patterns.length ? patterns.join(', ') : 'no URLs'})`;
};

// ------------------------------------------------------------------ routes

/** The URL a request really goes to after `routes` (host or host:port → origin), or undefined. */
export function routeUrl(url: string, routes: Record<string, string>): string | undefined {
  // No routes (a deployed container, the usual run): no URL to parse.
  if (Object.keys(routes).length === 0) return undefined;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const own = (key: string) => (Object.prototype.hasOwnProperty.call(routes, key) ? routes[key] : undefined);
  const origin = own(u.host) ?? own(u.hostname);
  if (!origin) return undefined;
  return `${origin.replace(/\/+$/, '')}${u.pathname}${u.search}`;
}

// ------------------------------------------------------------------ one exchange

// The exchange types live with RunEnvironment, whose `exchange` may perform requests elsewhere (the host of an execution unit).
export type Outcome = ExchangeOutcome;

/**
 * Connections kept open between requests (per origin, shared by every run of this process): a new
 * TCP (and TLS) connection per request cost most of the host's CPU for a tag that sends one.
 * Idle sockets are unref'd by Node's agent, so they never keep a process alive, and the agent
 * closes them before the server's announced `Keep-Alive: timeout`; FREE_SOCKET_MS bounds how long
 * they idle when the server announces none (a server that closes an idle socket first is handled
 * by the retry in `exchange`). Servers see `Connection: keep-alive` instead of `close`.
 */
const FREE_SOCKET_MS = 4000;
const agentOptions = { keepAlive: true, timeout: FREE_SOCKET_MS, scheduling: 'lifo' as const };
const agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };

/** Error codes of a kept-alive socket the server had already closed when it was reused. */
const STALE_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE']);

/** Methods whose exchange leaves a connection as it found it (CONNECT and custom methods do not share one). */
const SHAREABLE_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
/** Headers that decide how a request is framed on its connection, or what becomes of the connection. */
const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'expect', 'te', 'trailer', 'proxy-connection']);

/**
 * Whether a request may go on a kept-alive connection that later requests (of other runs, other
 * templates) reuse. Not when the template frames it itself: a Content-Length shorter than the
 * body would leave the rest of the body on the connection, read by the server as a next request
 * whose response the next user of the connection would get. Such a request gets a connection of
 * its own, closed after it, as every request did before connections were kept.
 */
function mayShareConnection(method: string, headers: Record<string, string>, bodyBytes: number): boolean {
  if (!SHAREABLE_METHODS.has(method)) return false;
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    if (!FRAMING_HEADERS.has(lower)) continue;
    if (lower === 'content-length' && String(headers[name]).trim() === String(bodyBytes)) continue;
    return false;
  }
  return true;
}

/**
 * Performs one request without following redirects; never rejects. A request that fails on a
 * reused keep-alive socket before any byte of its response (the server closed that idle
 * connection as it was reused, so it never processed the request) is sent once more on a new connection.
 */
export function exchange(req: ExchangeRequest): Promise<Outcome> {
  return startExchange(req).outcome;
}

/** An exchange under way; `abort()` ends it as failed ("aborted: …") unless it is already over. */
export interface StartedExchange {
  outcome: Promise<Outcome>;
  abort(): void;
}

/**
 * `exchange`, with a function that aborts it: a unit's host performs its units' requests this
 * way, without an AbortController per request (one and its listener cost ~6 µs).
 */
export function startExchange(req: ExchangeRequest): StartedExchange {
  let abort = () => {};
  const outcome = new Promise<Outcome>((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', abort);
      resolve(outcome);
    };
    let u: URL;
    try {
      u = new URL(req.url);
    } catch {
      finish({ reason: 'failed', detail: `invalid URL ${JSON.stringify(req.url)}` });
      return;
    }
    const transport = u.protocol === 'https:' ? https : u.protocol === 'http:' ? http : undefined;
    if (!transport) {
      finish({ reason: 'failed', detail: `unsupported scheme ${u.protocol}` });
      return;
    }
    const bodyBytes = req.body === undefined ? 0 : Buffer.byteLength(req.body);
    const pool = transport === https ? agents.https : agents.http;
    const headers: Record<string, string> = { ...req.headers };
    if (req.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) {
      headers['content-length'] = String(bodyBytes);
    }
    let request: http.ClientRequest | undefined;
    timer = setTimeout(() => {
      finish({ reason: 'timed_out', detail: `no complete response within ${req.timeoutMs} ms` });
      request?.destroy();
    }, req.timeoutMs);
    abort = () => {
      finish({ reason: 'failed', detail: 'aborted: the run ended before the response arrived' });
      request?.destroy();
    };
    if (req.signal?.aborted) {
      abort();
      return;
    }
    req.signal?.addEventListener('abort', abort);
    /** `pooled`: on a kept-alive connection (and retried once if that one turns out stale). */
    const send = (pooled: boolean) => {
      let responded = false;
      let current: http.ClientRequest;
      try {
        // The retry takes a connection of its own (another idle one could be just as stale).
        current = transport.request(u, { method: req.method, headers, agent: pooled ? pool : false }, (res) => {
          responded = true;
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (err) => finish({ reason: 'failed', detail: err.message }));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const out: Record<string, string | string[]> = {};
            for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) out[name.toLowerCase()] = value;
            finish({ statusCode: res.statusCode ?? 0, headers: out, body: text === '' ? undefined : text });
          });
        });
      } catch (err) {
        finish({ reason: 'failed', detail: (err as Error).message });
        return;
      }
      request = current;
      current.on('error', (err: NodeJS.ErrnoException) => {
        if (pooled && !settled && !responded && current.reusedSocket && STALE_SOCKET_CODES.has(err.code ?? '')) {
          send(false);
          return;
        }
        finish({ reason: 'failed', detail: err.message });
      });
      current.end(req.body);
    };
    send(mayShareConnection(req.method, req.headers, bodyBytes));
  });
  return { outcome, abort: () => abort() };
}

// ------------------------------------------------------------------ the APIs

interface Options {
  method: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

function readOptions(raw: unknown): Options {
  const o = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const headers: Record<string, string> = {};
  if (o.headers !== null && typeof o.headers === 'object') {
    for (const [name, value] of Object.entries(o.headers as Record<string, unknown>)) {
      if (value !== undefined && value !== null) defineOwn(headers, name, String(value));
    }
  }
  if (isGoogleAuth(o.authorization)) {
    // GTM signs the request with the credentials, so any Authorization the template set is replaced.
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'authorization') delete headers[name];
    headers.Authorization = SHIM_GOOGLE_AUTH_HEADER;
  }
  const timeout = Number(o.timeout);
  return {
    method: o.method === undefined || o.method === null ? 'GET' : String(o.method).toUpperCase(),
    headers,
    timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_HTTP_TIMEOUT_MS,
  };
}

function send(ctx: ApiContext, api: string, url: unknown, callback: ((...a: unknown[]) => unknown) | undefined, rawOptions: unknown, rawBody: unknown) {
  const target = String(url);
  ctx.checkPermission('send_http', api, target);
  const options = readOptions(rawOptions);
  // Templates always send strings; anything else is coerced the way String() does.
  const body = rawBody === undefined || rawBody === null ? undefined : String(rawBody);
  const routedTo = routeUrl(target, ctx.env.routes);
  if (ctx.env.mode === 'test' && !ctx.env.allowNetwork && !routedTo) return notSent(ctx, api, options.method, target, callback);
  const started = performance.now();
  // Walls: inside an execution unit the unit's host performs the request (env.exchange).
  const perform = ctx.env.exchange ?? exchange;
  const signal = ctx.runEnd ?? ctx.signal;
  const done = perform({ url: routedTo ?? target, method: options.method, headers: options.headers, body, timeoutMs: options.timeoutMs, signal }).then(
    (outcome) => {
      const record: OutgoingRequest = {
        url: target,
        ...(routedTo ? { routedTo } : {}),
        method: options.method,
        headers: options.headers,
        ...(body !== undefined ? { body } : {}),
        response: 'statusCode' in outcome ? outcome : { reason: outcome.reason },
        durationMs: Math.round(performance.now() - started),
      };
      ctx.recorder.outgoingRequest(record);
      if ('reason' in outcome) {
        ctx.recorder.console({ level: 'debug', message: `${api} ${options.method} ${target}: ${outcome.reason} (${outcome.detail})` });
      }
      return outcome;
    },
  );
  ctx.track(done);
  const aborted = () => signal?.aborted === true;
  if (callback) {
    done.then((o) => {
      if (aborted()) return;
      if ('statusCode' in o) ctx.callSandbox(callback, o.statusCode, o.headers, o.body);
      else ctx.callSandbox(callback, o.reason === 'timed_out' ? -1 : 0, undefined, undefined);
    });
    return undefined;
  }
  return sandboxPromise(ctx, (resolve, reject) => {
    done.then((o) => {
      if (aborted()) return;
      if ('statusCode' in o) resolve({ statusCode: o.statusCode, headers: o.headers, body: o.body });
      else reject({ reason: o.reason });
    });
  });
}

/**
 * An unmocked, unrouted request in a test: GTM's editor would really send it and a suite that
 * asserts only on other APIs passes there. Tests never reach the network here, so the call is
 * recorded (assertApi sees it, through the runtime), not sent, its callback or promise never
 * settles, and the scenario carries a warning naming the URL.
 */
function notSent(ctx: ApiContext, api: string, method: string, target: string, callback: unknown): unknown {
  testWarning(ctx, {
    code: 'network_not_sent',
    url: target,
    message:
      `${api} ${method} ${target} was not sent (tests never reach the network), so its ${callback ? 'callback is never called' : 'promise never settles'}; ` +
      `mock it with mock('${api}', …), or pass --route ${safeHost(target)}=http://127.0.0.1:PORT or --allow-network`,
  });
  return callback ? undefined : sandboxPromise(ctx, () => {});
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'HOST';
  }
}

export const family: ApiFamily = {
  name: 'http',
  permissions: { send_http: checkUrlPermission, send_pixel_from_browser: checkUrlPermission },
  create(ctx) {
    const apis = {
      sendHttpRequest: ((url: unknown, second?: unknown, third?: unknown, fourth?: unknown) =>
        typeof second === 'function'
          ? send(ctx, 'sendHttpRequest', url, second as (...a: unknown[]) => unknown, third, fourth)
          : send(ctx, 'sendHttpRequest', url, undefined, second, third)) as SandboxApis['sendHttpRequest'],
      sendHttpGet: ((url: unknown, second?: unknown, third?: unknown) => {
        const callback = typeof second === 'function' ? (second as (...a: unknown[]) => unknown) : undefined;
        const options = { ...(((callback ? third : second) as object | undefined) ?? {}), method: 'GET' };
        return send(ctx, 'sendHttpGet', url, callback, options, undefined);
      }) as SandboxApis['sendHttpGet'],
      sendPixelFromBrowser: (url: string) => {
        const target = String(url);
        ctx.checkPermission('send_pixel_from_browser', 'sendPixelFromBrowser', target);
        ctx.recorder.append('pixelsFromBrowser', target);
        return true;
      },
    } satisfies Pick<SandboxApis, 'sendHttpRequest' | 'sendHttpGet' | 'sendPixelFromBrowser'>;
    return apis;
  },
};

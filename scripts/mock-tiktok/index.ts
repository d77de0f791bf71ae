/**
 * A mock of the TikTok Events API v1.3 on a loopback port: validates like TikTok, answers
 * TikTok-shaped JSON, injects faults on demand, and counts everything it received so tests can
 * prove nothing was lost.
 *
 *   const mock = await startMockTikTok({ faults: { http5xx: 0.1, seed: 7 } });
 *   // route business-api.tiktok.com to mock.url …
 *   mock.stats().events; await mock.close();
 */
import http from 'http';
import type { AddressInfo } from 'net';
import { checkFaultOptions, decideFault, FAULT_KINDS, type FaultKind, type FaultOptions } from './faults';
import { checkIdLimit, DEFAULT_MAX_TRACKED_EVENT_IDS, RecentIds, RecentList } from './recent-ids';
import { checkToken, CODES, validateTrackBody, type Verdict } from './validate';

export { CODES } from './validate';
export type { FaultOptions, FaultKind } from './faults';

export const TRACK_PATH = '/open_api/v1.3/event/track/';

export interface MockTikTokOptions {
  port?: number;
  host?: string;
  /** When set, the only Access-Token accepted (otherwise any non-empty token is). */
  accessToken?: string;
  /** When set, the pixel codes the token may send to (others get 40001). */
  pixelCodes?: string[];
  /** Accept custom (non-standard) event names (default true, like TikTok). */
  allowCustomEvents?: boolean;
  /** Accepted event_time window: seconds in the past (default 7 days) and future (default 300). */
  maxPastSeconds?: number;
  maxFutureSeconds?: number;
  maxEventsPerRequest?: number;
  /** Largest request body accepted, bytes (default 4 MiB). */
  maxBodyBytes?: number;
  /** Answer validation errors with HTTP 200 (TikTok's way, default) or with a matching 4xx. */
  errorStatus?: 'always200' | 'mapped';
  faults?: FaultOptions;
  /** How many received requests to keep for inspection (default 200). */
  keepRequests?: number;
  /**
   * How many distinct event_ids to remember for duplicate counting, retry fault keys and
   * eventIds() (default 200,000, oldest forgotten first), so a long run has bounded memory.
   */
  maxTrackedEventIds?: number;
  now?: () => number;
}

export interface MockStats {
  /** Requests to the track endpoint, whatever the answer. */
  requests: number;
  /** Answered with code 0. */
  accepted: number;
  /** Answered with a validation error code. */
  rejected: number;
  rejectedByCode: Record<string, number>;
  /** Injected faults by kind. */
  faults: Record<FaultKind, number>;
  /** Events in accepted requests. */
  events: number;
  eventsByName: Record<string, number>;
  /** Distinct event_ids accepted; an accepted event whose event_id was already accepted is a duplicate (TikTok would drop it). */
  uniqueEventIds: number;
  duplicateEvents: number;
  /** Accepted event_ids forgotten to stay within maxTrackedEventIds; while 0, uniqueEventIds and duplicateEvents are exact. */
  forgottenEventIds: number;
  testEvents: number;
  /** Requests being answered right now (latency, held timeouts). */
  inFlight: number;
}

export interface ReceivedRequest {
  seq: number;
  time: number;
  method: string;
  path: string;
  /** Access-Token is shown as "[REDACTED]". */
  headers: Record<string, string | string[] | undefined>;
  body: string;
  answer: { status: number; code?: number; fault?: FaultKind; message?: string };
}

export interface MockTikTok {
  url: string;
  port: number;
  /** The endpoint URL, e.g. http://127.0.0.1:PORT/open_api/v1.3/event/track/. */
  trackUrl: string;
  stats(): MockStats;
  /** Accepted event_ids in arrival order (duplicates included), the last maxTrackedEventIds of them. */
  eventIds(): string[];
  /** The last `keepRequests` requests, oldest first. */
  requests(): ReceivedRequest[];
  /** Replaces the fault settings (e.g. between test cases). */
  setFaults(faults: FaultOptions): void;
  /** The fault settings in force (set at start, by setFaults or PUT /__mock/faults). */
  faults(): FaultOptions;
  /** Zeroes the counters, forgets requests and event ids. */
  reset(): void;
  close(): Promise<void>;
}

interface Counters {
  stats: MockStats;
  eventIds: RecentList<string>;
  seenIds: RecentIds<true>;
  /** Requests seen per first event_id, for the fault key of retries. */
  occurrences: RecentIds<number>;
  log: ReceivedRequest[];
  seq: number;
}

function emptyCounters(maxIds: number): Counters {
  return {
    stats: {
      requests: 0, accepted: 0, rejected: 0, rejectedByCode: {},
      faults: Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>,
      events: 0, eventsByName: {}, uniqueEventIds: 0, duplicateEvents: 0, forgottenEventIds: 0, testEvents: 0, inFlight: 0,
    },
    eventIds: new RecentList(maxIds), seenIds: new RecentIds(maxIds), occurrences: new RecentIds(maxIds), log: [], seq: 0,
  };
}

export class MockOptionsError extends Error {}

export async function startMockTikTok(options: MockTikTokOptions = {}): Promise<MockTikTok> {
  let faults: FaultOptions = { ...(options.faults ?? {}) };
  const faultProblem = checkFaultOptions(faults);
  if (faultProblem) throw new MockOptionsError(`mock TikTok: ${faultProblem}`);
  const maxIds = options.maxTrackedEventIds ?? DEFAULT_MAX_TRACKED_EVENT_IDS;
  const limitProblem = checkIdLimit(maxIds);
  if (limitProblem) throw new MockOptionsError(`mock TikTok: ${limitProblem}`);
  const now = options.now ?? Date.now;
  const keep = options.keepRequests ?? 200;
  const maxBody = options.maxBodyBytes ?? 4 * 1024 * 1024;
  let c = emptyCounters(maxIds);
  const held = new Set<http.ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();

  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => { timers.delete(t); fn(); }, ms);
    timers.add(t);
  };

  const remember = (entry: ReceivedRequest) => {
    c.log.push(entry);
    if (c.log.length > keep) c.log.splice(0, c.log.length - keep);
  };

  const send = (res: http.ServerResponse, status: number, body: string, type = 'application/json', requestId?: string) => {
    if (res.destroyed || res.writableEnded) return;
    const headers: Record<string, string | number> = { 'content-type': type, 'content-length': Buffer.byteLength(body) };
    if (requestId) headers['x-tt-logid'] = requestId;
    res.writeHead(status, headers);
    res.end(body);
  };

  const requestId = (seq: number) => {
    const d = new Date(now());
    const stamp = d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
    return `${stamp}${String(seq).padStart(8, '0')}`;
  };

  const tiktokJson = (code: number, message: string, id: string) => JSON.stringify({ code, message, request_id: id, data: {} });

  function handleTrack(req: http.IncomingMessage, res: http.ServerResponse, raw: string) {
    const counters = c;
    const seq = ++counters.seq;
    counters.stats.requests++;
    const id = requestId(seq);
    const headers = { ...req.headers };
    if (headers['access-token'] !== undefined) headers['access-token'] = '[REDACTED]';
    const entry: ReceivedRequest = { seq, time: now(), method: req.method ?? '', path: req.url ?? '', headers, body: raw.slice(0, 65536), answer: { status: 0 } };
    remember(entry);

    const decision = decideFault(faults, faultKey(raw, seq, counters.occurrences));
    const currentFaults = faults;
    counters.stats.inFlight++;
    let finished = false;
    const finish = (status: number, body: string, type?: string, code?: number, message?: string) => {
      if (finished) return;
      finished = true;
      counters.stats.inFlight--;
      entry.answer = { status, code, fault: decision.fault, message };
      send(res, status, body, type, id);
    };
    res.on('close', () => {
      if (!finished) { finished = true; counters.stats.inFlight--; entry.answer = { status: 0, fault: decision.fault }; }
      held.delete(res);
    });

    const answer = () => {
      switch (decision.fault) {
        case 'timeout':
          counters.stats.faults.timeout++;
          held.add(res);
          // Never answered: the client gives up first; the mock drops the socket eventually.
          later(currentFaults.timeoutHoldMs ?? 60000, () => { if (!finished) res.destroy(); });
          return;
        case 'http5xx':
          counters.stats.faults.http5xx++;
          return finish(currentFaults.http5xxStatus ?? 503, tiktokJson(CODES.SERVICE_UNAVAILABLE, faultMessage(CODES.SERVICE_UNAVAILABLE), id), 'application/json', CODES.SERVICE_UNAVAILABLE);
        case 'code200': {
          counters.stats.faults.code200++;
          const code = currentFaults.errorCode ?? CODES.RATE_LIMITED;
          return finish(200, tiktokJson(code, faultMessage(code), id), 'application/json', code);
        }
        case 'nonJson':
          counters.stats.faults.nonJson++;
          return finish(200, '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>', 'text/html');
      }
      const verdict = judge(req, raw);
      if (!verdict.ok) {
        counters.stats.rejected++;
        counters.stats.rejectedByCode[verdict.code] = (counters.stats.rejectedByCode[verdict.code] ?? 0) + 1;
        return finish(errorHttpStatus(verdict.code, options.errorStatus), tiktokJson(verdict.code, verdict.message, id), 'application/json', verdict.code, verdict.message);
      }
      counters.stats.accepted++;
      if (verdict.testEventCode) counters.stats.testEvents += verdict.events.length;
      for (const e of verdict.events) {
        counters.stats.events++;
        counters.stats.eventsByName[e.event] = (counters.stats.eventsByName[e.event] ?? 0) + 1;
        if (e.eventId !== undefined) {
          counters.eventIds.push(e.eventId);
          if (counters.seenIds.has(e.eventId)) counters.stats.duplicateEvents++;
          else {
            counters.seenIds.set(e.eventId, true);
            counters.stats.uniqueEventIds++;
            counters.stats.forgottenEventIds = counters.seenIds.forgotten;
          }
        }
      }
      finish(200, tiktokJson(CODES.OK, 'OK', id), 'application/json', CODES.OK, 'OK');
    };
    if (decision.latencyMs > 0) later(decision.latencyMs, answer);
    else answer();
  }

  function judge(req: http.IncomingMessage, raw: string): Verdict {
    const header = req.headers['access-token'];
    const token = Array.isArray(header) ? header[0] : header;
    const tokenProblem = checkToken(token, options);
    if (tokenProblem) return tokenProblem;
    return validateTrackBody(raw, {
      pixelCodes: options.pixelCodes,
      allowCustomEvents: options.allowCustomEvents ?? true,
      maxPastSeconds: options.maxPastSeconds ?? 7 * 86400,
      maxFutureSeconds: options.maxFutureSeconds ?? 300,
      maxEventsPerRequest: options.maxEventsPerRequest ?? 1000,
      nowSeconds: Math.floor(now() / 1000),
    });
  }

  function handleControl(req: http.IncomingMessage, res: http.ServerResponse, path: string, raw: string) {
    if (path === '/__mock/stats' && req.method === 'GET') return send(res, 200, JSON.stringify(c.stats));
    if (path === '/__mock/requests' && req.method === 'GET') return send(res, 200, JSON.stringify(c.log));
    if (path === '/__mock/reset' && req.method === 'POST') { api.reset(); return send(res, 200, '{"reset":true}'); }
    if (path === '/__mock/faults' && (req.method === 'PUT' || req.method === 'POST')) {
      let next: FaultOptions;
      try { next = JSON.parse(raw); } catch { return send(res, 400, JSON.stringify({ error: 'faults: body must be JSON, e.g. {"http5xx":0.1,"seed":7}' })); }
      const problem = checkFaultOptions(next ?? {});
      if (problem) return send(res, 400, JSON.stringify({ error: problem }));
      faults = { ...next };
      return send(res, 200, JSON.stringify({ faults }));
    }
    if (path === '/__mock/faults' && req.method === 'GET') return send(res, 200, JSON.stringify({ faults }));
    send(res, 404, JSON.stringify({ error: `unknown control endpoint ${req.method} ${path} (known: GET /__mock/stats, GET /__mock/requests, POST /__mock/reset, GET|PUT /__mock/faults)` }));
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBody) { tooBig = true; return; }
      chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0];
      if (tooBig) {
        return send(res, 413, tiktokJson(CODES.INVALID_PARAMETER, `Request body larger than ${maxBody} bytes.`, requestId(0)));
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      if (path.startsWith('/__mock/')) return handleControl(req, res, path, raw);
      if (path === TRACK_PATH || path === TRACK_PATH.slice(0, -1)) {
        if (req.method !== 'POST') return send(res, 405, tiktokJson(CODES.INVALID_PARAMETER, `Method ${req.method} not allowed: use POST.`, requestId(0)));
        return handleTrack(req, res, raw);
      }
      if (path.startsWith('/open_api/v1.3/pixel/track')) {
        return send(res, 200, tiktokJson(CODES.INVALID_PARAMETER, 'Events 1.0 (/pixel/track/) is sunset: use POST /open_api/v1.3/event/track/.', requestId(0)));
      }
      send(res, 404, tiktokJson(CODES.INVALID_PARAMETER, `Unknown endpoint ${req.method} ${path}: the Events API is POST ${TRACK_PATH}`, requestId(0)));
    });
  });
  server.keepAliveTimeout = 30000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const api: MockTikTok = {
    url,
    port,
    trackUrl: url + TRACK_PATH,
    stats: () => JSON.parse(JSON.stringify(c.stats)),
    eventIds: () => c.eventIds.toArray(),
    requests: () => c.log.map((r) => ({ ...r })),
    faults: () => ({ ...faults }),
    setFaults(next) {
      const problem = checkFaultOptions(next);
      if (problem) throw new MockOptionsError(`mock TikTok: ${problem}`);
      faults = { ...next };
    },
    reset() {
      for (const res of held) res.destroy();
      held.clear();
      c = emptyCounters(maxIds);
    },
    close: () => new Promise<void>((resolve) => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const res of held) res.destroy();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
  return api;
}

/** First event_id of the body plus its occurrence number, so a retry of the same event gets its own decision. */
function faultKey(raw: string, seq: number, occurrences: RecentIds<number>): string {
  const match = /"event_id"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(raw);
  if (!match) return `#seq${seq}`;
  const n = (occurrences.get(match[1]) ?? 0) + 1;
  occurrences.set(match[1], n);
  return `${match[1]}#${n}`;
}

function faultMessage(code: number): string {
  switch (code) {
    case CODES.RATE_LIMITED: return 'Too many requests: the rate limit of this access token was exceeded, please retry later.';
    case CODES.SERVER_ERROR: return 'Internal server error, please retry later.';
    case CODES.SERVICE_UNAVAILABLE: return 'Service temporarily unavailable, please retry later.';
    case CODES.NO_PERMISSION: return 'No permission to operate this pixel.';
    default: return `Error ${code}.`;
  }
}

function errorHttpStatus(code: number, mode: MockTikTokOptions['errorStatus']): number {
  if (mode !== 'mapped') return 200;
  if (code === CODES.TOKEN_MISSING || code === CODES.TOKEN_INVALID) return 401;
  if (code === CODES.NO_PERMISSION) return 403;
  if (code === CODES.RATE_LIMITED) return 429;
  return 400;
}

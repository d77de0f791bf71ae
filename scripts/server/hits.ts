/**
 * Incoming hits: read, claim (GA4 web, Measurement Protocol, ready event data), fire the tag for
 * each event, answer with the cookies the tag set. A bad hit gets a 4xx with the reason and still
 * shows up in preview; nothing a client sends can take the server down.
 */
import type { Request, Response } from 'express';
import { clientAddress } from '../../sandbox-shim/apis/client-address';
import type { RequestFixture } from '../../sandbox-shim/types';
import { readBody } from './body';
import type { ServerConfig } from './config';
import { HitError, parseGa4Collect, parseMeasurementProtocol, parseReadyEvents, type EventData, type HitContext } from './ga4';
import type { PreviewEvent, PreviewRequest, PreviewStore } from './preview-store';
import type { TagRun, TagRunner } from './tag-runner';

export interface HitHandlerOptions {
  config: ServerConfig;
  runTag: TagRunner;
  preview: PreviewStore;
  /** Called after every hit is answered (accepted or not), with the events' tag runs. */
  onHit?: (request: PreviewRequest, runs: TagRun[]) => void;
}

export const CLIENTS: Record<string, { client: string; parse: (query: string, body: string, ctx: HitContext) => EventData[]; answer: 'empty' | 'json' }> = {
  '/g/collect': { client: 'GA4', parse: parseGa4Collect, answer: 'empty' },
  '/mp/collect': { client: 'Measurement Protocol', parse: parseMeasurementProtocol, answer: 'empty' },
  '/events': { client: 'Event data', parse: (_q, body, ctx) => parseReadyEvents(body, ctx), answer: 'json' },
};

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

export function createHitHandler(options: HitHandlerOptions) {
  const { config, runTag, preview } = options;
  let counter = 0;
  const nextId = (): { id: string; seq: number } => {
    counter++;
    return { id: `${Date.now().toString(36)}-${counter.toString(36).padStart(4, '0')}`, seq: counter };
  };

  return async function handleHit(req: Request, res: Response): Promise<void> {
    const started = Date.now();
    const { id, seq } = nextId();
    const path = req.path;
    const rawUrl = req.originalUrl ?? req.url;
    const q = rawUrl.indexOf('?');
    const query = q === -1 ? '' : rawUrl.slice(q + 1);
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = value;
    // Cloud Run gives every request a trace id; here the preview id plays that part, so a log line leads to its preview entry.
    if (headers['trace-id'] === undefined) headers['trace-id'] = id;
    const remoteAddress = clientAddress((name) => headerText(req.headers[name]), req.socket.remoteAddress);
    const entry: PreviewRequest = {
      id, seq, receivedAt: started, client: CLIENTS[path]?.client, method: req.method, path, query, headers,
      body: '', bodyBytes: 0, bodyTruncated: false, remoteAddress, state: 'running', events: [],
    };
    preview.add(entry);
    const runs: TagRun[] = [];

    const finish = (status: number, responseHeaders: Record<string, string | string[]>, body?: string) => {
      entry.durationMs = Date.now() - started;
      entry.response = { status, headers: responseHeaders, body };
      if (entry.state === 'running') entry.state = status >= 400 ? 'rejected' : 'done';
      preview.changed(entry);
      if (!res.headersSent) {
        for (const [name, value] of Object.entries(responseHeaders)) res.setHeader(name, value);
        res.status(status);
        if (body === undefined) res.end();
        else res.send(body);
      }
      options.onHit?.(entry, runs);
    };
    const reject = (status: number, message: string) => {
      entry.state = 'rejected';
      entry.error = message;
      finish(status, { 'content-type': 'application/json; charset=utf-8', ...cors(req) }, JSON.stringify({ error: message }));
    };

    try {
      if (req.method === 'OPTIONS') return finish(204, { ...cors(req), 'access-control-allow-methods': 'GET, POST, OPTIONS', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '86400' });
      const client = CLIENTS[path];
      const allowed = path === '/g/collect' ? ['GET', 'POST'] : ['POST'];
      if (!allowed.includes(req.method)) {
        return reject(405, `${req.method} ${path} is not accepted: use ${allowed.join(' or ')}`);
      }
      const body = await readBody(req, config.limits.maxBodyBytes);
      entry.bodyBytes = Buffer.byteLength(body);
      entry.body = body.slice(0, config.preview.maxBodyBytes);
      entry.bodyTruncated = body.length > config.preview.maxBodyBytes;
      const events = client.parse(query, body, {
        remoteAddress,
        userAgent: headerText(req.headers['user-agent']),
        consentState: config.ga4.consentState,
      });
      entry.events = events.map((eventData, index): PreviewEvent => ({ index, name: String(eventData.event_name), eventData, tags: [] }));
      preview.changed(entry);

      const fixture: RequestFixture = { method: req.method, path, query, headers, body, remoteAddress };
      await Promise.all(events.map(async (eventData, index) => {
        const run = await runTag(eventData, fixture);
        runs[index] = run;
        entry.events[index].tags = [run.tag];
        preview.changed(entry);
      }));

      const responseHeaders: Record<string, string | string[]> = { ...cors(req) };
      const cookies = runs.flatMap((run) => run.record.cookiesSet.map((c) => c.header));
      if (cookies.length) responseHeaders['set-cookie'] = cookies;
      if (client.answer === 'json') {
        responseHeaders['content-type'] = 'application/json; charset=utf-8';
        const summary = runs.map((run, i) => ({ event_name: entry.events[i].name, status: run.tag.status, outcome: run.result.outcome, error_kind: run.result.error_kind, execution_time_ms: run.tag.executionTimeMs }));
        return finish(200, responseHeaders, JSON.stringify({ request_id: id, events: summary }));
      }
      finish(204, responseHeaders);
    } catch (err) {
      if (err instanceof HitError) return reject(err.status, err.message);
      reject(500, `the container failed on this request: ${(err as Error).message}`);
    }
  };
}

/** Browsers send gtag hits with credentials; the GA4 client echoes the origin. */
function cors(req: Request): Record<string, string> {
  const origin = req.headers.origin;
  return typeof origin === 'string' && origin !== '' ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin' } : {};
}

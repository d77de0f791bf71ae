/**
 * /preview (the page), /preview.json (the history as JSON) and /preview/stream (server-sent
 * events: one message per change, so the page updates live).
 *
 * The preview shows event data and request bodies as received, raw user data included, so with a
 * `token` (always, when the server listens beyond loopback) every preview path asks for it:
 * `?token=`, `Authorization: Bearer`, or the cookie the page sets once opened with `?token=`.
 */
import crypto from 'crypto';
import express, { type Router } from 'express';
import fs from 'fs';
import path from 'path';
import type { PreviewRequest, PreviewStore } from './preview-store';

const ASSETS = path.join(__dirname, 'preview');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };

export interface PreviewRoutes {
  router: Router;
  /** Ends every open stream (before the server closes). */
  close(): void;
}

export const PREVIEW_COOKIE = 'sgtm_preview_token';

function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(token).digest();
  return crypto.timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(/;\s*/)) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}

/** Refuses preview paths without the token; a page opened with ?token= gets a cookie for the rest. */
function requireToken(token: string): express.RequestHandler {
  return (req, res, next) => {
    const fromQuery = new URL(req.originalUrl ?? req.url, 'http://local').searchParams.get('token') ?? undefined;
    const auth = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (sameToken(fromQuery, token) || sameToken(auth, token)) {
      res.setHeader('set-cookie', `${PREVIEW_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`);
      return next();
    }
    if (sameToken(cookieValue(req.headers.cookie, PREVIEW_COOKIE), token)) return next();
    res.setHeader('cache-control', 'no-store');
    res.status(401).json({
      error: 'the preview needs the token printed when the server started: open /preview?token=TOKEN (or send Authorization: Bearer TOKEN); the server makes one up when it listens beyond 127.0.0.1, or set preview.token / SGTM_PREVIEW_TOKEN',
    });
  };
}

export function createPreviewRoutes(store: PreviewStore, info: () => Record<string, unknown>, options: { token?: string | null } = {}): PreviewRoutes {
  const router = express.Router();
  const streams = new Set<express.Response>();
  if (options.token) router.use(['/preview', '/preview.json'], requireToken(options.token));

  const asset = (file: string) => (_req: express.Request, res: express.Response) => {
    fs.readFile(path.join(ASSETS, file), (err, content) => {
      if (err) return res.status(500).type('text/plain').send(`preview asset ${file} is missing: ${err.message}`);
      res.setHeader('content-type', TYPES[path.extname(file)] ?? 'application/octet-stream');
      res.setHeader('cache-control', 'no-store');
      res.send(content);
    });
  };
  router.get('/preview', asset('index.html'));
  router.get('/preview/app.js', asset('app.js'));
  router.get('/preview/style.css', asset('style.css'));

  router.get('/preview.json', (req, res) => {
    // Parsed from the URL: under functions-framework (express 5 outside, ours inside) req.query is not set.
    const sinceText = new URL(req.originalUrl ?? req.url, 'http://local').searchParams.get('since') ?? undefined;
    const since = sinceText === undefined ? undefined : Number(sinceText);
    if (since !== undefined && !Number.isInteger(since)) {
      return res.status(400).json({ error: `since must be an integer request number (got "${sinceText}")` });
    }
    res.setHeader('cache-control', 'no-store');
    res.json({ ...info(), total: store.total(), requests: store.list(since) });
  });

  router.get('/preview/requests/:id', (req, res) => {
    const found = store.get(req.params.id);
    if (!found) return res.status(404).json({ error: `no request ${req.params.id} in the preview history (it keeps the last ${info().maxRequests} requests)` });
    res.json(found);
  });

  // Changes are coalesced per request and flushed every 100 ms: a batched hit changes its
  // request once per event, and a burst must not turn into megabytes of stream per second.
  const pending = new Map<string, PreviewRequest>();
  let flushTimer: NodeJS.Timeout | undefined;
  const flush = () => {
    flushTimer = undefined;
    const text = [...pending.values()].map((request) => `event: request\ndata: ${JSON.stringify(request)}\n\n`).join('');
    pending.clear();
    for (const res of streams) res.write(text);
  };
  const unsubscribe = store.subscribe((change) => {
    if (!streams.size) return;
    pending.set(change.request.id, change.request);
    if (!flushTimer) {
      flushTimer = setTimeout(flush, 100);
      flushTimer.unref();
    }
  });

  router.get('/preview/stream', (req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(`event: hello\ndata: ${JSON.stringify({ ...info(), total: store.total() })}\n\n`);
    streams.add(res);
    const ping = setInterval(() => res.write(': ping\n\n'), 15000);
    ping.unref();
    req.on('close', () => {
      clearInterval(ping);
      streams.delete(res);
    });
  });

  return {
    router,
    close() {
      unsubscribe();
      if (flushTimer) clearTimeout(flushTimer);
      for (const res of streams) res.end();
      streams.clear();
    },
  };
}

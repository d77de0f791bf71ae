/**
 * /preview (the page), /preview.json (the history as JSON) and /preview/stream (server-sent
 * events: one message per change, so the page updates live).
 */
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

export function createPreviewRoutes(store: PreviewStore, info: () => Record<string, unknown>): PreviewRoutes {
  const router = express.Router();
  const streams = new Set<express.Response>();

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

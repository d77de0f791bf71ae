/**
 * The local server container: an express app that claims GA4 / Measurement Protocol / event-data
 * hits, fires the TikTok tag through the sandbox shim for each event, and serves the preview.
 *
 *   const container = await createServerContainer({ tag: { fields: { pixelCode: 'C123' } } });
 *   http.createServer(container.app).listen(8080);   // or: functions-framework (see function.ts)
 *   await container.close();
 */
import crypto from 'crypto';
import express, { type Express, type Request, type Response } from 'express';
import fs from 'fs';
import { isLoopbackHost } from '../../sandbox-shim/cli/loopback';
import { parseTemplate } from '../../sandbox-shim';
import type { ParsedTemplate } from '../../sandbox-shim/types';
import { cannotRead } from '../../sandbox-shim/cli/read-text';
import { startMockTikTok, type MockTikTok } from '../mock-tiktok';
import { ConfigError, resolveConfig, resolvePath, SECRET_NAME, secretsOf, TIKTOK_HOST, type ServerConfig, type ServerConfigInput } from './config';
import { CLIENTS, createHitHandler } from './hits';
import { createLimiter } from './limiter';
import { createLogSink, type LogSink } from './log-sink';
import { createPreviewRoutes } from './preview-routes';
import { createPreviewStore, type PreviewRequest, type PreviewStore } from './preview-store';
import { createWorkerPool, inlineRunner, poolSize } from './tag-pool';
import { createTagRunner, type TagRun } from './tag-runner';
import { tagProperties } from './tag-properties';

export interface ServerContainer {
  app: Express;
  /** The HTTP function (req, res) — what functions-framework calls. */
  handler: (req: Request, res: Response) => void;
  config: ServerConfig;
  template: ParsedTemplate;
  /** The embedded mock, when the target is the mock and no mockUrl was given. */
  mock?: MockTikTok;
  /** Where requests for business-api.tiktok.com really go (the mock's URL, or the real API). */
  target: string;
  preview: PreviewStore;
  sink: LogSink;
  /** Listens to every answered hit (the summary of `npm start` uses it). */
  onHit(listener: (request: PreviewRequest, runs: TagRun[]) => void): () => void;
  close(): Promise<void>;
}

export interface ContainerOptions {
  /** Environment for PORT, TIKTOK_API, … (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Where stdout log lines go (default process.stdout). */
  out?: NodeJS.WritableStream;
}

export function loadTemplate(file: string): ParsedTemplate {
  const full = resolvePath(file);
  let text: string;
  try {
    text = fs.readFileSync(full, 'utf8');
  } catch (err) {
    const hint = file.endsWith('template/template.tpl') ? ' (run "npm run build" to create it)' : '';
    throw new ConfigError(`${cannotRead(full, err)}${hint}`);
  }
  return parseTemplate(text, file);
}

export async function createServerContainer(input: ServerConfigInput | ServerConfig = {}, options: ContainerOptions = {}): Promise<ServerContainer> {
  const config = resolveConfig(input as ServerConfigInput, options.env ?? process.env);
  // Beyond loopback anyone on the network could read the preview (raw event data): it needs a token.
  if (config.preview.token === null && !isLoopbackHost(config.host)) config.preview.token = crypto.randomBytes(18).toString('base64url');
  const template = loadTemplate(config.template);
  const secrets = secretsOf(config);

  let mock: MockTikTok | undefined;
  let target = 'https://' + TIKTOK_HOST;
  const routes: Record<string, string> = {};
  if (config.tiktok.target === 'mock') {
    if (config.tiktok.mockUrl) {
      target = config.tiktok.mockUrl.replace(/\/$/, '');
    } else {
      mock = await startMockTikTok(config.tiktok.mock);
      target = mock.url;
    }
    routes[TIKTOK_HOST] = target;
  }

  const sink = createLogSink({ file: config.logs.file === null ? null : resolvePath(config.logs.file), stdout: config.logs.stdout, secrets, out: options.out });
  const preview = createPreviewStore(config.preview.maxRequests);
  const listeners = new Set<(request: PreviewRequest, runs: TagRun[]) => void>();
  const limiter = createLimiter(config.maxConcurrentTags);
  const workers = poolSize(config.workers);
  const shim = workers > 0 ? createWorkerPool(template, workers) : inlineRunner(template);
  const fireTag = createTagRunner({
    template,
    shim,
    tagName: config.tag.name,
    fields: config.tag.fields,
    secrets,
    routes,
    containerVersion: {
      containerId: config.containerId,
      debugMode: config.mode === 'preview',
      previewMode: config.mode === 'preview',
      environmentMode: false,
      environmentName: '',
      version: '0',
    },
    tagTimeoutMs: config.tagTimeoutMs,
    permissions: config.permissions,
    sink,
    storage: new Map(),
  });
  const runTag: typeof fireTag = (eventData, request) => limiter.run(() => fireTag(eventData, request));
  const handleHit = createHitHandler({
    config, runTag, preview,
    onHit: (request, runs) => {
      for (const listener of listeners) {
        try {
          listener(request, runs);
        } catch (err) {
          process.stderr.write(`sgtm serve: a hit listener failed: ${(err as Error).message}\n`);
        }
      }
    },
  });
  const secretNames = new Set([...config.tag.secretFields, ...Object.keys(config.tag.fields).filter((k) => SECRET_NAME.test(k))]);
  const properties = tagProperties(template, config.tag.fields, secretNames, secrets);
  const previewRoutes = createPreviewRoutes(preview, () => ({
    template: config.template,
    tag: config.tag.name,
    target: config.tiktok.target === 'mock' ? `mock TikTok Events API (${target})` : `TikTok Events API (https://${TIKTOK_HOST})`,
    mode: config.mode,
    containerId: config.containerId,
    maxRequests: config.preview.maxRequests,
    tagProperties: properties,
  }), { token: config.preview.token });

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  for (const path of Object.keys(CLIENTS)) {
    app.all(path, (req, res) => { handleHit(req, res).catch((err) => internalError(res, err)); });
  }
  app.use(previewRoutes.router);
  app.get('/healthz', (_req, res) => res.json({ ok: true, template: template.name, target, requests: preview.total() }));
  app.get('/', (_req, res) => res.redirect(302, '/preview'));
  app.get('/favicon.ico', (_req, res) => res.status(204).end());
  // Like sGTM: a request no client claims gets a 400.
  app.use((req, res) => {
    res.status(400).json({ error: `no client claimed ${req.method} ${req.path}: send GA4 hits to /g/collect, Measurement Protocol to /mp/collect, event data to POST /events` });
  });
  app.use((err: Error, _req: Request, res: Response, _next: unknown) => internalError(res, err));

  let closed = false;
  return {
    app,
    handler: (req, res) => app(req, res),
    config,
    template,
    mock,
    target,
    preview,
    sink,
    onHit(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      previewRoutes.close();
      await shim.close();
      await sink.close();
      if (mock) await mock.close();
    },
  };
}

function internalError(res: Response, err: unknown) {
  process.stderr.write(`sgtm serve: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
  if (!res.headersSent) res.status(500).json({ error: `internal error in the local container: ${(err as Error)?.message ?? String(err)}` });
  else res.end();
}

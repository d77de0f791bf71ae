/** Starts the local server container for a test on 127.0.0.1:0 with its own log file, and collects its health lines. */
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import { startServer, type RunningServer } from '../../scripts/server';
import type { ServerConfigInput } from '../../scripts/server/config';

export const TOKEN = 'tt-secret-token-0123456789abcdef';
export const PIXEL = 'CTESTPIXEL42';
export const FIXTURE = 'test/fixtures/server/tiktok-fixture.tpl';

export interface TestServer extends RunningServer {
  logFile: string;
  /** Health records written so far (all types). */
  lines: Record<string, unknown>[];
  results(): Record<string, unknown>[];
  /** Everything written to "stdout". */
  stdout(): string;
}

export async function startTestServer(overrides: ServerConfigInput = {}): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgtm-server-'));
  const logFile = path.join(dir, 'health.jsonl');
  let out = '';
  const stdout = new (require('stream').Writable)({ write(chunk: Buffer, _enc: string, cb: () => void) { out += chunk.toString(); cb(); } });
  const server = await startServer({
    port: 0,
    template: 'template/template.tpl',
    mode: 'production',
    workers: 0,
    ...overrides,
    tag: { ...overrides.tag, fields: { accessToken: TOKEN, pixelCode: PIXEL, timeoutMs: 2000, ...(overrides.tag?.fields ?? {}) } },
    tiktok: { target: 'mock', ...overrides.tiktok, mock: { port: 0, faults: {}, accessToken: TOKEN, pixelCodes: [PIXEL], ...(overrides.tiktok?.mock ?? {}) } },
    logs: { file: logFile, stdout: true, ...overrides.logs },
  }, { env: {}, out: stdout });
  const lines: Record<string, unknown>[] = [];
  server.container.sink.onHealthLine((line) => lines.push(line.record));
  return Object.assign(server, {
    logFile,
    lines,
    results: () => lines.filter((l) => l.type === 'result'),
    stdout: () => out,
  });
}

/** A plain HTTP request (fetch cannot send some malformed things). */
export function rawRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; agent?: http.Agent } = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers, agent: options.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Runs `tasks` with at most `limit` in flight. */
export async function pool<T>(count: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, count) }, async () => {
    while (next < count) {
      const i = next++;
      out[i] = await task(i);
    }
  }));
  return out;
}

/**
 * Requests reuse kept-alive connections (sandbox-shim/apis/http.ts): one TCP connection for a
 * run's requests to one origin, a connection the server dropped while idle costs no request, a
 * failure on a fresh connection is not retried, and idle kept-alive sockets never keep a process alive.
 */
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { runTs } from '../support/run-ts';
import { runTemplate } from '../../sandbox-shim/runtime/run-template';
import { makeTemplate, TIKTOK_ONLY } from './helpers';
import type { SentRequest } from './support/keep-alive-run';

const API = 'https://business-api.tiktok.com';

/** Runs a template sending `requests` in sequence to `origin`, in a process of its own (see support/keep-alive-run.ts). */
async function runRequests(origin: string, isolation: 'unit' | 'inline', requests: SentRequest[]) {
  const out = await runTs([path.join(__dirname, 'support', 'keep-alive-run.ts'), origin, isolation, JSON.stringify(requests)]);
  expect(out.stderr).toBe('');
  expect(out.code).toBe(0);
  return JSON.parse(out.stdout) as { status: string; returnValue: unknown; requests: [string, number | string][]; console: unknown[] };
}

/** `count` POSTs of "body N" to /nN. */
const runSequential = (origin: string, count: number, isolation: 'unit' | 'inline') =>
  runRequests(origin, isolation, Array.from({ length: count }, (_, i) => ({ path: `/n${i + 1}`, body: `body ${i + 1}` })));

/**
 * A raw HTTP/1.1 server that keeps connections alive. `drop(connection, request)` says, for the
 * n-th request (1-based) on the n-th connection, to destroy the connection instead of answering
 * (as a server does with an idle connection it times out at the moment the client reuses it).
 */
async function rawServer(drop: (connection: number, request: number) => boolean) {
  const seen: string[] = [];
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    const connection = ++connections;
    let requests = 0;
    let buffered = '';
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      for (;;) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end === -1) return;
        const head = buffered.slice(0, end);
        const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        if (buffered.length < end + 4 + length) return;
        const body = buffered.slice(end + 4, end + 4 + length);
        buffered = buffered.slice(end + 4 + length);
        const request = ++requests;
        seen.push(`c${connection} ${head.split(' ')[1]} ${body}`);
        if (drop(connection, request)) {
          socket.destroy();
          return;
        }
        const answer = `ok ${head.split(' ')[1]}`;
        socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${answer.length}\r\nConnection: keep-alive\r\nKeep-Alive: timeout=60\r\n\r\n${answer}`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  openServers.push(close);
  return { origin, seen };
}

const openServers: (() => Promise<void>)[] = [];
afterEach(() => Promise.all(openServers.splice(0).map((close) => close())));

describe.each(['unit', 'inline'] as const)('kept-alive connections (%s)', (isolation) => {
  test('a run\'s sequential requests to one origin share one connection', async () => {
    const server = await rawServer(() => false);
    const record = await runSequential(server.origin, 3, isolation);
    expect(record.returnValue).toEqual(['200 ok /n1', '200 ok /n2', '200 ok /n3']);
    expect(server.seen).toEqual(['c1 /n1 body 1', 'c1 /n2 body 2', 'c1 /n3 body 3']);
  });

  test('a kept-alive connection the server drops as it is reused: the request is sent once more on a new connection and succeeds', async () => {
    const server = await rawServer((connection, request) => connection === 1 && request === 2);
    const record = await runSequential(server.origin, 3, isolation);
    expect(record.status).toBe('success');
    expect(record.returnValue).toEqual(['200 ok /n1', '200 ok /n2', '200 ok /n3']);
    // The dropped request was never answered; the retry took a connection of its own (2, closed
    // after it), and the next request a new kept-alive one.
    expect(server.seen).toEqual(['c1 /n1 body 1', 'c1 /n2 body 2', 'c2 /n2 body 2', 'c3 /n3 body 3']);
    expect(record.requests).toEqual([
      [`${API}/n1`, 200],
      [`${API}/n2`, 200],
      [`${API}/n3`, 200],
    ]);
  });

  test('a request dropped on a new connection fails and is not sent again', async () => {
    const server = await rawServer((connection, request) => connection === 1 && request === 1);
    const record = await runSequential(server.origin, 2, isolation);
    expect(record.returnValue).toEqual(['failed', '200 ok /n2']);
    expect(server.seen).toEqual(['c1 /n1 body 1', 'c2 /n2 body 2']);
    expect(record.console).toEqual([{ level: 'debug', message: `sendHttpRequest POST ${API}/n1: failed (socket hang up)` }]);
  });

  test('attack: a Content-Length shorter than the body cannot smuggle a request onto a shared connection', async () => {
    const server = await rawServer(() => false);
    const smuggled = 'GET /smuggled HTTP/1.1\r\nHost: business-api.tiktok.com\r\n\r\n';
    const record = await runRequests(server.origin, isolation, [
      { path: '/n1', body: 'body 1' },
      { path: '/n2', headers: { 'Content-Length': '2' }, body: `ab${smuggled}` },
      { path: '/n3', body: 'body 3' },
      // Other framing headers also keep a request off the shared connections.
      { path: '/n4', headers: { 'Keep-Alive': 'timeout=600' }, body: 'body 4' },
      { path: '/n5', headers: { Connection: 'close' }, body: 'body 5' },
      // A Content-Length that is right may share.
      { path: '/n6', headers: { 'content-length': '6' }, body: 'body 6' },
    ]);
    // Every run's request got the answer to itself: nothing left on connection 1 answered /n3 or /n6.
    expect(record.returnValue).toEqual(['200 ok /n1', '200 ok /n2', '200 ok /n3', '200 ok /n4', '200 ok /n5', '200 ok /n6']);
    // The smuggled request reached the server only on /n2's own connection, closed after it (as before connections were kept).
    expect([...server.seen].sort()).toEqual(['c1 /n1 body 1', 'c1 /n3 body 3', 'c1 /n6 body 6', 'c2 /n2 ab', 'c2 /smuggled ', 'c3 /n4 body 4', 'c4 /n5 body 5'].sort());
  });

  test('a retry dropped again fails, once: no loop', async () => {
    // Connection 1 answers its first request; every later request, on any connection, is dropped.
    const server = await rawServer((connection, request) => !(connection === 1 && request === 1));
    const record = await runSequential(server.origin, 3, isolation);
    expect(record.returnValue).toEqual(['200 ok /n1', 'failed', 'failed']);
    // n2: reused connection, then its retry; n3: a new connection, not retried.
    expect(server.seen).toEqual(['c1 /n1 body 1', 'c1 /n2 body 2', 'c2 /n2 body 2', 'c3 /n3 body 3']);
  });
});

describe.each(['unit', 'inline'] as const)('a request still in flight when the run ends (%s)', (isolation) => {
  test('is aborted: recorded as failed, and its connection is closed rather than left to the server', async () => {
    const closed: number[] = [];
    const sockets = new Set<net.Socket>();
    const server = http.createServer(() => undefined); // never answers
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => closed.push(Date.now()));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const template = makeTemplate({
        permissions: { ...TIKTOK_ONLY, logging: { environments: 'all' } },
        code: `require('sendHttpRequest')('${API}/slow', {timeout: 20000}).then(() => require('logToConsole')('answered'));\ndata.gtmOnSuccess();`,
      });
      const record = await runTemplate(template, { routes: { 'business-api.tiktok.com': origin }, tagTimeoutMs: 800, isolation });
      expect(record.status).toBe('success');
      expect(record.outgoingRequests.map((r) => [r.url, r.response])).toEqual([[`${API}/slow`, { reason: 'failed' }]]);
      expect(record.console).toEqual([{ level: 'debug', message: `sendHttpRequest GET ${API}/slow: failed (aborted: the run ended before the response arrived)` }]);
      // The client side hung up: the server sees the connection close (not after the 20 s timeout).
      const until = Date.now() + 5000;
      while (closed.length === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(closed).toHaveLength(1);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

test('an idle kept-alive connection does not keep a process alive', async () => {
  // The server keeps connections open for a minute; the client process must still exit at once.
  const server = http.createServer((req, res) => {
    req.resume();
    res.end('kept');
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const script = `
const { exchange } = require(${JSON.stringify(path.join(__dirname, '..', '..', 'sandbox-shim', 'apis', 'http'))});
exchange({ url: ${JSON.stringify(origin)} + '/x', method: 'GET', headers: {}, timeoutMs: 5000 }).then((o) => process.stdout.write(JSON.stringify([o.statusCode, o.headers.connection, o.body])));`;
  try {
    const out = await runTs(['-e', script]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual([200, 'keep-alive', 'kept']);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

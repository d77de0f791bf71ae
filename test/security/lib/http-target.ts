/**
 * A real HTTP server on 127.0.0.1 for the attacks that go through sendHttpRequest: it answers
 * every request with JSON, a header and a cookie, so callbacks and promise results carry every
 * kind of value an HTTP result has. `routes` re-targets the permitted TikTok host at it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HttpTarget {
  routes: Record<string, string>;
  close: () => Promise<void>;
}

export async function startHttpTarget(): Promise<HttpTarget> {
  const server = http.createServer((req, res) => {
    req.resume();
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('Set-Cookie', ['a=1', 'b=2']);
    res.end(JSON.stringify({ code: 0, data: { list: [1, { deep: true }] } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    routes: { 'business-api.tiktok.com': `http://127.0.0.1:${port}` },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

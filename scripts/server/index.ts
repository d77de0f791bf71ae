/**
 * The local server container, listening: `startServer(config) → {url, close}`.
 * The pieces: createServerContainer (the app), startMockTikTok (the default target), the preview.
 */
import http from 'http';
import type { AddressInfo } from 'net';
import { isLoopbackHost } from '../../sandbox-shim/cli/loopback';
import { createServerContainer, type ContainerOptions, type ServerContainer } from './container';
import type { ServerConfig, ServerConfigInput } from './config';

export { createServerContainer, type ServerContainer } from './container';
export { resolveConfig, loadConfigFile, ConfigError, type ServerConfig, type ServerConfigInput } from './config';

export interface RunningServer {
  url: string;
  port: number;
  container: ServerContainer;
  close(): Promise<void>;
}

/** The host name of a Host header ("[::1]:8080" → "::1"), or undefined when there is none. */
export function hostName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const h = header.trim();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') === -1 ? undefined : h.indexOf(']'));
  const colon = h.lastIndexOf(':');
  return colon === -1 ? h : h.slice(0, colon);
}

/**
 * A server bound to loopback answers only requests addressed to a loopback name: a web page on
 * evil.example whose DNS name re-resolves to 127.0.0.1 (DNS rebinding) sends Host: evil.example,
 * and must neither read the preview nor post events.
 */
export function loopbackOnly(app: http.RequestListener): http.RequestListener {
  return (req, res) => {
    const name = hostName(req.headers.host);
    if (name === undefined || isLoopbackHost(name)) return app(req, res);
    res.writeHead(403, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify({
      error: `Host "${String(req.headers.host).slice(0, 200)}" is not a loopback name: this container listens on loopback only and answers requests for localhost or 127.0.0.1 (a guard against DNS rebinding); to serve other hosts, listen on another address (HOST=0.0.0.0) and use the preview token`,
    }));
  };
}

export async function startServer(input: ServerConfigInput | ServerConfig = {}, options: ContainerOptions = {}): Promise<RunningServer> {
  const container = await createServerContainer(input, options);
  const server = http.createServer(isLoopbackHost(container.config.host) ? loopbackOnly(container.app) : container.app);
  server.keepAliveTimeout = 65000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(container.config.port, container.config.host, () => { server.off('error', reject); resolve(); });
    });
  } catch (err) {
    await container.close();
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') throw new Error(`port ${container.config.port} on ${container.config.host} is already in use: stop the other server or set PORT (e.g. PORT=8081)`);
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  const host = container.config.host.includes(':') ? `[${container.config.host}]` : container.config.host;
  return {
    url: `http://${host}:${port}`,
    port,
    container,
    close: async () => {
      await container.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

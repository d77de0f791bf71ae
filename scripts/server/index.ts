/**
 * The local server container, listening: `startServer(config) → {url, close}`.
 * The pieces: createServerContainer (the app), startMockTikTok (the default target), the preview.
 */
import http from 'http';
import type { AddressInfo } from 'net';
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

export async function startServer(input: ServerConfigInput | ServerConfig = {}, options: ContainerOptions = {}): Promise<RunningServer> {
  const container = await createServerContainer(input, options);
  const server = http.createServer(container.app);
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

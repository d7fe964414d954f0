import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import type { Config } from '../config';

export interface ListeningServer {
  server: Server;
  /** The bound port: the configured one, or the one the system picked for port 0. */
  port: number;
  /**
   * Stops accepting, closes idle keep-alive sockets at once, lets requests in progress finish for
   * up to `graceMs`, then cuts whatever is left.
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * Listens with every socket deadline set from config: headers (slow-header clients), the whole
 * request (uploads that never finish), keep-alive idleness and socket silence. Node checks the
 * first two only every `connectionsCheckingInterval` (30 s by default), so the interval follows
 * the header deadline; otherwise a 10 s deadline could take 40.
 */
export async function listen(app: Koa, config: Pick<Config, 'host' | 'port' | 'http'>): Promise<ListeningServer> {
  const { http } = config;
  const server = createServer(
    {
      headersTimeout: http.headersTimeoutMs,
      requestTimeout: http.requestTimeoutMs,
      keepAliveTimeout: http.keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, Math.max(20, Math.floor(http.headersTimeoutMs / 4))),
    },
    app.callback(),
  );
  server.timeout = http.idleTimeoutMs;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: async (graceMs = 5_000) => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(timer);
    },
  };
}

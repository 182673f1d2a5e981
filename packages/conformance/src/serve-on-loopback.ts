import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeRequestListener } from './create-node-request-listener.js';

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Serves a fetch-style handler on 127.0.0.1 on a free port (for mock upstreams and gateways under test). */
export async function serveOnLoopback(handler: (request: Request) => Response | Promise<Response>): Promise<LoopbackServer> {
  const server = createServer(createNodeRequestListener(handler));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One step of a faulty reply, after the headers. */
export type FaultyReplyStep =
  /** Writes bytes at once. */
  | { write: string | Uint8Array }
  /** Writes bytes one at a time, `intervalMs` apart. */
  | { drip: string | Uint8Array; intervalMs: number }
  /** Waits before the next step. */
  | { wait: number }
  /** Resets the connection (TCP RST): the reply breaks off wherever it is. */
  | { reset: true }
  /** Sends nothing more and keeps the connection open until the client goes away. */
  | { stall: true };

/** What the faulty upstream does with one request. */
export interface FaultPlan {
  /** Before any byte of the reply: `reset` breaks the connection, `stall` never answers. */
  beforeHeaders?: 'reset' | 'stall';
  /** Default 200. */
  status?: number;
  headers?: Record<string, string>;
  /** The reply body, step by step; the reply ends after the last step (unless it reset or stalled). */
  steps?: FaultyReplyStep[];
}

/** A request as the faulty upstream saw it. */
export interface FaultyUpstreamRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface FaultyUpstreamStats {
  /** Requests received. */
  requests: number;
  /** Replies that ran to their planned end (complete, reset or stalled-then-abandoned excluded). */
  completed: number;
  /** Requests whose connection the client (the gateway) closed before the reply's planned end. */
  abortedByClient: number;
  /** Requests the upstream itself broke off (a `reset` step). */
  resetByUpstream: number;
  /** TCP connections open right now. */
  openConnections: number;
  /** TCP connections accepted in total. */
  connections: number;
}

export interface FaultyUpstream {
  /** `http://127.0.0.1:<port>` */
  url: string;
  server: Server;
  readonly stats: Readonly<FaultyUpstreamStats>;
  /** Resolves once no request is in flight and no connection is open, or rejects after `timeoutMs`. */
  settled(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const toBytes = (data: string | Uint8Array): Buffer => (typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function resetSocket(socket: Socket): void {
  const withReset = socket as Socket & { resetAndDestroy?: () => void };
  if (typeof withReset.resetAndDestroy === 'function') withReset.resetAndDestroy();
  else socket.destroy();
}

/**
 * A mock upstream on 127.0.0.1 (raw `node:http`, free port) that misbehaves on purpose: per request, `plan` says
 * what to send (a status and headers, bytes at once or dripped, pauses) and how to fail (reset the connection before
 * or after the headers or in the middle of an event, stall). It counts its connections and tells requests the
 * client abandoned from ones it completed, so tests can prove that aborts reach the upstream and no socket leaks.
 */
export async function createFaultyUpstream(plan: (request: FaultyUpstreamRequest) => FaultPlan | Promise<FaultPlan>): Promise<FaultyUpstream> {
  const stats: FaultyUpstreamStats = { requests: 0, completed: 0, abortedByClient: 0, resetByUpstream: 0, openConnections: 0, connections: 0 };
  let inFlight = 0;

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const seen: FaultyUpstreamRequest = {
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      headers: request.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    let gone = false;
    let ended = false;
    let wake: (() => void) | undefined;
    response.on('close', () => {
      if (!ended) gone = true;
      wake?.();
    });
    const pause = (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    const stallUntilGone = () =>
      new Promise<void>((resolve) => {
        if (gone) resolve();
        wake = resolve;
      });

    const fault = await plan(seen);
    if (fault.beforeHeaders === 'reset') {
      ended = true;
      stats.resetByUpstream++;
      resetSocket(request.socket);
      return;
    }
    if (fault.beforeHeaders === 'stall') {
      await stallUntilGone();
      if (gone) stats.abortedByClient++;
      return;
    }
    response.writeHead(fault.status ?? 200, fault.headers ?? {});
    response.flushHeaders();
    for (const step of fault.steps ?? []) {
      if (gone) break;
      if ('write' in step) response.write(toBytes(step.write));
      else if ('drip' in step) {
        const bytes = toBytes(step.drip);
        for (let index = 0; index < bytes.length && !gone; index++) {
          response.write(bytes.subarray(index, index + 1));
          await pause(step.intervalMs);
        }
      } else if ('wait' in step) await pause(step.wait);
      else if ('reset' in step) {
        // Let the bytes written so far leave before the RST.
        await sleep(20);
        ended = true;
        stats.resetByUpstream++;
        resetSocket(request.socket);
        return;
      } else if ('stall' in step) {
        await stallUntilGone();
        break;
      }
    }
    if (gone) {
      stats.abortedByClient++;
      return;
    }
    ended = true;
    response.end();
    stats.completed++;
  }

  const server = createServer((request, response) => {
    stats.requests++;
    inFlight++;
    serve(request, response)
      .catch(() => {
        response.destroy();
      })
      .finally(() => {
        inFlight--;
      });
  });
  // Idle keep-alive connections close soon, so `settled()` can expect zero open connections.
  server.keepAliveTimeout = 500;
  server.on('connection', (socket) => {
    stats.connections++;
    stats.openConnections++;
    socket.on('close', () => {
      stats.openConnections--;
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    stats,
    async settled(timeoutMs = 10_000) {
      // Bounded: at most timeoutMs / 10 checks.
      for (let waited = 0; waited <= timeoutMs; waited += 10) {
        if (inFlight === 0 && stats.openConnections === 0) return;
        await sleep(10);
      }
      throw new Error(`faulty upstream not settled: ${inFlight} requests in flight, ${stats.openConnections} connections open`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A `http://127.0.0.1:<port>` URL nobody listens on (the port was free a moment ago): connection refused. */
export async function reserveRefusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

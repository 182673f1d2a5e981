import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/**
 * A `node:http` request listener that runs a fetch-style handler: the incoming request becomes a `Request` (its
 * body streamed, aborted when the client goes away) and the `Response` is written back chunk by chunk as the handler's
 * stream produces it, so a replayed stream reaches the gateway one event per write. The kit's own servers (the mock
 * upstream, `serveOnLoopback`) use it, so the kit needs no HTTP framework.
 */
export function createNodeRequestListener(handler: (request: Request) => Response | Promise<Response>): (incoming: IncomingMessage, outgoing: ServerResponse) => void {
  return (incoming, outgoing) => {
    void serve(handler, incoming, outgoing);
  };
}

async function serve(handler: (request: Request) => Response | Promise<Response>, incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
  const aborted = new AbortController();
  outgoing.once('close', () => {
    if (!outgoing.writableFinished) aborted.abort();
  });
  const headers = new Headers();
  for (let index = 0; index + 1 < incoming.rawHeaders.length; index += 2) headers.append(incoming.rawHeaders[index]!, incoming.rawHeaders[index + 1]!);
  const method = incoming.method ?? 'GET';
  const url = new URL(incoming.url ?? '/', `http://${incoming.headers.host ?? '127.0.0.1'}`);
  let response: Response;
  try {
    const body = method === 'GET' || method === 'HEAD' ? undefined : (Readable.toWeb(incoming) as ReadableStream<Uint8Array>);
    const init: RequestInit & { duplex?: 'half' } = { method, headers, signal: aborted.signal, ...(body ? { body, duplex: 'half' } : {}) };
    response = await handler(new Request(url, init));
  } catch (error) {
    if (!outgoing.headersSent) outgoing.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    outgoing.end(`handler failed: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  response.headers.forEach((value, name) => {
    if (name === 'set-cookie') return;
    outgoing.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) outgoing.setHeader('set-cookie', cookies);
  outgoing.writeHead(response.status, response.statusText || undefined);
  if (!response.body || method === 'HEAD') {
    await response.body?.cancel();
    outgoing.end();
    return;
  }
  const reader = response.body.getReader();
  aborted.signal.addEventListener('abort', () => void reader.cancel().catch(() => {}), { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!outgoing.write(value)) {
        await new Promise<void>((resolve) => {
          outgoing.once('drain', resolve);
          outgoing.once('close', resolve);
        });
      }
      if (aborted.signal.aborted) return;
    }
    outgoing.end();
  } catch {
    outgoing.destroy();
  }
}

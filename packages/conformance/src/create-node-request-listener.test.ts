/// <reference types="node" />
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeRequestListener } from './create-node-request-listener.js';

let server: Server | undefined;
async function serve(handler: (request: Request) => Response | Promise<Response>): Promise<string> {
  server = createServer(createNodeRequestListener(handler));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe('createNodeRequestListener', () => {
  it('hands the handler the method, URL, headers and body, and writes its status, headers and body back', async () => {
    const url = await serve(async (request) => {
      const seen = { method: request.method, path: new URL(request.url).pathname + new URL(request.url).search, header: request.headers.get('x-test'), body: await request.text() };
      return new Response(JSON.stringify(seen), { status: 201, headers: { 'content-type': 'application/json', 'retry-after': '7' } });
    });
    const response = await fetch(`${url}/v1/messages?beta=true`, { method: 'POST', headers: { 'x-test': 'yes' }, body: '{"a":1}' });
    expect(response.status).toBe(201);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await response.json()).toEqual({ method: 'POST', path: '/v1/messages?beta=true', header: 'yes', body: '{"a":1}' });
  });

  it('streams the body as the handler produces it, and cancels it when the client goes away', async () => {
    let cancelled = false;
    let pulls = 0;
    const url = await serve(
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            async pull(controller) {
              pulls++;
              controller.enqueue(new TextEncoder().encode(`data: ${pulls}\n\n`));
              await new Promise((resolve) => setTimeout(resolve, 5));
            },
            cancel() {
              cancelled = true;
            },
          }),
          { headers: { 'content-type': 'text/event-stream' } },
        ),
    );
    const abort = new AbortController();
    const response = await fetch(url, { signal: abort.signal });
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first.startsWith('data: 1\n\n')).toBe(true);
    abort.abort();
    await expect.poll(() => cancelled, { timeout: 5000 }).toBe(true);
  });
});

/// <reference types="node" />
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LazyAbortController, type UpstreamRequestInit } from '@interlingua/gateway';
import { createNodeFetch } from './create-node-fetch.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(listener: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function text(body: unknown): Promise<string> {
  let out = '';
  for await (const chunk of body as AsyncIterable<Uint8Array>) out += Buffer.from(chunk).toString('utf8');
  return out;
}

describe('createNodeFetch', () => {
  it('sends method, headers and body; returns status, headers (case-insensitive, repeated joined) and the body', async () => {
    let seen: { method?: string; key?: string; body?: string } = {};
    const url = await serve((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        seen = { method: request.method, key: request.headers['x-api-key'] as string, body };
        response.writeHead(429, [['Retry-After', '7'], ['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2'], ['Content-Type', 'application/json']]);
        response.end('{"error":{}}');
      });
    });
    const fetch = createNodeFetch();
    const reply = await fetch(`${url}/v1/messages`, { method: 'POST', headers: { 'x-api-key': 'k' }, body: '{"x":1}', signal: new AbortController().signal });
    expect(seen).toEqual({ method: 'POST', key: 'k', body: '{"x":1}' });
    expect(reply.status).toBe(429);
    expect(reply.headers.get('Retry-After')).toBe('7');
    expect(reply.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(reply.headers.get('x-none')).toBeNull();
    expect(await text(reply.body)).toBe('{"error":{}}');
  });

  it('streams the body as it arrives', async () => {
    let finish!: () => void;
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: 1\n\n');
      finish = () => response.end('data: 2\n\n');
    });
    const reply = await createNodeFetch()(url, { method: 'POST', headers: {}, body: '', signal: new AbortController().signal });
    const iterator = (reply.body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(Buffer.from(first.value!).toString()).toBe('data: 1\n\n');
    finish();
    const second = await iterator.next();
    expect(Buffer.from(second.value!).toString()).toBe('data: 2\n\n');
    expect((await iterator.next()).done).toBe(true);
  });

  it('keeps no hold on the reply\'s head while its body streams (a long stream would carry its headers to the end)', async () => {
    const { setFlagsFromString } = await import('node:v8');
    const { runInNewContext } = await import('node:vm');
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    let finish!: () => void;
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'x-large': 'h'.repeat(4096) });
      response.write('data: 1\n\n');
      finish = () => response.end('data: 2\n\n');
    });
    // Only the body is kept (not the call's promise either); the reply and its headers are reachable from the call
    // alone, if at all.
    const { body, head } = await createNodeFetch()(url, { method: 'POST', headers: {}, body: '', signal: new AbortController().signal }).then((reply) => ({ body: reply.body as AsyncIterable<Uint8Array>, head: new WeakRef(reply.headers) }));
    const iterator = body[Symbol.asyncIterator]();
    expect(Buffer.from((await iterator.next()).value as Uint8Array).toString()).toBe('data: 1\n\n');
    for (let i = 0; i < 5 && head.deref(); i++) {
      await new Promise((resolve) => setImmediate(resolve));
      gc();
    }
    expect(head.deref()).toBeUndefined();
    finish();
    expect(Buffer.from((await iterator.next()).value as Uint8Array).toString()).toBe('data: 2\n\n');
    expect((await iterator.next()).done).toBe(true);
  });

  it('pauses a large body while it is not read, then delivers every byte in order', async () => {
    // Far more than the loopback socket buffers take in while nobody reads (the receive window does not grow then).
    const total = 64 * 1024 * 1024;
    const pattern = Buffer.alloc(total);
    for (let index = 0; index < total; index++) pattern[index] = index % 251;
    let offset = 0;
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      const writeMore = (): void => {
        while (offset < total) {
          const ok = response.write(pattern.subarray(offset, offset + 65536));
          offset += 65536;
          if (!ok) {
            response.once('drain', writeMore);
            return;
          }
        }
        response.end();
      };
      writeMore();
    });
    const reply = await createNodeFetch()(url, { method: 'POST', headers: {}, body: '', signal: new AbortController().signal });
    // Nothing is read for a while: the server is held back instead of the whole body piling up here.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(offset).toBeLessThan(total);
    const received: Buffer[] = [];
    for await (const chunk of reply.body as AsyncIterable<Uint8Array>) received.push(Buffer.from(chunk));
    expect(Buffer.concat(received).equals(pattern)).toBe(true);
  });

  it('drops the connection when the reader stops early (return)', async () => {
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => {
      closed = resolve;
    });
    const url = await serve((request, response) => {
      request.socket.once('close', closed);
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: 1\n\n'); // and never ends
    });
    const reply = await createNodeFetch()(url, { method: 'POST', headers: {}, body: '', signal: new AbortController().signal });
    const iterator = (reply.body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
    expect(Buffer.from((await iterator.next()).value!).toString()).toBe('data: 1\n\n');
    expect(await iterator.return!()).toEqual({ done: true, value: undefined });
    expect((await iterator.next()).done).toBe(true);
    await connectionClosed;
  });

  it('rejects when the signal aborts before the headers, and closes the connection', async () => {
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => {
      closed = resolve;
    });
    const url = await serve((request) => {
      request.socket.once('close', closed); // never answers
    });
    const controller = new AbortController();
    const pending = createNodeFetch()(url, { method: 'POST', headers: {}, body: '{}', signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stop')), 20);
    await expect(pending).rejects.toBeDefined();
    await connectionClosed;
  });

  it('rejects for a refused connection', async () => {
    const url = await serve(() => {});
    const server = servers.pop()!;
    await new Promise((resolve) => server.close(resolve));
    await expect(createNodeFetch()(url, { method: 'POST', headers: {}, body: '', signal: new AbortController().signal })).rejects.toBeDefined();
  });

  describe('with `init.abort` (the gateway\'s init): follows it without reading `signal`', () => {
    /** An init whose `signal` fails the test if read. */
    const initWith = (abort: LazyAbortController): UpstreamRequestInit => ({
      method: 'POST',
      headers: {},
      body: '{}',
      abort,
      get signal(): AbortSignal {
        throw new Error('signal read');
      },
    });

    it('rejects when aborted before the headers, and closes the connection', async () => {
      let closed!: () => void;
      const connectionClosed = new Promise<void>((resolve) => {
        closed = resolve;
      });
      const url = await serve((request) => {
        request.socket.once('close', closed); // never answers
      });
      const abort = new LazyAbortController();
      const pending = createNodeFetch()(url, initWith(abort));
      setTimeout(() => abort.abort(new Error('stop')), 20);
      await expect(pending).rejects.toThrow('stop');
      await connectionClosed;
    });

    it('ends the body when aborted while it streams', async () => {
      const url = await serve((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write('data: 1\n\n'); // and never ends
      });
      const abort = new LazyAbortController();
      const reply = await createNodeFetch()(url, initWith(abort));
      const iterator = (reply.body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
      expect(Buffer.from((await iterator.next()).value!).toString()).toBe('data: 1\n\n');
      const next = iterator.next();
      abort.abort(new Error('client gone'));
      await expect(next).rejects.toThrow('client gone');
    });

    it('rejects at once when already aborted, without sending', async () => {
      let requests = 0;
      const url = await serve((_request, response) => {
        requests++;
        response.end('{}');
      });
      const abort = new LazyAbortController();
      abort.abort(new Error('already'));
      await expect(createNodeFetch()(url, initWith(abort))).rejects.toThrow('already');
      expect(requests).toBe(0);
    });
  });

  it('sends the path and query of any upstream URL as undici did, and refuses a scheme other than http(s)', async () => {
    const seen: string[] = [];
    const url = await serve((request, response) => {
      seen.push(`${request.url} ${request.headers.authorization ?? ''}`.trim());
      response.end('{}');
    });
    const fetch = createNodeFetch();
    const init = (): UpstreamRequestInit => ({ method: 'POST', headers: {}, body: '{}', signal: new AbortController().signal });
    const port = new URL(url).port;
    for (const target of [
      `${url}/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse`,
      `${url}/v1/messages`,
      url,
      `${url}?key=1`,
      `${url}/v1/chat/completions#fragment`,
      `http://user:secret@127.0.0.1:${port}/v1/messages`,
      `HTTP://127.0.0.1:${port}/upper`,
    ]) {
      const reply = await fetch(target, init());
      expect(reply.status).toBe(200);
    }
    // Twice through a remembered origin: the same.
    await fetch(`${url}/v1/messages`, init());
    expect(seen).toEqual([
      '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
      '/v1/messages',
      '/',
      '/?key=1',
      '/v1/chat/completions',
      '/v1/messages',
      '/upper',
      '/v1/messages',
    ]);
    await expect(fetch('ftp://127.0.0.1/file', init())).rejects.toThrow(/http: or https:/);
  });
});

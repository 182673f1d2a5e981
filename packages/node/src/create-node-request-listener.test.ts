/// <reference types="node" />
import { createServer, request as httpRequest, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayCore, GatewayRequest } from '@interlingua/gateway';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createNodeRequestListener, serveGatewayRequest } from './create-node-request-listener.js';

// The listener is checked against cores written here (what it reads from Node's request, how it writes each kind of
// reply) and once against the real gateway core with the replay upstream, end to end. The Express and CLI suites
// (fault matrix, conformance kit, official SDKs) run through it as well.

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(core: GatewayCore): Promise<string> {
  const server = createServer((request, response) => void serveGatewayRequest(core, request, response));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function readAll(source: GatewayRequest['body']): Promise<string> {
  if (!source) return '<none>';
  let text = '';
  for await (const chunk of source as AsyncIterable<Uint8Array>) text += Buffer.from(chunk).toString('utf8');
  return text;
}

describe('serveGatewayRequest', () => {
  it('passes method, path without query, headers and body; writes a string reply with its length', async () => {
    let seen: Record<string, unknown> = {};
    const url = await serve(async (request) => {
      seen = { method: request.method, path: request.path, auth: request.header('authorization'), missing: request.header('x-none'), body: await readAll(request.body) };
      return { status: 201, headers: { 'content-type': 'application/json', 'x-extra': 'yes' }, body: '{"ok":"é"}' };
    });
    const response = await fetch(`${url}/v1/chat/completions?beta=true`, { method: 'POST', headers: { authorization: 'Bearer k' }, body: '{"a":1}' });
    expect(seen).toEqual({ method: 'POST', path: '/v1/chat/completions', auth: 'Bearer k', missing: null, body: '{"a":1}' });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-extra')).toBe('yes');
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength('{"ok":"é"}')));
    expect(await response.text()).toBe('{"ok":"é"}');
  });

  it('gives no body for a GET or an empty POST', async () => {
    const bodies: unknown[] = [];
    const url = await serve(async (request) => {
      bodies.push(request.body);
      return { status: 200, headers: {}, body: '' };
    });
    await (await fetch(`${url}/healthz`)).text();
    await (await fetch(`${url}/v1/chat/completions`, { method: 'POST', body: '' })).text();
    expect(bodies).toEqual([null, null]);
  });

  it('writes a stream chunk by chunk, before the stream is over', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const url = await serve(async () => ({
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      body: new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(new TextEncoder().encode('data: 1\n\n'));
          await held;
          controller.enqueue(new TextEncoder().encode('data: 2\n\n'));
          controller.close();
        },
      }),
    }));
    const response = await fetch(`${url}/v1/chat/completions`, { method: 'POST', body: '{}' });
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: 1\n\n');
    release();
    let rest = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest += new TextDecoder().decode(value);
    }
    expect(rest).toBe('data: 2\n\n');
  });

  it("sends a stream's head with its first chunk when that is ready, and on its own when it is not", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Whether the head was flushed on its own (`flushHeaders`) rather than written with the first chunk.
    const flushed: Record<string, number> = {};
    const core: GatewayCore = async (request) => ({
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      body: new ReadableStream<Uint8Array>({
        async start(controller) {
          if (request.path === '/slow') await held;
          controller.enqueue(new TextEncoder().encode('data: 1\n\n'));
          controller.close();
        },
      }),
    });
    const server = createServer((request, response) => {
      const path = request.url ?? '';
      flushed[path] = 0;
      const flushHeaders = response.flushHeaders.bind(response);
      response.flushHeaders = () => {
        flushed[path]!++;
        flushHeaders();
      };
      void serveGatewayRequest(core, request, response);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    // Ready at once: the client gets the head and the chunk together.
    const ready = await fetch(`${url}/ready`, { method: 'POST', body: '{}' });
    expect(await ready.text()).toBe('data: 1\n\n');
    expect(flushed['/ready']).toBe(0);

    // Not ready: the head arrives on its own, before the first chunk exists.
    const slow = await fetch(`${url}/slow`, { method: 'POST', body: '{}' });
    expect(slow.status).toBe(200);
    expect(slow.headers.get('content-type')).toBe('text/event-stream');
    expect(flushed['/slow']).toBe(1);
    release();
    expect(await slow.text()).toBe('data: 1\n\n');
  });

  it('cancels the stream and aborts the request signal when the client goes away', async () => {
    let cancelled!: (reason: unknown) => void;
    const cancelledPromise = new Promise((resolve) => {
      cancelled = resolve;
    });
    let signal: AbortSignal | undefined;
    const url = await serve(async (request) => {
      signal = request.signal;
      return {
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
        body: new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('data: 1\n\n'));
          },
          cancel: (reason) => cancelled(reason),
        }),
      };
    });
    const client = new AbortController();
    const response = await fetch(`${url}/v1/chat/completions`, { method: 'POST', body: '{}', signal: client.signal });
    await response.body!.getReader().read();
    client.abort();
    await cancelledPromise;
    expect(signal?.aborted).toBe(true);
  });

  it('keeps writing through backpressure when the client reads slowly, and loses nothing', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(97);
    const count = 64; // 4 MiB, far over the socket buffers
    const url = await serve(async () => ({
      status: 200,
      headers: { 'content-type': 'application/octet-stream' },
      body: new ReadableStream<Uint8Array>({
        pull(controller) {
          controller.enqueue(chunk);
          if (++sent === count) controller.close();
        },
      }),
    }));
    let sent = 0;
    let drains = 0;
    servers[0]!.on('request', (_request, response) => response.on('drain', () => drains++));
    const received = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(`${url}/v1/chat/completions`, { method: 'POST' }, (response) => {
        let size = 0;
        // One 64 KiB read per millisecond tick at most: the server's writes outrun it and must wait for 'drain'.
        const timer = setInterval(() => {
          const part = response.read(64 * 1024) ?? response.read();
          if (part) size += part.length;
        }, 1);
        response.on('end', () => {
          clearInterval(timer);
          resolve(size);
        });
        response.on('error', reject);
      });
      request.end('{}');
    });
    expect(received).toBe(chunk.byteLength * count);
    expect(drains).toBeGreaterThan(0);
  });

  it('writes a reply\'s `stream` by plain reads, without making its `body`, and cancels it when the client goes away', async () => {
    const encoder = new TextEncoder();
    let reads = 0;
    let cancelled!: () => void;
    const cancelledPromise = new Promise<void>((resolve) => {
      cancelled = resolve;
    });
    const url = await serve(async () => ({
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      get body(): ReadableStream<Uint8Array> {
        throw new Error('body made');
      },
      stream: {
        read: async () => {
          reads++;
          if (reads === 1) return { done: false as const, value: encoder.encode('data: 1\n\n') };
          return new Promise<never>(() => {}); // the upstream goes quiet
        },
        cancel: async () => cancelled(),
      },
    }));
    const client = new AbortController();
    const response = await fetch(`${url}/v1/chat/completions`, { method: 'POST', body: '{}', signal: client.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const first = await response.body!.getReader().read();
    expect(new TextDecoder().decode(first.value)).toBe('data: 1\n\n');
    client.abort();
    await cancelledPromise;
  });

  it('closes the connection and settles when Node refuses to write a reply (an invalid header)', async () => {
    let settled!: Promise<void>;
    const server = createServer((request, response) => {
      settled = serveGatewayRequest(async () => ({ status: 200, headers: { 'x-bad': 'line\nbreak' }, body: '{}' }), request, response);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await expect(fetch(url, { method: 'POST', body: '{}' })).rejects.toThrow();
    await expect(settled).resolves.toBeUndefined();
  });

  it('calls a core back after a complete reply is written (afterReply), and after a reply Node refused to write', async () => {
    const seen: { path: string; ended: boolean }[] = [];
    let current: ServerResponse | undefined;
    const core: GatewayCore = async (request) => {
      const response = current!;
      request.afterReply?.(() => seen.push({ path: request.path, ended: response.writableEnded }));
      const headers: Record<string, string> = request.path === '/bad' ? { 'x-bad': 'line\nbreak' } : {};
      if (request.path !== '/bad') expect(response.writableEnded).toBe(false);
      return { status: 200, headers, body: '{}' };
    };
    const server = createServer((request, response) => {
      current = response;
      void serveGatewayRequest(core, request, response);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect(await (await fetch(`${url}/good`, { method: 'POST', body: '{}' })).text()).toBe('{}');
    await expect(fetch(`${url}/bad`, { method: 'POST', body: '{}' })).rejects.toThrow();
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    // The good reply was ended before the callback ran; the refused one was destroyed (not ended) and still reported.
    expect(seen).toEqual([
      { path: '/good', ended: true },
      { path: '/bad', ended: false },
    ]);
  });

  it('answers 500 in the OpenAI envelope when the core throws', async () => {
    const url = await serve(async () => {
      throw new Error('bug');
    });
    const response = await fetch(`${url}/v1/models`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: expect.objectContaining({ code: 'internal_error', type: 'server_error' }) });
  });
});

describe('createNodeRequestListener with the gateway core', () => {
  it('serves a replay model, non-streamed and streamed', async () => {
    const { defaultReplayModels } = await import('@interlingua/gateway');
    const listener = createNodeRequestListener({ models: defaultReplayModels(), log: () => {} });
    const server = createServer(listener);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const plain = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'replay/claude', messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(plain.status).toBe(200);
    const json = (await plain.json()) as { object: string; choices: { message: { content: string } }[] };
    expect(json.object).toBe('chat.completion');
    expect(json.choices[0]!.message.content.length).toBeGreaterThan(0);

    const streamed = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'replay/gemini', messages: [{ role: 'user', content: 'Hi' }], stream: true }),
    });
    expect(streamed.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await streamed.text();
    expect(text).toMatch(/^data: \{"id":"chatcmpl-/);
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });

  it('logs to stdout by default, one JSON line per request, through writeLogLineToStdout', async () => {
    const { defaultReplayModels } = await import('@interlingua/gateway');
    const { flushLogLines } = await import('./write-log-line-to-stdout.js');
    flushLogLines();
    const written: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string, ...rest: unknown[]) => {
      if (String(chunk).includes('"path":"/v1/chat/completions"')) {
        written.push(String(chunk));
        return true;
      }
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write);
    const server = createServer(createNodeRequestListener({ models: defaultReplayModels() }));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const model of ['replay/claude', 'replay/gemini']) {
      const reply = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Hi' }] }),
      });
      expect(reply.status).toBe(200);
      await reply.text();
    }
    await vi.waitFor(() => expect(written.join('').split('\n').filter(Boolean)).toHaveLength(2), { timeout: 2_000 });
    const lines = written.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { model: string; status: number });
    expect(lines.map((line) => [line.model, line.status])).toEqual([
      ['replay/claude', 200],
      ['replay/gemini', 200],
    ]);
  });

  it('writes the log line of a complete reply after the reply is written; a throwing log does not stop the server', async () => {
    const { defaultReplayModels } = await import('@interlingua/gateway');
    const order: string[] = [];
    let throwOnce = true;
    const listener = createNodeRequestListener({
      models: defaultReplayModels(),
      log: (line) => {
        order.push(`log ${line.path} ${line.status}`);
        if (throwOnce) {
          throwOnce = false;
          throw new Error('log sink down');
        }
      },
    });
    const server = createServer((request, response) => {
      response.once('finish', () => order.push(`finish ${request.url}`));
      const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
      response.end = ((...args: unknown[]) => {
        order.push(`end ${request.url}`);
        return end(...args);
      }) as typeof response.end;
      listener(request, response);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const first = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'replay/claude', messages: [{ role: 'user', content: 'Hi' }] }),
      });
      expect(first.status).toBe(200);
      await first.text();
      expect((await fetch(`${url}/v1/models`)).status).toBe(200);
      await vi.waitFor(() => expect(order.filter((entry) => entry.startsWith('log'))).toHaveLength(2));
      expect(order.indexOf('end /v1/chat/completions')).toBeLessThan(order.indexOf('log /v1/chat/completions 200'));
      expect(order.indexOf('end /v1/models')).toBeLessThan(order.indexOf('log /v1/models 200'));
      expect(errors).toHaveBeenCalledWith('interlingua: the log function failed: log sink down');
    } finally {
      errors.mockRestore();
    }
  });

  it('answers 413 for a chunked body over the limit, and the next request on the server still works', async () => {
    const listener = createNodeRequestListener({ limits: { maxBodyBytes: 1024 }, log: () => {} });
    const server = createServer(listener);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.write('x'.repeat(4096));
      request.end();
    });
    expect(status).toBe(413);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});

import { createOpenAISpecValidator } from '@interlingua/conformance/node';
import { describe, expect, it } from 'vitest';
import { createGateway } from './create-gateway.js';
import type { GatewayLimits } from './gateway-config.js';
import type { GatewayLogLine } from './gateway-options.js';
import { parseGatewayConfigFile } from './parse-gateway-config-file.js';
import { DEFAULT_GATEWAY_LIMITS, resolveGatewayLimits } from './resolve-gateway-limits.js';

const validator = createOpenAISpecValidator();
const KEY = 'sk-ant-limits-test-secret';
const encoder = new TextEncoder();
const event = (type: string, data: unknown) => `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
const HEAD =
  event('message_start', {
    type: 'message_start',
    message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-3-5-haiku', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } },
  }) + event('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
const REPLY = {
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-3-5-haiku',
  content: [{ type: 'text', text: 'Hi' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 1, output_tokens: 1 },
};

/** An upstream that sends `HEAD` and then nothing (until aborted); records what happened to each call. */
function stallingFetch() {
  const calls: { signal: AbortSignal; cancelled: boolean }[] = [];
  const fetchImplementation = (async (_url: string, init: RequestInit) => {
    const call = { signal: init.signal!, cancelled: false };
    calls.push(call);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(HEAD));
      },
      cancel() {
        call.cancelled = true;
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  }) as unknown as typeof fetch;
  return { fetchImplementation, calls };
}

function gatewayWith(fetchImplementation: typeof fetch, limits: GatewayLimits) {
  const lines: GatewayLogLine[] = [];
  const gateway = createGateway({
    upstreams: { anthropic: { apiKey: KEY, baseUrl: 'http://anthropic.test' } },
    prefixes: [{ prefix: 'claude', upstream: 'anthropic' }],
    fetch: fetchImplementation,
    log: (line) => lines.push(line),
    limits,
  });
  return { gateway, lines };
}

const post = (body: unknown) =>
  new Request('http://gateway.test/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const request = (extra: Record<string, unknown> = {}) => ({ model: 'claude-3-5-haiku', messages: [{ role: 'user', content: 'Hi' }], ...extra });
const okFetch = (async () => new Response(JSON.stringify(REPLY), { status: 200 })) as unknown as typeof fetch;

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: { code: string } };
  expect(validator.error(body)).toEqual([]);
  expect(body.error.code).toBe(code);
  expect(JSON.stringify(body)).not.toContain(KEY);
  return body;
}

/** The last frame of an SSE text, parsed (`[DONE]` as a string). */
function lastFrame(text: string): unknown {
  const frames = text.split('\n\n').filter(Boolean);
  const data = frames.at(-1)!.slice('data: '.length);
  return data === '[DONE]' ? data : JSON.parse(data);
}

describe('gateway limits', () => {
  it('has documented defaults, and the config file accepts every limit', () => {
    expect(resolveGatewayLimits(undefined)).toEqual(DEFAULT_GATEWAY_LIMITS);
    expect(resolveGatewayLimits({ maxMessages: 3 }).maxMessages).toBe(3);
    const limits = { maxBodyBytes: 1, upstreamTimeoutMs: 1, maxMessages: 1, maxImageBytes: 0, streamIdleTimeoutMs: 1, requestTimeoutMs: 1, maxConcurrentStreams: 1, maxEventBytes: 1 };
    expect(parseGatewayConfigFile({ limits })).toEqual({ ok: true, config: { limits } });
    const bad = parseGatewayConfigFile({ limits: { maxMessages: -1, streamIdleTimeoutMs: 1.5 } });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/limits\.maxMessages.*limits\.streamIdleTimeoutMs/);
  });

  it('refuses more messages than maxMessages with 413 too_many_messages', async () => {
    const { gateway } = gatewayWith(okFetch, { maxMessages: 2 });
    const three = request({ messages: [1, 2, 3].map((n) => ({ role: 'user', content: `m${n}` })) });
    const body = await expectError(await gateway(post(three)), 413, 'too_many_messages');
    expect(body.error).toMatchObject({ param: 'messages', type: 'invalid_request_error' });
    expect((await gateway(post(request({ messages: three.messages.slice(0, 2) })))).status).toBe(200);
  });

  it('refuses inline images over maxImageBytes in total with 413 images_too_large', async () => {
    const { gateway } = gatewayWith(okFetch, { maxImageBytes: 1000 });
    // 800 base64 characters decode to 600 bytes: one image fits, two do not.
    const image = { type: 'image_url', image_url: { url: `data:image/png;base64,${'A'.repeat(800)}` } };
    const one = request({ messages: [{ role: 'user', content: [{ type: 'text', text: 'look' }, image] }] });
    expect((await gateway(post(one))).status).toBe(200);
    const two = request({ messages: [{ role: 'user', content: [image] }, { role: 'user', content: [image] }] });
    await expectError(await gateway(post(two)), 413, 'images_too_large');
  });

  it('ends a stream whose upstream goes quiet with an upstream_idle_timeout error payload and aborts the upstream', async () => {
    const { fetchImplementation, calls } = stallingFetch();
    const { gateway } = gatewayWith(fetchImplementation, { streamIdleTimeoutMs: 100 });
    const response = await gateway(post(request({ stream: true })));
    expect(response.status).toBe(200);
    const last = lastFrame(await response.text()) as { error: { code: string } };
    expect(validator.error(last)).toEqual([]);
    expect(last.error.code).toBe('upstream_idle_timeout');
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(calls[0]!.cancelled).toBe(true);
  });

  it('ends a Gemini stream that goes quiet after its finish reason normally: usage chunk and [DONE], no error', async () => {
    // Gemini sends no end marker: the answer is whole once every candidate has its finishReason.
    const geminiEvent = (data: unknown) => `data: ${JSON.stringify(data)}\r\n\r\n`;
    let cancelled = false;
    const fetchImplementation = (async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(encoder.encode(geminiEvent({ candidates: [{ content: { role: 'model', parts: [{ text: 'Hi' }] }, index: 0 }] })));
            controller.enqueue(
              encoder.encode(
                geminiEvent({
                  candidates: [{ content: { role: 'model', parts: [{ text: '!' }] }, finishReason: 'STOP', index: 0 }],
                  usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 2, totalTokenCount: 5 },
                }),
              ),
            );
          },
          cancel() {
            cancelled = true;
          },
        }),
        { status: 200, headers: { 'content-type': 'text/event-stream' } },
      )) as unknown as typeof fetch;
    const lines: GatewayLogLine[] = [];
    const gateway = createGateway({
      upstreams: { gemini: { apiKey: KEY, baseUrl: 'http://gemini.test' } },
      prefixes: [{ prefix: 'gemini', upstream: 'gemini' }],
      fetch: fetchImplementation,
      log: (line) => lines.push(line),
      limits: { streamIdleTimeoutMs: 100 },
    });
    const response = await gateway(post({ model: 'gemini-2.0-flash', messages: [{ role: 'user', content: 'Hi' }], stream: true, stream_options: { include_usage: true } }));
    const text = await response.text();
    expect(text).not.toContain('"error"');
    expect(lastFrame(text)).toBe('[DONE]');
    const frames = text.split('\n\n').filter(Boolean).slice(0, -1).map((frame) => JSON.parse(frame.slice('data: '.length)));
    for (const frame of frames) expect(validator.chunk(frame)).toEqual([]);
    expect(frames.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } });
    expect(frames.some((frame) => frame.choices[0]?.finish_reason === 'stop')).toBe(true);
    expect(cancelled).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(lines.at(-1)?.error).toBeUndefined();
  });

  it('answers 504 upstream_idle_timeout when a non-stream reply body stalls', async () => {
    const fetchImplementation = (async () =>
      new Response(new ReadableStream({ start: (controller) => controller.enqueue(encoder.encode('{"id":')) }), { status: 200 })) as unknown as typeof fetch;
    const { gateway } = gatewayWith(fetchImplementation, { streamIdleTimeoutMs: 100 });
    await expectError(await gateway(post(request())), 504, 'upstream_idle_timeout');
  });

  it('answers 504 request_timeout when the total time runs out before the headers', async () => {
    let upstreamSignal: AbortSignal | undefined;
    const hanging = ((_url: string, init: RequestInit) => {
      upstreamSignal = init.signal!;
      return new Promise<Response>(() => {});
    }) as unknown as typeof fetch;
    const { gateway } = gatewayWith(hanging, { requestTimeoutMs: 100, upstreamTimeoutMs: 60_000 });
    await expectError(await gateway(post(request())), 504, 'request_timeout');
    expect(upstreamSignal!.aborted).toBe(true);
  });

  it('ends a stream that outlives requestTimeoutMs with a request_timeout error payload, even while bytes keep coming', async () => {
    let upstreamSignal: AbortSignal | undefined;
    const dripping = ((_url: string, init: RequestInit) => {
      upstreamSignal = init.signal!;
      let timer: ReturnType<typeof setInterval> | undefined;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(encoder.encode(HEAD));
          // A ping every 20 ms, forever: never idle.
          timer = setInterval(() => controller.enqueue(encoder.encode(event('ping', { type: 'ping' }))), 20);
        },
        cancel: () => clearInterval(timer),
      });
      return Promise.resolve(new Response(body, { status: 200 }));
    }) as unknown as typeof fetch;
    const { gateway } = gatewayWith(dripping, { requestTimeoutMs: 300, streamIdleTimeoutMs: 200 });
    const response = await gateway(post(request({ stream: true })));
    const last = lastFrame(await response.text()) as { error: { code: string } };
    expect(last.error.code).toBe('request_timeout');
    expect(upstreamSignal!.aborted).toBe(true);
  });

  it('answers 408 request_timeout to a client that does not finish sending its body in time', async () => {
    const { gateway } = gatewayWith(okFetch, { requestTimeoutMs: 100 });
    const body = new ReadableStream<Uint8Array>({ start: (controller) => controller.enqueue(encoder.encode('{"model":')) });
    const slow = new Request('http://gateway.test/v1/chat/completions', { method: 'POST', body, duplex: 'half' } as RequestInit);
    await expectError(await gateway(slow), 408, 'request_timeout');
  });

  it('answers 429 too_many_concurrent_streams with retry-after over maxConcurrentStreams, and frees the slot when a stream ends', async () => {
    const { fetchImplementation, calls } = stallingFetch();
    const { gateway } = gatewayWith(fetchImplementation, { maxConcurrentStreams: 2 });
    const first = await gateway(post(request({ stream: true })));
    const second = await gateway(post(request({ stream: true })));
    expect([first.status, second.status]).toEqual([200, 200]);
    const refused = await gateway(post(request({ stream: true })));
    expect(refused.headers.get('retry-after')).toBe('1');
    const body = await expectError(refused, 429, 'too_many_concurrent_streams');
    expect(body.error).toMatchObject({ type: 'rate_limit_error' });
    // Non-stream requests are not counted.
    expect((await gatewayWith(okFetch, { maxConcurrentStreams: 1 }).gateway(post(request()))).status).toBe(200);
    // The client goes away: the slot is free again and the upstream was aborted.
    await first.body!.cancel();
    expect(calls[0]!.signal.aborted).toBe(true);
    const third = await gateway(post(request({ stream: true })));
    expect(third.status).toBe(200);
    await second.body!.cancel();
    await third.body!.cancel();
  });
});

import { describe, expect, it } from 'vitest';
import { createGateway } from '../create-gateway.js';
import type { GatewayLogLine } from '../gateway-options.js';
import { handleTranslatedRequest } from '../handle-translated-request.js';
import { createStreamSlots } from '../create-stream-slots.js';
import { resolveGatewayLimits } from '../resolve-gateway-limits.js';
import { toGatewayRequest } from '../create-gateway.js';
import { createFixedEnvironment } from '@interlingua/openai-schema';
import type { ClientFront } from './client-front.js';

/**
 * A toy client API over the shared translation: `{model, ask, stream}` in, `{answer}` out, errors as
 * `{problem, code}`, and a stream of `event: piece` frames carrying each content delta. It proves that a front only
 * maps its own shapes: routing, the provider bridge, upstream errors and stream supervision are the gateway's.
 */
const decoder = new TextDecoder();
const encoder = new TextEncoder();
const toyFront: ClientFront = {
  api: 'toy',
  toChatRequest(body) {
    const { model, ask, stream } = body as { model?: unknown; ask?: unknown; stream?: unknown };
    if (typeof model !== 'string' || typeof ask !== 'string') {
      return { ok: false, status: 400, body: { problem: 'model and ask are required', code: 'bad_toy' }, warnings: [] };
    }
    return {
      ok: true,
      request: { model, messages: [{ role: 'user', content: ask }], ...(stream === true ? { stream: true } : {}) },
      context: { asked: ask },
      warnings: [{ code: 'toy_note', param: 'ask', message: 'toy requests are plain text' }],
    };
  },
  toClientError: (status, envelope) => ({ status, body: { problem: envelope.error.message, code: envelope.error.code } }),
  toClientReply: (completion, context) => ({
    ok: true,
    body: { answer: completion.choices[0]?.message.content, asked: (context as { asked: string }).asked },
    warnings: [],
  }),
  createStreamTranscoder() {
    let buffered = '';
    return {
      push(chunk) {
        buffered += decoder.decode(chunk, { stream: true });
        const frames = buffered.split('\n\n');
        buffered = frames.pop()!;
        let out = '';
        for (const frame of frames) {
          const data = frame.startsWith('data: ') ? frame.slice(6) : undefined;
          if (data === undefined || data === '[DONE]') continue;
          const parsed = JSON.parse(data) as { choices?: { delta?: { content?: string } }[]; error?: { code: string } };
          if (parsed.error) out += `event: failed\ndata: ${parsed.error.code}\n\n`;
          const content = parsed.choices?.[0]?.delta?.content;
          if (content) out += `event: piece\ndata: ${content}\n\n`;
        }
        return encoder.encode(out);
      },
      end: () => encoder.encode('event: over\ndata: {}\n\n'),
    };
  },
};

const ANTHROPIC_REPLY = {
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-3-5-haiku',
  content: [{ type: 'text', text: 'Hello!' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 3, output_tokens: 2 },
};

const ANTHROPIC_STREAM = [
  ['message_start', { type: 'message_start', message: { ...ANTHROPIC_REPLY, content: [], stop_reason: null, usage: { input_tokens: 3, output_tokens: 1 } } }],
  ['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }],
  ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hel' } }],
  ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'lo!' } }],
  ['content_block_stop', { type: 'content_block_stop', index: 0 }],
  ['message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 2 } }],
  ['message_stop', { type: 'message_stop' }],
]
  .map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
  .join('');

function serve(upstream: () => Response) {
  const lines: GatewayLogLine[] = [];
  const options = {
    upstreams: { anthropic: { apiKey: 'sk-ant-secret', baseUrl: 'http://anthropic.test' } },
    prefixes: [{ prefix: 'claude', upstream: 'anthropic' as const }],
    fetch: (async () => upstream()) as typeof fetch,
    log: (line: GatewayLogLine) => lines.push(line),
  };
  const limits = resolveGatewayLimits(undefined);
  const runtime = { limits, streamSlots: createStreamSlots(limits.maxConcurrentStreams) };
  const call = async (body: unknown) => {
    const request = toGatewayRequest(
      new Request('http://gateway.test/toy', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    );
    const report = {};
    const reply = await handleTranslatedRequest(toyFront, request, options, createFixedEnvironment({ now: 1 }), report, runtime);
    return { reply, report: report as Record<string, unknown> };
  };
  return { call, lines };
}

async function text(body: string | ReadableStream<Uint8Array>): Promise<string> {
  return typeof body === 'string' ? body : new Response(body).text();
}

describe('a client front over the shared translation', () => {
  it('maps its request to the hub and the hub reply back, with its own and the bridge warnings', async () => {
    const { call } = serve(() => new Response(JSON.stringify(ANTHROPIC_REPLY), { status: 200 }));
    const { reply, report } = await call({ model: 'claude-3-5-haiku', ask: 'Hi' });
    expect(reply.status).toBe(200);
    expect(JSON.parse(await text(reply.body))).toEqual({ answer: 'Hello!', asked: 'Hi' });
    expect(reply.headers['x-interlingua-warnings']).toBe('toy_note(ask)');
    expect(report.warnings).toEqual(['toy_note(ask): toy requests are plain text']);
  });

  it('answers its own validation failure in its own envelope', async () => {
    const { call } = serve(() => new Response('{}'));
    const { reply } = await call({ ask: 'no model' });
    expect(reply.status).toBe(400);
    expect(JSON.parse(await text(reply.body))).toEqual({ problem: 'model and ask are required', code: 'bad_toy' });
  });

  it("puts the gateway's own errors in the front's envelope", async () => {
    const { call } = serve(() => new Response('{}'));
    const { reply } = await call({ model: 'unknown-model', ask: 'Hi' });
    expect(reply.status).toBe(404);
    expect(JSON.parse(await text(reply.body))).toMatchObject({ code: 'model_not_found' });
  });

  it("puts the upstream's translated errors in the front's envelope, status and retry-after kept", async () => {
    const { call } = serve(
      () =>
        new Response(JSON.stringify({ type: 'error', error: { type: 'rate_limit_error', message: 'Slow down' } }), {
          status: 429,
          headers: { 'retry-after': '7' },
        }),
    );
    const { reply } = await call({ model: 'claude-3-5-haiku', ask: 'Hi' });
    expect(reply.status).toBe(429);
    expect(reply.headers['retry-after']).toBe('7');
    expect(JSON.parse(await text(reply.body))).toMatchObject({ problem: 'Slow down' });
  });

  it('streams through the bridge transcoder and then the front transcoder', async () => {
    const { call } = serve(() => new Response(ANTHROPIC_STREAM, { status: 200, headers: { 'content-type': 'text/event-stream' } }));
    const { reply } = await call({ model: 'claude-3-5-haiku', ask: 'Hi', stream: true });
    expect(reply.status).toBe(200);
    expect(await text(reply.body)).toBe('event: piece\ndata: Hel\n\nevent: piece\ndata: lo!\n\nevent: over\ndata: {}\n\n');
  });

  it('a broken upstream stream reaches the front as the hub error payload', async () => {
    const { call } = serve(() => new Response(ANTHROPIC_STREAM.slice(0, ANTHROPIC_STREAM.indexOf('event: content_block_stop')), { status: 200 }));
    const { reply } = await call({ model: 'claude-3-5-haiku', ask: 'Hi', stream: true });
    const body = await text(reply.body);
    expect(body).toMatch(/^event: piece\ndata: Hel\n\nevent: piece\ndata: lo!\n\nevent: failed\ndata: \w+\n\nevent: over\ndata: \{\}\n\n$/);
  });

  it('the chat route still answers in the OpenAI shape', async () => {
    const gateway = createGateway({
      upstreams: { anthropic: { apiKey: 'sk-ant-secret', baseUrl: 'http://anthropic.test' } },
      prefixes: [{ prefix: 'claude', upstream: 'anthropic' }],
      fetch: (async () => new Response(JSON.stringify(ANTHROPIC_REPLY))) as typeof fetch,
      log: () => {},
    });
    const response = await gateway(
      new Request('http://gateway.test/v1/chat/completions', {
        method: 'POST',
        body: JSON.stringify({ model: 'claude-3-5-haiku', messages: [{ role: 'user', content: 'Hi' }] }),
      }),
    );
    expect(((await response.json()) as { choices: { message: { content: string } }[] }).choices[0]!.message.content).toBe('Hello!');
  });
});

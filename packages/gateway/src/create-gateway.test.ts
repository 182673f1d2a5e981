import { describe, expect, it, vi } from 'vitest';
import { createGateway, createGatewayCore } from './create-gateway.js';
import type { GatewayLogLine, GatewayOptions } from './gateway-options.js';
import { defaultReplayModels } from './replay/default-replay-models.js';

const SECRET = 'sk-ant-very-secret-upstream-key';
const CLAUDE_REQUEST = { model: 'claude-3-5-haiku', messages: [{ role: 'user', content: 'Hi' }] };
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

function post(body: unknown, headers: Record<string, string> = {}): Request {
  return new Request('http://gateway.test/v1/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function gatewayWith(fetchImplementation: typeof fetch, extra: Partial<GatewayOptions> = {}) {
  const lines: GatewayLogLine[] = [];
  const gateway = createGateway({
    upstreams: { anthropic: { apiKey: SECRET, baseUrl: 'http://anthropic.test' } },
    prefixes: [{ prefix: 'claude', upstream: 'anthropic' }],
    fetch: fetchImplementation,
    log: (line) => lines.push(line),
    ...extra,
  });
  return { gateway, lines };
}

const okFetch = (async () => new Response(JSON.stringify(ANTHROPIC_REPLY), { status: 200 })) as typeof fetch;

async function expectEnvelope(response: Response, status: number, fields: Record<string, unknown> = {}) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: Record<string, unknown> };
  expect(typeof body.error.message).toBe('string');
  expect(body.error).toMatchObject(fields);
  expect(JSON.stringify(body)).not.toContain(SECRET);
  return body;
}

describe('createGateway', () => {
  it('answers /healthz', async () => {
    const { gateway } = gatewayWith(okFetch);
    const response = await gateway(new Request('http://gateway.test/healthz'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('lists the configured models and aliases', async () => {
    const { gateway } = gatewayWith(okFetch, { models: defaultReplayModels() });
    const body = (await (await gateway(new Request('http://gateway.test/v1/models'))).json()) as { object: string; data: { id: string }[] };
    expect(body.object).toBe('list');
    // The configured names and aliases first; then what the `claude` prefix route serves from the Claude catalog.
    expect(body.data.slice(0, 4).map((model) => model.id)).toEqual(['replay/claude', 'replay/claude-3-5-haiku', 'replay/gemini', 'replay/gemini-1.5-pro']);
    const byPrefix = body.data.slice(4) as { id: string; interlingua: { route: string; upstream: string } }[];
    expect(byPrefix.length).toBeGreaterThan(10);
    for (const model of byPrefix) {
      expect(model.id.startsWith('claude')).toBe(true);
      expect(model.interlingua).toMatchObject({ route: 'prefix', upstream: 'anthropic' });
    }
    expect(byPrefix.map((model) => model.id)).toEqual(expect.arrayContaining(['claude-opus-4-7', 'claude-sonnet-4-6']));
  });

  it('requires a gateway key when keys are configured', async () => {
    const { gateway } = gatewayWith(okFetch, { keys: ['client-key'] });
    await expectEnvelope(await gateway(post(CLAUDE_REQUEST)), 401, { type: 'authentication_error', code: 'invalid_api_key' });
    await expectEnvelope(await gateway(post(CLAUDE_REQUEST, { authorization: 'Bearer wrong' })), 401, { code: 'invalid_api_key' });
    const response = await gateway(post(CLAUDE_REQUEST, { authorization: 'Bearer client-key' }));
    expect(response.status).toBe(200);
  });

  it('refuses a body over the size limit with 413', async () => {
    const { gateway } = gatewayWith(okFetch, { limits: { maxBodyBytes: 100 } });
    const big = { ...CLAUDE_REQUEST, messages: [{ role: 'user', content: 'x'.repeat(500) }] };
    await expectEnvelope(await gateway(post(big)), 413, { code: 'request_too_large' });
  });

  it('refuses invalid JSON with 400', async () => {
    const { gateway } = gatewayWith(okFetch);
    await expectEnvelope(await gateway(post('{"model":')), 400, { type: 'invalid_request_error', code: 'invalid_json' });
  });

  it('names the offending field of a schema error', async () => {
    const { gateway } = gatewayWith(okFetch);
    const body = await expectEnvelope(await gateway(post({ model: 'claude-3-5-haiku', messages: [{ role: 'user', content: 42 }] })), 400);
    expect(body.error.param).toBe('messages[0].content');
  });

  it('answers 404 model_not_found for an unknown model', async () => {
    const { gateway } = gatewayWith(okFetch);
    await expectEnvelope(await gateway(post({ ...CLAUDE_REQUEST, model: 'nope-1' })), 404, { code: 'model_not_found', param: 'model' });
  });

  it('answers 404 for an unknown route and 405 for a wrong method', async () => {
    const { gateway } = gatewayWith(okFetch);
    await expectEnvelope(await gateway(new Request('http://gateway.test/v2/else')), 404);
    await expectEnvelope(await gateway(new Request('http://gateway.test/v1/chat/completions')), 405);
  });

  it('sends the key upstream only in its header, and never logs it', async () => {
    const seen: Headers[] = [];
    const { gateway, lines } = gatewayWith((async (_url: string, init: RequestInit) => {
      seen.push(new Headers(init.headers));
      return new Response(JSON.stringify(ANTHROPIC_REPLY), { status: 200 });
    }) as unknown as typeof fetch);
    const response = await gateway(post(CLAUDE_REQUEST));
    expect(response.status).toBe(200);
    expect(seen[0]!.get('x-api-key')).toBe(SECRET);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions', status: 200, model: 'claude-3-5-haiku', upstream: 'anthropic', prompt_tokens: 3, completion_tokens: 2 });
    expect(JSON.stringify(lines)).not.toContain(SECRET);
  });

  it('keeps an upstream error status, in the OpenAI envelope, with retry-after', async () => {
    const { gateway, lines } = gatewayWith((async () =>
      new Response(JSON.stringify({ type: 'error', error: { type: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit' }, request_id: 'req_1' }), {
        status: 429,
        headers: { 'content-type': 'application/json', 'retry-after': '17' },
      })) as unknown as typeof fetch);
    const response = await gateway(post(CLAUDE_REQUEST));
    expect(response.headers.get('retry-after')).toBe('17');
    const body = await expectEnvelope(response, 429);
    expect(body.error.message).toContain('rate limit');
    expect(lines[0]!.status).toBe(429);
  });

  it('answers 502 when the upstream cannot be reached', async () => {
    const { gateway } = gatewayWith((async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch);
    await expectEnvelope(await gateway(post(CLAUDE_REQUEST)), 502, { code: 'upstream_unreachable' });
  });

  it('answers 504 when the upstream sends no headers in time', async () => {
    const { gateway } = gatewayWith(
      ((_url: string, init: RequestInit) =>
        new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new Error('aborted'))))) as unknown as typeof fetch,
      { limits: { upstreamTimeoutMs: 50 } },
    );
    await expectEnvelope(await gateway(post(CLAUDE_REQUEST)), 504, { code: 'upstream_timeout' });
  });

  it('aborts the upstream request when the client goes away', async () => {
    let upstreamSignal: AbortSignal | undefined;
    const { gateway } = gatewayWith(((_url: string, init: RequestInit) => {
      upstreamSignal = init.signal ?? undefined;
      return new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    }) as unknown as typeof fetch);
    const client = new AbortController();
    const request = new Request('http://gateway.test/v1/chat/completions', {
      method: 'POST',
      body: JSON.stringify(CLAUDE_REQUEST),
      signal: client.signal,
    });
    const pending = gateway(request);
    await vi.waitFor(() => expect(upstreamSignal).toBeDefined());
    client.abort();
    await pending;
    expect(upstreamSignal!.aborted).toBe(true);
  });

  it('answers 503 when the routed upstream has no key', async () => {
    const { gateway } = gatewayWith(okFetch, { upstreams: {} });
    await expectEnvelope(await gateway(post(CLAUDE_REQUEST)), 503, { code: 'upstream_not_configured' });
  });

  it('answers 502 when a non-stream upstream reply is not JSON', async () => {
    const { gateway } = gatewayWith((async () => new Response('<html>oops</html>', { status: 200 })) as unknown as typeof fetch);
    await expectEnvelope(await gateway(post(CLAUDE_REQUEST)), 502, { code: 'upstream_invalid_response' });
  });

  it('reports lossy steps in x-interlingua-warnings', async () => {
    const { gateway, lines } = gatewayWith(okFetch);
    const response = await gateway(post({ ...CLAUDE_REQUEST, temperature: 1.5, seed: 7 }));
    expect(response.status).toBe(200);
    const header = response.headers.get('x-interlingua-warnings') ?? '';
    expect(header).toContain('(temperature)');
    expect(header).toContain('(seed)');
    expect(lines[0]!.warnings?.length).toBeGreaterThanOrEqual(2);
  });
});

describe('the replay upstream', () => {
  const gateway = createGateway({ models: defaultReplayModels(), log: () => {} });

  it('answers a Claude request offline, translated', async () => {
    const response = await gateway(post({ model: 'replay/claude', messages: [{ role: 'user', content: 'Weather in Boston?' }], tools: [{ type: 'function', function: { name: 'get_current_weather', parameters: { type: 'object', properties: {} } } }] }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { object: string; choices: { message: { tool_calls?: unknown[] }; finish_reason: string }[] };
    expect(body.object).toBe('chat.completion');
    expect(body.choices[0]!.finish_reason).toBe('tool_calls');
  });

  it('streams a Gemini answer offline, ending with [DONE]', async () => {
    const response = await gateway(post({ model: 'replay/gemini', stream: true, messages: [{ role: 'user', content: 'Describe' }] }));
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('"object":"chat.completion.chunk"');
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });
});

describe('the log line of a stream', () => {
  it('is written when the stream is over, saying how it ended', async () => {
    const lines: GatewayLogLine[] = [];
    const gateway = createGateway({
      upstreams: { anthropic: { apiKey: SECRET, baseUrl: 'http://anthropic.test' } },
      prefixes: [{ prefix: 'claude', upstream: 'anthropic' }],
      // A stream that stops before message_stop.
      fetch: (async () =>
        new Response(
          'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-3-5-haiku","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":1}}}\n\n',
          { status: 200, headers: { 'content-type': 'text/event-stream' } },
        )) as unknown as typeof fetch,
      log: (line) => lines.push(line),
    });
    const response = await gateway(post({ ...CLAUDE_REQUEST, stream: true }));
    expect(lines).toHaveLength(0);
    const text = await response.text();
    expect(text).toContain('"error"');
    await vi.waitFor(() => expect(lines).toHaveLength(1));
    expect(lines[0]).toMatchObject({ status: 200, stream: true, model: 'claude-3-5-haiku' });
    expect(lines[0]!).not.toHaveProperty('streamFinished');
  });
});

describe('createGatewayCore', () => {
  // The body as an async generator, the way a Node Readable yields its chunks.
  const chat = (model: string) => ({
    method: 'POST',
    path: '/v1/chat/completions',
    header: (name: string) => (name === 'content-type' ? 'application/json' : null),
    body: (async function* () {
      yield new TextEncoder().encode(JSON.stringify({ model, messages: [{ role: 'user', content: 'Hi' }] }));
    })(),
  });

  it('reads a body given as an async iterable and answers a string reply', async () => {
    const core = createGatewayCore({
      upstreams: { anthropic: { apiKey: SECRET, baseUrl: 'http://anthropic.test' } },
      prefixes: [{ prefix: 'claude', upstream: 'anthropic' }],
      fetch: okFetch,
      log: () => {},
    });
    const reply = await core(chat('claude-3-5-haiku'));
    expect(reply.status).toBe(200);
    expect(typeof reply.body).toBe('string');
    expect(JSON.parse(reply.body as string).choices[0].message.content).toBe('Hello!');
  });

  it('logs a complete reply when the adapter says it is written (afterReply), and at once without that hook', async () => {
    const lines: GatewayLogLine[] = [];
    const core = createGatewayCore({
      upstreams: { anthropic: { apiKey: SECRET, baseUrl: 'http://anthropic.test' } },
      prefixes: [{ prefix: 'claude', upstream: 'anthropic' }],
      fetch: okFetch,
      log: (line) => lines.push(line),
    });
    let written: (() => void) | undefined;
    const reply = await core({ ...chat('claude-3-5-haiku'), afterReply: (callback) => (written = callback) });
    expect(reply.status).toBe(200);
    expect(lines).toEqual([]);
    written!();
    expect(lines).toEqual([expect.objectContaining({ path: '/v1/chat/completions', status: 200, model: 'claude-3-5-haiku' })]);
    expect(JSON.stringify(lines)).not.toContain(SECRET);

    await core(chat('claude-3-5-haiku'));
    expect(lines).toHaveLength(2);
  });

  it('says so when no upstream is configured at all (no key, no replay upstream)', async () => {
    const core = createGatewayCore({ log: () => {} });
    const reply = await core(chat('claude-3-5-haiku'));
    expect(reply.status).toBe(503);
    const error = JSON.parse(reply.body as string).error;
    expect(error).toMatchObject({ code: 'upstream_not_configured', param: 'model' });
    expect(error.message).toContain('ANTHROPIC_API_KEY');
  });

  it('answers 503 replay_unavailable for a replay model when built without replayFetch', async () => {
    const core = createGatewayCore({ models: defaultReplayModels(), log: () => {} });
    const reply = await core(chat('replay/claude'));
    expect(reply.status).toBe(503);
    expect(JSON.parse(reply.body as string).error).toMatchObject({ code: 'replay_unavailable' });
  });

  it('createGateway serves the replay models from the embedded recordings by default', async () => {
    const gateway = createGateway({ models: defaultReplayModels(), log: () => {} });
    const response = await gateway(post({ model: 'replay/claude', messages: [{ role: 'user', content: 'Hi' }] }));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { object: string }).object).toBe('chat.completion');
  });
});

describe('createGateway: Anthropic settings reach the mapping', () => {
  function capture(extra: Partial<GatewayOptions>) {
    const sent: { headers: Headers; body: Record<string, unknown> }[] = [];
    const fetchImplementation = (async (_url: string, init: RequestInit) => {
      sent.push({ headers: new Headers(init.headers), body: JSON.parse(String(init.body)) });
      return new Response(JSON.stringify(ANTHROPIC_REPLY), { status: 200 });
    }) as unknown as typeof fetch;
    return { sent, ...gatewayWith(fetchImplementation, extra) };
  }

  it("promptCaching 'auto' adds Anthropic's automatic caching; without it nothing is added", async () => {
    const on = capture({ upstreams: { anthropic: { apiKey: SECRET, baseUrl: 'http://anthropic.test', promptCaching: 'auto' } } });
    expect((await on.gateway(post(CLAUDE_REQUEST))).status).toBe(200);
    expect(on.sent[0]!.body.cache_control).toEqual({ type: 'ephemeral' });
    const off = capture({});
    expect((await off.gateway(post(CLAUDE_REQUEST))).status).toBe(200);
    expect(off.sent[0]!.body).not.toHaveProperty('cache_control');
  });

  it("forwards the client's anthropic-beta header unless the operator turns it off", async () => {
    const forwarded = capture({});
    await forwarded.gateway(post(CLAUDE_REQUEST, { 'anthropic-beta': 'context-1m-2025-08-07' }));
    expect(forwarded.sent[0]!.headers.get('anthropic-beta')).toBe('context-1m-2025-08-07');
    const dropped = capture({ upstreams: { anthropic: { apiKey: SECRET, baseUrl: 'http://anthropic.test', forwardBetaHeader: false } } });
    await dropped.gateway(post(CLAUDE_REQUEST, { 'anthropic-beta': 'context-1m-2025-08-07' }));
    expect(dropped.sent[0]!.headers.get('anthropic-beta')).toBeNull();
  });

  it("applies a model route's capability override (here: no sampling parameters, so temperature is dropped with a warning)", async () => {
    const routed = capture({ models: [{ name: 'house-claude', upstream: 'anthropic', upstreamModel: 'claude-3-5-haiku', capabilities: { samplingParameters: 'none' } }] });
    const response = await routed.gateway(post({ ...CLAUDE_REQUEST, model: 'house-claude', temperature: 0.3 }));
    expect(response.status).toBe(200);
    expect(routed.sent[0]!.body).not.toHaveProperty('temperature');
    expect(response.headers.get('x-interlingua-warnings')).toContain('(temperature)');
    const plain = capture({});
    await plain.gateway(post({ ...CLAUDE_REQUEST, temperature: 0.3 }));
    expect(plain.sent[0]!.body.temperature).toBe(0.3);
  });
});

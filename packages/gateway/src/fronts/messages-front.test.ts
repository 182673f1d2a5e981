/// <reference types="node" />
import Anthropic from '@anthropic-ai/sdk';
import { fixturesRoot } from '@interlingua/conformance/node';
import { createFixedEnvironment } from '@interlingua/openai-schema';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAnthropicSpecValidators } from '../../../messages-schema/test/anthropic-spec-validator.js';
import { createGateway } from '../create-gateway.js';
import { createMessagesFront } from './messages-front.js';
import type { GatewayLogLine, GatewayOptions } from '../gateway-options.js';

/**
 * `/v1/messages` and `/v1/messages/count_tokens` end to end through the gateway, with the official
 * `@anthropic-ai/sdk` as the client (its `fetch` is the gateway handler itself) and mock upstreams answering with
 * recorded Gemini 3 replies (fixtures/gemini, recorded by vercel/ai) or Anthropic-shaped replies.
 */
const SECRET = { anthropic: 'sk-ant-upstream-secret', gemini: 'gemini-upstream-secret', openai: 'sk-openai-upstream-secret' };
const CLIENT_KEY = 'client-key-1';
const spec = createAnthropicSpecValidators();

function recorded(name: string, file: string): string {
  return readFileSync(join(fixturesRoot(), 'gemini', name, file), 'utf8');
}
const GEMINI3_TOOL_CALL = (JSON.parse(recorded('google-tool-call-gemini3', 'upstream-response.json')) as { body: unknown }).body;
const GEMINI3_STREAM = recorded('google-reasoning-gemini3-stream', 'upstream-response.sse');

interface Seen {
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

function setup(reply: (seen: Seen) => Response, extra: Partial<GatewayOptions> = {}) {
  const seen: Seen[] = [];
  const lines: GatewayLogLine[] = [];
  const handler = createGateway({
    keys: [CLIENT_KEY],
    upstreams: {
      anthropic: { apiKey: SECRET.anthropic, baseUrl: 'http://anthropic.test' },
      gemini: { apiKey: SECRET.gemini, baseUrl: 'http://gemini.test' },
      'openai-compatible': { apiKey: SECRET.openai, baseUrl: 'http://openai.test/v1' },
    },
    prefixes: [
      { prefix: 'claude', upstream: 'anthropic' },
      { prefix: 'gemini', upstream: 'gemini' },
      { prefix: 'gpt', upstream: 'openai-compatible' },
    ],
    createEnvironment: () => createFixedEnvironment({ ids: { chatcmpl: ['chatcmpl-m1', 'chatcmpl-m2'] } }),
    // What the Node adapter passes (the Worker has no tokenizer: see packages/workers/src/messages-worker.test.ts).
    tokenCounter: { encoding: 'o200k_base', countTokens },
    log: (line) => lines.push(line),
    fetch: (async (url: string, init: { headers: Record<string, string>; body: string }) => {
      const entry = { url, headers: init.headers, body: JSON.parse(init.body) as Record<string, unknown> };
      seen.push(entry);
      return reply(entry);
    }) as GatewayOptions['fetch'],
    ...extra,
  });
  const client = new Anthropic({ apiKey: CLIENT_KEY, baseURL: 'http://gateway.test', maxRetries: 0, fetch: (input, init) => handler(new Request(input as string, init)) });
  return { handler, client, seen, lines };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const sse = (text: string) => new Response(text, { status: 200, headers: { 'content-type': 'text/event-stream' } });
const weatherTool = { name: 'weather', description: 'Get the weather in a location', input_schema: { type: 'object' as const, properties: { location: { type: 'string' } }, required: ['location'] } };

describe('POST /v1/messages over Gemini 3 (the SDK as the client)', () => {
  it('create: a tool call with its thought signature, and the tool loop sends the signature back to Gemini', async () => {
    const { client, seen, lines } = setup(() => json(GEMINI3_TOOL_CALL));
    const first = await client.messages.create({ model: 'gemini-3-pro-preview', max_tokens: 1024, tools: [weatherTool], messages: [{ role: 'user', content: 'What is the weather in San Francisco?' }] });
    expect(spec.message(first)).toBe(true);
    expect(first.stop_reason).toBe('tool_use');
    expect(first.content[0]).toEqual({ type: 'tool_use', id: 'call_fixture0', name: 'weather', input: { location: 'San Francisco' } });
    expect(first.content[1]?.type).toBe('redacted_thinking');
    // Usage from the recording: promptTokenCount 29; candidates 15 + thoughts 1801.
    expect(first.usage).toMatchObject({ input_tokens: 29, output_tokens: 1816, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 });
    expect(seen[0]!.url).toBe('http://gemini.test/v1beta/models/gemini-3-pro-preview:generateContent');
    expect(seen[0]!.headers['x-goog-api-key']).toBe(SECRET.gemini);

    // The tool loop: the SDK sends the assistant content back as it got it, plus the tool result.
    await client.messages.create({
      model: 'gemini-3-pro-preview',
      max_tokens: 1024,
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'What is the weather in San Francisco?' },
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_fixture0', content: '18 C, sunny' }] },
      ],
    });
    const contents = seen[1]!.body['contents'] as Array<{ role: string; parts: Array<Record<string, unknown>> }>;
    const signature = ((GEMINI3_TOOL_CALL as { candidates: Array<{ content: { parts: Array<{ thoughtSignature: string }> } }> }).candidates[0]!.content.parts[0]!).thoughtSignature;
    expect(contents[1]).toEqual({ role: 'model', parts: [{ functionCall: { name: 'weather', args: { location: 'San Francisco' } }, thoughtSignature: signature }] });
    expect(contents[2]!.parts[0]).toMatchObject({ functionResponse: { name: 'weather' } });
    expect(lines.map((l) => [l.status, l.upstream, l.model])).toEqual([[200, 'gemini', 'gemini-3-pro-preview'], [200, 'gemini', 'gemini-3-pro-preview']]);
    expect(JSON.stringify(lines)).not.toContain(SECRET.gemini);
  });

  it('stream: the SDK accumulates the recorded Gemini 3 stream into a Message (text, trailing signature carried)', async () => {
    const { client, seen } = setup(() => sse(GEMINI3_STREAM));
    const stream = client.messages.stream({ model: 'gemini-3-pro-preview', max_tokens: 1024, thinking: { type: 'adaptive' }, messages: [{ role: 'user', content: 'How many r in strawberry?' }] });
    const events: string[] = [];
    let announced: number | undefined;
    stream.on('streamEvent', (event) => {
      events.push(event.type);
      if (event.type === 'message_start') announced = event.message.usage.input_tokens;
    });
    const final = await stream.finalMessage();
    expect(seen[0]!.url).toBe('http://gemini.test/v1beta/models/gemini-3-pro-preview:streamGenerateContent?alt=sse');
    expect((seen[0]!.body['generationConfig'] as Record<string, unknown>)['thinkingConfig']).toMatchObject({ includeThoughts: true, thinkingLevel: 'HIGH' });
    expect(events[0]).toBe('message_start');
    expect(events.at(-1)).toBe('message_stop');
    const text = final.content.find((block) => block.type === 'text');
    expect(text?.type === 'text' && text.text.startsWith('There are **3** "r"s in strawberry.')).toBe(true);
    expect(final.content.at(-1)?.type).toBe('redacted_thinking');
    expect(final.stop_reason).toBe('end_turn');
    // message_start announced an o200k_base estimate of the prompt (not 0); message_delta brought Gemini's count, 9.
    expect(announced).toBeGreaterThan(9);
    expect(final.usage.input_tokens).toBe(9);
  });

  it('stream tool loop with thinking: the recorded signed Gemini 3 call streams as tool_use, and the signature goes back', async () => {
    const wire = recorded('google-tool-call-gemini3-stream', 'upstream-response.sse');
    const signature = /"thoughtSignature":"([^"]+)"/.exec(wire)![1]!;
    const { client, seen } = setup(() => (seen.length === 1 ? sse(wire) : json({ candidates: [{ content: { role: 'model', parts: [{ text: 'It is 18 C.' }] }, finishReason: 'STOP', index: 0 }] })));
    const first = await client.messages
      .stream({ model: 'gemini-3-pro-preview', max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 1024 }, tools: [weatherTool], messages: [{ role: 'user', content: 'What is the weather in San Francisco?' }] })
      .finalMessage();
    expect(first.stop_reason).toBe('tool_use');
    expect(first.content.map((block) => block.type)).toEqual(['tool_use', 'redacted_thinking']);
    // Recorded usage: prompt 29; candidates 15 + thoughts 804.
    expect([first.usage.input_tokens, first.usage.output_tokens]).toEqual([29, 819]);
    const toolUse = first.content[0]!;
    if (toolUse.type !== 'tool_use') throw new Error('expected tool_use');
    const second = await client.messages.create({
      model: 'gemini-3-pro-preview',
      max_tokens: 2048,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'What is the weather in San Francisco?' },
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: '18 C' }] },
      ],
    });
    expect(second.content).toEqual([{ type: 'text', text: 'It is 18 C.', citations: null }]);
    const modelTurn = (seen[1]!.body['contents'] as Array<{ role: string; parts: unknown[] }>)[1]!;
    expect(modelTurn).toEqual({ role: 'model', parts: [{ functionCall: { name: 'weather', args: { location: 'San Francisco' } }, thoughtSignature: signature }] });
  });

  it('an overloaded Gemini (503 UNAVAILABLE) is a 529 overloaded_error in Anthropic\'s envelope', async () => {
    const { handler } = setup(() => json({ error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' } }, 503));
    const response = await handler(new Request('http://gateway.test/v1/messages', { method: 'POST', headers: { 'x-api-key': CLIENT_KEY, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gemini-2.5-flash', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }) }));
    expect(response.status).toBe(529);
    const body = await response.json();
    expect(body).toEqual({ type: 'error', error: { type: 'overloaded_error', message: 'The model is overloaded. Please try again later.' }, request_id: null });
    expect(spec.errorResponse(body)).toBe(true);
  });

  it('gateway checks answer in Anthropic\'s envelope: a missing key (401), a server tool (400 naming the field), an unknown model (404)', async () => {
    const { handler, seen } = setup(() => json({}));
    const post = (body: unknown, headers: Record<string, string> = { 'x-api-key': CLIENT_KEY }) =>
      handler(new Request('http://gateway.test/v1/messages', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }));
    const base = { model: 'gemini-2.5-flash', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] };
    const noKey = await post(base, {});
    expect([noKey.status, await noKey.json()]).toEqual([401, { type: 'error', error: { type: 'authentication_error', message: 'Missing API key: send it as "x-api-key: <key>" or "Authorization: Bearer <key>".' }, request_id: null }]);
    const bearer = await post(base, { authorization: 'Bearer wrong' });
    expect(bearer.status).toBe(401);
    const serverTool = await post({ ...base, tools: [{ type: 'web_search_20250305', name: 'web_search' }] });
    expect(serverTool.status).toBe(400);
    expect(((await serverTool.json()) as { error: { message: string } }).error.message).toMatch(/^tools\.0\.type: /);
    const unknown = await post({ ...base, model: 'mistral-large' });
    expect([unknown.status, ((await unknown.json()) as { error: { type: string } }).error.type]).toEqual([404, 'not_found_error']);
    expect(seen).toEqual([]);
  });

  it('strict mode (the gateway\'s `strict`) rejects a field the hub cannot carry instead of dropping it', async () => {
    const { handler, seen } = setup(() => json(GEMINI3_TOOL_CALL), { strict: true });
    const response = await handler(new Request('http://gateway.test/v1/messages', { method: 'POST', headers: { 'x-api-key': CLIENT_KEY }, body: JSON.stringify({ model: 'gemini-3-pro-preview', max_tokens: 10, container: 'cntr_1', messages: [{ role: 'user', content: 'x' }] }) }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/^container: /);
    expect(seen).toEqual([]);
  });

  it('warns about an anthropic-beta the translated path cannot honour', async () => {
    const { client } = setup(() => json(GEMINI3_TOOL_CALL));
    const response = await client.messages.create({ model: 'gemini-3-pro-preview', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }, { headers: { 'anthropic-beta': 'context-1m-2025-08-07' } }).asResponse();
    expect(response.headers.get('x-interlingua-warnings')).toContain('beta_not_honoured(anthropic-beta)');
  });
});

describe('POST /v1/messages over an OpenAI-compatible upstream (DeepSeek-style reasoning_content)', () => {
  it('create: the hub request goes out as is; reasoning_content becomes a thinking block, cached tokens cache reads', async () => {
    const completion = {
      id: 'chatcmpl-ds1', object: 'chat.completion', created: 1, model: 'gpt-5',
      choices: [{ index: 0, finish_reason: 'tool_calls', message: { role: 'assistant', content: 'Checking.', reasoning_content: 'Need the tool.', tool_calls: [{ id: 'call_ds1', type: 'function', function: { name: 'weather', arguments: '{"location":"Paris"}' } }] } }],
      usage: { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150, prompt_tokens_details: { cached_tokens: 100 } },
    };
    const { client, seen } = setup(() => json(completion));
    const message = await client.messages.create({ model: 'gpt-5', max_tokens: 500, system: 'Be brief.', tools: [weatherTool], tool_choice: { type: 'any' }, messages: [{ role: 'user', content: 'Weather in Paris?' }] });
    expect(seen[0]!.url).toBe('http://openai.test/v1/chat/completions');
    expect(seen[0]!.headers['authorization']).toBe(`Bearer ${SECRET.openai}`);
    expect(seen[0]!.body).toEqual({
      model: 'gpt-5',
      max_completion_tokens: 500,
      messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Weather in Paris?' }],
      tools: [{ type: 'function', function: { name: 'weather', description: weatherTool.description, parameters: weatherTool.input_schema } }],
      tool_choice: 'required',
    });
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'Need the tool.', signature: '' },
      { type: 'text', text: 'Checking.', citations: null },
      { type: 'tool_use', id: 'call_ds1', name: 'weather', input: { location: 'Paris' } },
    ]);
    expect(message.usage).toMatchObject({ input_tokens: 20, cache_read_input_tokens: 100, cache_creation_input_tokens: 0, output_tokens: 30 });
    expect(spec.message(message)).toBe(true);
  });

  it('stream: the upstream\'s chunks (reasoning, text, a tool call, usage) become the Anthropic event grammar', async () => {
    const chunk = (delta: Record<string, unknown>, finish: string | null = null) => `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'gpt-5', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    const wire =
      chunk({ role: 'assistant', content: '' }) + chunk({ reasoning_content: 'Hmm.' }) + chunk({ content: 'On it.' }) +
      chunk({ tool_calls: [{ index: 0, id: 'call_s1', type: 'function', function: { name: 'weather', arguments: '' } }] }) +
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"location":' } }] }) + chunk({ tool_calls: [{ index: 0, function: { arguments: '"Rome"}' } }] }) +
      chunk({}, 'tool_calls') + `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'gpt-5', choices: [], usage: { prompt_tokens: 40, completion_tokens: 12, total_tokens: 52 } })}\n\ndata: [DONE]\n\n`;
    const { client, seen } = setup(() => sse(wire));
    const final = await client.messages.stream({ model: 'gpt-5', max_tokens: 500, tools: [weatherTool], messages: [{ role: 'user', content: 'Weather in Rome?' }] }).finalMessage();
    expect(seen[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(final.content).toEqual([
      { type: 'thinking', thinking: 'Hmm.', signature: '' },
      { type: 'text', text: 'On it.', citations: null },
      { type: 'tool_use', id: 'call_s1', name: 'weather', input: { location: 'Rome' } },
    ]);
    expect([final.stop_reason, final.usage.input_tokens, final.usage.output_tokens]).toEqual(['tool_use', 40, 12]);
  });
});

describe('POST /v1/messages to the Anthropic upstream: passed through', () => {
  const anthropicMessage = { id: 'msg_01X', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5-20250929', content: [{ type: 'text', text: 'Hi', citations: null }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 5, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, cache_creation: null, server_tool_use: null, service_tier: 'standard' } };

  it('sends the body unchanged (server tools and all) but for the routed model and the key; returns the reply as sent', async () => {
    const { client, seen } = setup(() => json(anthropicMessage, 200, { 'request-id': 'req_1' }), { models: [{ name: 'claude-fast', upstream: 'anthropic', upstreamModel: 'claude-haiku-4-5' }] });
    const body = { model: 'claude-fast', max_tokens: 50, messages: [{ role: 'user' as const, content: 'Hi' }], tools: [{ type: 'web_search_20250305' as const, name: 'web_search' as const, max_uses: 2 }], context_management: { edits: [] } };
    const reply = await client.messages.create(body as never, { headers: { 'anthropic-beta': 'context-management-2025-06-27' } });
    expect(reply).toEqual(anthropicMessage);
    expect(seen[0]!.url).toBe('http://anthropic.test/v1/messages');
    expect(seen[0]!.body).toEqual({ ...body, model: 'claude-haiku-4-5' });
    expect(seen[0]!.headers).toMatchObject({ 'x-api-key': SECRET.anthropic, 'anthropic-version': '2026-10-21', 'anthropic-beta': 'context-management-2025-06-27' });
  });

  it('keeps the gateway\'s message-count limit (413 in Anthropic\'s envelope, nothing sent)', async () => {
    const { handler, seen } = setup(() => json(anthropicMessage), { limits: { maxMessages: 2 } });
    const messages = [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }, { role: 'user', content: 'c' }];
    const response = await handler(new Request('http://gateway.test/v1/messages', { method: 'POST', headers: { 'x-api-key': CLIENT_KEY }, body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 10, messages }) }));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { type: string } }).error.type).toBe('request_too_large');
    expect(seen).toEqual([]);
  });

  it('streams Anthropic\'s bytes through unchanged, and its errors with their status', async () => {
    const wire = [
      'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":5,"output_tokens":1}}}\n\n',
      'event: ping\ndata: {"type": "ping"}\n\n',
      'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n',
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}\n\n',
      'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n',
      'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":2}}\n\n',
      'event: message_stop\ndata: {"type":"message_stop"}\n\n',
    ].join('');
    const { handler } = setup(() => sse(wire));
    const response = await handler(new Request('http://gateway.test/v1/messages', { method: 'POST', headers: { authorization: `Bearer ${CLIENT_KEY}` }, body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'Hi' }] }) }));
    expect(await response.text()).toBe(wire);

    const overloaded = setup(() => json({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' }, request_id: 'req_2' }, 529));
    const failed = await overloaded.handler(new Request('http://gateway.test/v1/messages', { method: 'POST', headers: { 'x-api-key': CLIENT_KEY }, body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }) }));
    expect([failed.status, await failed.json()]).toEqual([529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' }, request_id: 'req_2' }]);
  });
});

describe('POST /v1/messages/count_tokens', () => {
  const body = { model: '', system: 'Be brief.', messages: [{ role: 'user', content: 'Hello, world' }], tools: [weatherTool] };
  const count = (handler: (request: Request) => Promise<Response>, model: string) =>
    handler(new Request('http://gateway.test/v1/messages/count_tokens', { method: 'POST', headers: { 'x-api-key': CLIENT_KEY }, body: JSON.stringify({ ...body, model }) }));

  it('Anthropic: passed through', async () => {
    const { handler, seen } = setup(() => json({ input_tokens: 403 }));
    const response = await count(handler, 'claude-sonnet-4-5');
    expect([response.status, await response.json(), response.headers.get('x-interlingua-token-count')]).toEqual([200, { input_tokens: 403 }, 'upstream']);
    expect(seen[0]!.url).toBe('http://anthropic.test/v1/messages/count_tokens');
    expect(seen[0]!.body).toEqual({ ...body, model: 'claude-sonnet-4-5' });
  });

  it('Gemini: countTokens with the mapped request as generateContentRequest', async () => {
    const { handler, seen } = setup(() => json({ totalTokens: 31, promptTokensDetails: [{ modality: 'TEXT', tokenCount: 31 }] }));
    const response = await count(handler, 'gemini-2.5-flash');
    expect([response.status, await response.json(), response.headers.get('x-interlingua-token-count')]).toEqual([200, { input_tokens: 31 }, 'upstream']);
    expect(seen[0]!.url).toBe('http://gemini.test/v1beta/models/gemini-2.5-flash:countTokens');
    expect(seen[0]!.body).toEqual({
      generateContentRequest: {
        model: 'models/gemini-2.5-flash',
        systemInstruction: { parts: [{ text: 'Be brief.' }] },
        contents: [{ role: 'user', parts: [{ text: 'Hello, world' }] }],
        tools: [{ functionDeclarations: [{ name: 'weather', description: 'Get the weather in a location', parametersJsonSchema: weatherTool.input_schema }] }],
      },
    });
  });

  it('without a tokenizer (a Worker), an OpenAI-compatible model\'s count is a 501 in Anthropic\'s envelope', async () => {
    const { handler } = setup(() => json({}), { tokenCounter: undefined });
    const response = await count(handler, 'gpt-5');
    expect(response.status).toBe(501);
    expect(((await response.json()) as { error: { type: string } }).error.type).toBe('api_error');
  });

  it('OpenAI-compatible: an estimate with the o200k_base tokenizer, said so in a header, no upstream call', async () => {
    const { handler, seen } = setup(() => json({}));
    const response = await count(handler, 'gpt-5');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-interlingua-token-count')).toBe('estimate; tokenizer=o200k_base');
    const { input_tokens } = (await response.json()) as { input_tokens: number };
    // "Be brief." is 3 o200k tokens, "Hello, world" 3; 2 messages × 3 + 3 priming; the tool JSON adds the rest.
    expect(input_tokens).toBeGreaterThan(3 + 3 + 2 * 3 + 3);
    expect(seen).toEqual([]);
  });
});

describe('a tokenizer given as a loader (what the Node adapter passes)', () => {
  const countBody = { model: 'gpt-5', system: 'Be brief.', messages: [{ role: 'user', content: 'Hello, world' }], tools: [weatherTool] };
  const count = (handler: (request: Request) => Promise<Response>) =>
    handler(new Request('http://gateway.test/v1/messages/count_tokens', { method: 'POST', headers: { 'x-api-key': CLIENT_KEY }, body: JSON.stringify(countBody) }));
  const streamRequest = (handler: (request: Request) => Promise<Response>) =>
    handler(
      new Request('http://gateway.test/v1/messages', {
        method: 'POST',
        headers: { 'x-api-key': CLIENT_KEY, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gemini-3-pro-preview', max_tokens: 1024, stream: true, messages: [{ role: 'user', content: 'How many r in strawberry?' }] }),
      }),
    );
  const announcedInputTokens = (text: string) => {
    const start = /event: message_start\ndata: (.*)\n/.exec(text)![1]!;
    return (JSON.parse(start) as { message: { usage: { input_tokens: number } } }).message.usage.input_tokens;
  };
  /** A loader giving o200k_base after the test lets it, counting its calls; `failures` first loads fail. */
  function loader(failures = 0) {
    const state = { calls: 0, release: () => {} };
    const released = new Promise<void>((resolve) => (state.release = resolve));
    const load = async () => {
      state.calls++;
      await released;
      if (state.calls <= failures) throw new Error('Cannot find package gpt-tokenizer');
      return countTokens;
    };
    return { state, load };
  }

  it('count_tokens: concurrent requests wait for one load and get what the counter given at once gives', async () => {
    const eager = await (await count(setup(() => json({})).handler)).json();
    const { state, load } = loader();
    const { handler } = setup(() => json({}), { tokenCounter: { encoding: 'o200k_base', load } });
    const pending = [count(handler), count(handler)];
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(state.calls).toBe(1);
    state.release();
    const responses = await Promise.all(pending);
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.headers.get('x-interlingua-token-count')).toBe('estimate; tokenizer=o200k_base');
      expect(await response.json()).toEqual(eager);
    }
    expect((await (await count(handler)).json())).toEqual(eager);
    expect(state.calls).toBe(1);
  });

  it('a stream\'s message_start: the same estimate as with the counter given at once', async () => {
    const eagerText = await (await streamRequest(setup(() => sse(GEMINI3_STREAM)).handler)).text();
    const { state, load } = loader();
    state.release();
    const { handler } = setup(() => sse(GEMINI3_STREAM), { tokenCounter: { encoding: 'o200k_base', load } });
    const response = await streamRequest(handler);
    const text = await response.text();
    expect(announcedInputTokens(eagerText)).toBeGreaterThan(9);
    expect(announcedInputTokens(text)).toBe(announcedInputTokens(eagerText));
    expect(response.headers.get('x-interlingua-warnings')).toBeNull();
    expect(state.calls).toBe(1);
  });

  it('a failed load: count_tokens answers 500 in Anthropic\'s envelope and says so in the log; the next request loads again', async () => {
    const { state, load } = loader(1);
    state.release();
    const { handler, lines } = setup(() => json({}), { tokenCounter: { encoding: 'o200k_base', load } });
    const failed = await count(handler);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({
      type: 'error',
      error: { type: 'api_error', message: "The gateway's o200k_base tokenizer failed to load; the next request tries again." },
      request_id: null,
    });
    expect(lines[0]).toMatchObject({ status: 500, error: 'token_counter_failed: Cannot find package gpt-tokenizer' });
    const retried = await count(handler);
    expect(retried.status).toBe(200);
    expect(state.calls).toBe(2);
  });

  it('a failed load: a stream still runs, message_start says 0 with a warning, message_delta carries Gemini\'s count', async () => {
    const { state, load } = loader(1);
    state.release();
    const { handler, lines } = setup(() => sse(GEMINI3_STREAM), { tokenCounter: { encoding: 'o200k_base', load } });
    const response = await streamRequest(handler);
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(announcedInputTokens(text)).toBe(0);
    expect(text).toContain('"usage":{"input_tokens":9');
    expect(response.headers.get('x-interlingua-warnings')).toContain('token_estimate_unavailable');
    expect(JSON.stringify(lines[0]!.warnings)).toContain('token_estimate_unavailable');
  });
});

describe('createMessagesFront on its own (other gateways compose the fronts)', () => {
  const body = { model: 'gpt-5', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'Hello, world' }] };
  const request = { header: () => null } as unknown as Parameters<ReturnType<typeof createMessagesFront>['toChatRequest']>[1];

  it('takes a counter given at once, as GatewayOptions.tokenCounter does, and estimates a stream\'s input at once', () => {
    const front = createMessagesFront({ tokenCounter: { encoding: 'o200k_base', countTokens } });
    const result = front.toChatRequest(body, request);
    expect(result).not.toBeInstanceOf(Promise);
    const accepted = result as Extract<Awaited<typeof result>, { ok: true }>;
    expect(accepted.ok).toBe(true);
    // "Hello, world" is 3 o200k tokens; one message (3) and the reply's priming (3).
    expect((accepted.context as { inputTokens?: number }).inputTokens).toBe(9);
  });

  it('takes a loader, and loads it once for every request', async () => {
    let loads = 0;
    const front = createMessagesFront({ tokenCounter: { encoding: 'o200k_base', load: async () => (loads++, countTokens) } });
    const results = await Promise.all([front.toChatRequest(body, request), front.toChatRequest(body, request)]);
    for (const result of results) expect((result as { context: { inputTokens?: number } }).context.inputTokens).toBe(9);
    expect(loads).toBe(1);
  });
});

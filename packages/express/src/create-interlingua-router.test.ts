import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { createOpenAISpecValidator, serveOnLoopback, type LoopbackServer } from '@interlingua/conformance/node';
import { createReplayFetch } from '@interlingua/gateway';
import { generateText, jsonSchema, stepCountIs, streamText, tool } from 'ai';
import express from 'express';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInterlinguaRouter } from './create-interlingua-router.js';

const validator = createOpenAISpecValidator();
const UPSTREAM_KEY = 'sk-upstream-secret-for-tests';
const replay = createReplayFetch({ eventIntervalMs: 0 });

let upstream: LoopbackServer;
let gateway: LoopbackServer;
const upstreamRequests: { path: string; key: string | null }[] = [];
const gatewayResponses: string[] = [];
let logLines = '';

/** Wraps fetch so every gateway response body is kept for the schema and secret checks. */
const recordingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const [forCaller, forRecord] = response.body ? response.body.tee() : [null, null];
  if (forRecord) void new Response(forRecord).text().then((text) => gatewayResponses.push(text));
  return new Response(forCaller, { status: response.status, headers: response.headers });
};

beforeAll(async () => {
  // The mock upstream answers Anthropic and Gemini requests with recorded replies, on 127.0.0.1.
  upstream = await serveOnLoopback(async (request) => {
    const url = new URL(request.url);
    upstreamRequests.push({ path: url.pathname, key: request.headers.get('x-api-key') ?? request.headers.get('x-goog-api-key') });
    return replay(request.url, { method: 'POST', body: await request.text() });
  });
  const app = express();
  app.use(
    createInterlinguaRouter({
      upstreams: { anthropic: { apiKey: UPSTREAM_KEY, baseUrl: upstream.url }, gemini: { apiKey: UPSTREAM_KEY, baseUrl: upstream.url } },
      prefixes: [
        { prefix: 'claude', upstream: 'anthropic' },
        { prefix: 'gemini', upstream: 'gemini' },
      ],
      log: (line) => {
        logLines += JSON.stringify(line) + '\n';
      },
    }),
  );
  gateway = await new Promise<LoopbackServer>((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const address = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${address.port}`,
        server: server as unknown as LoopbackServer['server'],
        close: () => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }),
      });
    });
  });
});

afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
});

const client = () => new OpenAI({ apiKey: 'client-key', baseURL: `${gateway.url}/v1`, fetch: recordingFetch, maxRetries: 0 });
// The replay upstream answers with recorded tool calls: the Claude recording calls `get_current_weather`, the
// Gemini one `weather`; both are offered.
const weatherParameters = { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] };
const weatherTools = ['get_current_weather', 'weather'].map((name) => ({
  type: 'function' as const,
  function: { name, description: 'Get the current weather in a given location', parameters: weatherParameters },
}));

describe.each(['claude-3-5-haiku', 'gemini-1.5-pro-002'])('the openai SDK through Express → %s', (model) => {
  it('chat.completions.create without stream', async () => {
    const completion = await client().chat.completions.create({ model, messages: [{ role: 'user', content: 'Hello' }] });
    expect(completion.object).toBe('chat.completion');
    expect(completion.choices).toHaveLength(1);
    expect(validator.completion(completion)).toEqual([]);
  });

  it('chat.completions.create with stream', async () => {
    const stream = await client().chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'Hello' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(validator.chunk(chunk)).toEqual([]);
    expect(chunks.at(-1)!.usage?.total_tokens).toBeGreaterThan(0);
    expect(chunks.filter((chunk) => chunk.choices[0]?.finish_reason)).toHaveLength(1);
  });

  it('.stream() with finalChatCompletion()', async () => {
    const runner = client().chat.completions.stream({ model, messages: [{ role: 'user', content: 'Hello' }] });
    const final = await runner.finalChatCompletion();
    expect(final.choices[0]!.message.role).toBe('assistant');
    expect(final.choices[0]!.finish_reason).toBeTruthy();
  });

  it('a tool-call round trip', async () => {
    const openai = client();
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: "What's the weather like in Boston today?" }];
    const first = await openai.chat.completions.create({ model, messages, tools: weatherTools });
    expect(validator.completion(first)).toEqual([]);
    const call = first.choices[0]!.message.tool_calls?.[0];
    expect(first.choices[0]!.finish_reason).toBe('tool_calls');
    expect(call?.type).toBe('function');
    if (call?.type !== 'function') return;
    expect(['get_current_weather', 'weather']).toContain(call.function.name);
    expect(() => JSON.parse(call.function.arguments)).not.toThrow();
    messages.push(first.choices[0]!.message, { role: 'tool', tool_call_id: call.id, content: '{"temperature":"54F"}' });
    const second = await openai.chat.completions.create({ model, messages, tools: weatherTools });
    expect(validator.completion(second)).toEqual([]);
    expect(second.choices[0]!.finish_reason).toBe('stop');
  });
});

describe('the Vercel AI SDK through Express (@ai-sdk/openai-compatible)', () => {
  const provider = () =>
    createOpenAICompatible({ name: 'interlingua', baseURL: `${gateway.url}/v1`, apiKey: 'client-key', includeUsage: true, fetch: recordingFetch });

  it.each(['claude-3-5-haiku', 'gemini-1.5-pro-002'])('generateText → %s', async (model) => {
    const result = await generateText({ model: provider()(model), prompt: 'Hello' });
    expect(result.text.length).toBeGreaterThan(0);
    expect(result.finishReason).toBe('stop');
  });

  it.each(['claude-3-5-haiku', 'gemini-1.5-pro-002'])('streamText with tools → %s', async (model) => {
    const calls: unknown[] = [];
    const result = streamText({
      model: provider()(model),
      prompt: "What's the weather like in Boston today?",
      tools: Object.fromEntries(
        ['get_current_weather', 'weather'].map((name) => [
          name,
          tool({
            description: 'Get the current weather in a given location',
            inputSchema: jsonSchema<{ location: string }>({ type: 'object', properties: { location: { type: 'string' } }, required: ['location'] }),
            execute: async (input) => {
              calls.push(input);
              return { temperature: '54F' };
            },
          }),
        ]),
      ),
      stopWhen: stepCountIs(2),
    });
    await result.consumeStream();
    expect(calls.length).toBeGreaterThanOrEqual(1);
    expect(await result.finishReason).toBe('stop');
  });
});

describe('what the clients received', () => {
  it('every chunk and body validates against the OpenAI spec, and no upstream key leaked', () => {
    expect(gatewayResponses.length).toBeGreaterThan(0);
    for (const text of gatewayResponses) {
      expect(text).not.toContain(UPSTREAM_KEY);
      if (text.startsWith('data: ')) {
        for (const frame of text.split('\n\n').filter(Boolean)) {
          const data = frame.slice('data: '.length);
          if (data !== '[DONE]') expect(validator.chunk(JSON.parse(data))).toEqual([]);
        }
      } else {
        const body = JSON.parse(text);
        expect(body.error ? validator.error(body) : validator.completion(body)).toEqual([]);
      }
    }
    expect(logLines).not.toContain(UPSTREAM_KEY);
    expect(upstreamRequests.every((request) => request.key === UPSTREAM_KEY)).toBe(true);
  });
});

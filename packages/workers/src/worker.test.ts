/// <reference types="node" />
import { createOpenAISpecValidator, serveOnLoopback, type LoopbackServer } from '@interlingua/conformance/node';
import { createReplayFetch } from '@interlingua/gateway';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateText, jsonSchema, stepCountIs, streamText, tool } from 'ai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopbackUpstreamBindings, startWorker, type StartedWorker } from '../test/start-worker.js';

const UPSTREAM_KEY = 'sk-upstream-secret-for-workers';
const validator = createOpenAISpecValidator();
const replay = createReplayFetch({ eventIntervalMs: 0 });
let upstream: LoopbackServer;
let worker: StartedWorker;
let baseURL: string;

beforeAll(async () => {
  upstream = await serveOnLoopback(async (request) => replay(request.url, { method: 'POST', body: await request.text() }));
  worker = await startWorker({ bindings: loopbackUpstreamBindings(upstream.url, UPSTREAM_KEY, 'worker-client-key') });
  baseURL = worker.baseURL;
}, 60_000);

afterAll(async () => {
  await worker?.dispose();
  await upstream?.close();
});

describe('the Worker in workerd (miniflare)', () => {
  const client = () => new OpenAI({ apiKey: 'worker-client-key', baseURL, maxRetries: 0 });

  it('refuses a request without the gateway key', async () => {
    const response = await fetch(`${baseURL}/chat/completions`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(401);
    expect(validator.error(await response.json())).toEqual([]);
  });

  it.each(['claude-3-5-haiku', 'gemini-1.5-pro-002'])('answers %s non-streamed', async (model) => {
    const completion = await client().chat.completions.create({ model, messages: [{ role: 'user', content: 'Hello' }] });
    expect(validator.completion(completion)).toEqual([]);
    expect(JSON.stringify(completion)).not.toContain(UPSTREAM_KEY);
  });

  it.each(['claude-3-5-haiku', 'gemini-1.5-pro-002'])('streams %s', async (model) => {
    const stream = await client().chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'Hello' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    for (const chunk of chunks) expect(validator.chunk(chunk)).toEqual([]);
    expect(chunks.filter((chunk) => chunk.choices[0]?.finish_reason)).toHaveLength(1);
    expect(chunks.at(-1)!.usage).toBeTruthy();
  });

  it('makes a tool call', async () => {
    const completion = await client().chat.completions.create({
      model: 'claude-3-5-haiku',
      messages: [{ role: 'user', content: "What's the weather like in Boston today?" }],
      tools: [{ type: 'function', function: { name: 'get_current_weather', parameters: { type: 'object', properties: { location: { type: 'string' } } } } }],
    });
    expect(completion.choices[0]!.finish_reason).toBe('tool_calls');
    expect(validator.completion(completion)).toEqual([]);
  });
});

// The replay recordings call `get_current_weather` (Claude) and `weather` (Gemini); both are offered.
const TOOL_NAMES = ['get_current_weather', 'weather'];
const weatherParameters = { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] };

describe.each(['claude-3-5-haiku', 'gemini-1.5-pro-002'])('real clients through the Worker → %s', (model) => {
  const client = () => new OpenAI({ apiKey: 'worker-client-key', baseURL, maxRetries: 0 });

  it('openai SDK: .stream() with finalChatCompletion()', async () => {
    const final = await client().chat.completions.stream({ model, messages: [{ role: 'user', content: 'Hello' }] }).finalChatCompletion();
    expect(final.choices[0]!.message.role).toBe('assistant');
    expect(final.choices[0]!.finish_reason).toBe('stop');
  });

  it('openai SDK: a tool-call round trip', async () => {
    const openai = client();
    const tools = TOOL_NAMES.map((name) => ({ type: 'function' as const, function: { name, parameters: weatherParameters } }));
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: "What's the weather like in Boston today?" }];
    const first = await openai.chat.completions.create({ model, messages, tools });
    expect(validator.completion(first)).toEqual([]);
    expect(first.choices[0]!.finish_reason).toBe('tool_calls');
    const call = first.choices[0]!.message.tool_calls![0]!;
    messages.push(first.choices[0]!.message, { role: 'tool', tool_call_id: call.id, content: '{"temperature":"54F"}' });
    const second = await openai.chat.completions.create({ model, messages, tools });
    expect(validator.completion(second)).toEqual([]);
    expect(second.choices[0]!.finish_reason).toBe('stop');
  });

  const provider = () => createOpenAICompatible({ name: 'interlingua-worker', baseURL, apiKey: 'worker-client-key', includeUsage: true });

  it('AI SDK: generateText', async () => {
    const result = await generateText({ model: provider()(model), prompt: 'Hello' });
    expect(result.text.length).toBeGreaterThan(0);
    expect(result.finishReason).toBe('stop');
  });

  it('AI SDK: streamText with tools', async () => {
    const calls: unknown[] = [];
    const result = streamText({
      model: provider()(model),
      prompt: "What's the weather like in Boston today?",
      tools: Object.fromEntries(
        TOOL_NAMES.map((name) => [
          name,
          tool({
            inputSchema: jsonSchema<{ location: string }>(weatherParameters as never),
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

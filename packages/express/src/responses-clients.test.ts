/**
 * Real Responses API clients through the Express router, against a mock upstream on 127.0.0.1 that answers with
 * recorded Anthropic and Gemini replies (the fixtures' upstream data) and refuses, as the providers do, a
 * conversation that loses a thinking signature or a tool pairing (`startResponsesClientUpstream`): the official `openai` SDK
 * (`responses.create`, `responses.stream`, a function-tool round trip, `previous_response_id` with the store, a
 * `store: false` loop with `include: ['reasoning.encrypted_content']` on a thinking Claude model and on Gemini 3)
 * and the OpenAI Agents SDK (`@openai/agents`) running an agent with a tool against a Claude and a Gemini model.
 */
import { Agent, run, setDefaultOpenAIClient, setOpenAIAPI, setTracingDisabled, tool } from '@openai/agents';
import { accumulateOpenAIStream, parseOpenAISse } from '@interlingua/conformance';
import {
  AGENT_TOOL_RUNS,
  AGENT_WEATHER_TOOL_PARAMETERS,
  RESPONSES_WEATHER_TOOL,
  createResponsesSpecValidator,
  fixturesRoot,
  loadFixtureCases,
  readResponsesClientStream,
  recordedUpstreamBody,
  startResponsesClientUpstream,
  type LoopbackServer,
} from '@interlingua/conformance/node';
import express from 'express';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createInterlinguaRouter } from './create-interlingua-router.js';

const spec = createResponsesSpecValidator();
const cases = new Map(loadFixtureCases(fixturesRoot()).map((c) => [c.id, c]));
const UPSTREAM_KEY = 'sk-upstream-secret-for-tests';

let upstream: LoopbackServer;
let gateway: LoopbackServer;
/** The recorded replies the mock upstream gives next, by fixture id, in order. */
let script: string[] = [];
/** What the gateway sent upstream. */
let sent: Array<{ path: string; body: any }> = [];

beforeAll(async () => {
  upstream = await startResponsesClientUpstream({ cases, nextReply: () => script.shift(), onRequest: (call) => sent.push(call) });
  const app = express();
  app.use(
    createInterlinguaRouter({
      upstreams: { anthropic: { apiKey: UPSTREAM_KEY, baseUrl: upstream.url }, gemini: { apiKey: UPSTREAM_KEY, baseUrl: upstream.url } },
      prefixes: [
        { prefix: 'claude', upstream: 'anthropic' },
        { prefix: 'gemini', upstream: 'gemini' },
      ],
      log: () => {},
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

beforeEach(() => {
  script = [];
  sent = [];
});

const client = () => new OpenAI({ apiKey: 'client-key', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
const recordedBody = (id: string) => recordedUpstreamBody(cases, id);
const CLAUDE_THINKING = recordedBody('anthropic/thinking-signature').content[0];
const GEMINI_CALL_PART = recordedBody('gemini/google-tool-call-gemini3').candidates[0].content.parts.find((part: any) => part.functionCall);
const weather = RESPONSES_WEATHER_TOOL;

describe('the openai SDK, Responses API, through Express', () => {
  it('responses.create', async () => {
    script = ['anthropic/text'];
    const response = await client().responses.create({ model: 'claude-sonnet-4-5-20250929', input: 'Hello, how are you?' });
    expect(spec.response(response)).toEqual([]);
    expect(response.status).toBe('completed');
    expect(response.output_text).toBe(recordedBody('anthropic/text').content[0].text);
    expect(sent[0]!.path).toBe('/v1/messages');
  });

  it('responses.stream', async () => {
    script = ['anthropic/thinking-signature-stream'];
    const { final, problems } = await readResponsesClientStream(
      client().responses.stream({ model: 'claude-sonnet-4-5-20250929', input: 'Take 925 and divide it by 5.', reasoning: { effort: 'low' } }),
    );
    expect(problems).toEqual([]);
    expect(final.status).toBe('completed');
    expect(final.output.map((item) => item.type)).toEqual(['reasoning', 'message']);
    expect(final.output_text).toBe('925 ÷ 5 = 185');
  });

  it('a function-tool round trip (Claude)', async () => {
    script = ['anthropic/tool-use', 'anthropic/tool-results-follow-up'];
    const getWeather = { ...weather, name: 'get_weather' };
    const first = await client().responses.create({ model: 'claude-haiku-4-5', input: "What's the weather in SF in Celsius?", tools: [getWeather] });
    const call = first.output.find((item) => item.type === 'function_call');
    expect(call).toMatchObject({ type: 'function_call', name: 'get_weather' });
    if (call?.type !== 'function_call') throw new Error('no function call');
    await client().responses.create({
      model: 'claude-haiku-4-5',
      tools: [getWeather],
      input: [{ role: 'user', content: "What's the weather in SF in Celsius?" }, ...(first.output as OpenAI.Responses.ResponseInputItem[]), { type: 'function_call_output', call_id: call.call_id, output: '{"temperature":"18C"}' }],
    });
    const toolTurn = sent[1]!.body.messages.at(-1);
    expect(toolTurn.role).toBe('user');
    expect(toolTurn.content[0]).toMatchObject({ type: 'tool_result', tool_use_id: call.call_id });
  });

  it('previous_response_id continues the stored conversation', async () => {
    script = ['anthropic/text', 'anthropic/text'];
    const first = await client().responses.create({ model: 'claude-sonnet-4-5-20250929', input: 'Hello, how are you?' });
    const second = await client().responses.create({ model: 'claude-sonnet-4-5-20250929', input: 'Tell me more.', previous_response_id: first.id });
    expect(second.previous_response_id).toBe(first.id);
    expect(sent[1]!.body.messages.map((m: any) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect((await client().responses.retrieve(first.id)).id).toBe(first.id);
    const items = await client().responses.inputItems.list(first.id);
    expect(items.data).toHaveLength(1);
    await client().responses.delete(first.id);
    await expect(client().responses.retrieve(first.id)).rejects.toMatchObject({ status: 404 });
  });

  it('a store: false loop with encrypted reasoning keeps Claude\'s signed thinking', async () => {
    script = ['anthropic/thinking-signature', 'anthropic/text'];
    const input: OpenAI.Responses.ResponseInput = [{ role: 'user', content: 'What is 925 divided by 5?' }];
    const first = await client().responses.create({ model: 'claude-sonnet-4-5-20250929', input, store: false, include: ['reasoning.encrypted_content'], reasoning: { effort: 'low' } });
    const reasoning = first.output[0];
    expect(reasoning?.type === 'reasoning' && reasoning.encrypted_content).toBeTruthy();
    await client().responses.create({
      model: 'claude-sonnet-4-5-20250929',
      store: false,
      include: ['reasoning.encrypted_content'],
      reasoning: { effort: 'low' },
      input: [...input, ...(first.output as OpenAI.Responses.ResponseInputItem[]), { role: 'user', content: 'And by 37?' }],
    });
    expect(sent[1]!.body.messages[1].content[0]).toEqual(CLAUDE_THINKING);
  });

  it('a store: false loop on Gemini 3 sends the function call\'s thought signature back', async () => {
    script = ['gemini/google-tool-call-gemini3', 'gemini/js-genai-text'];
    const input: OpenAI.Responses.ResponseInput = [{ role: 'user', content: 'What is the weather in San Francisco?' }];
    const first = await client().responses.create({ model: 'gemini-3-pro-preview', input, tools: [weather], store: false, include: ['reasoning.encrypted_content'] });
    const call = first.output.find((item) => item.type === 'function_call');
    if (call?.type !== 'function_call') throw new Error('no function call');
    await client().responses.create({
      model: 'gemini-3-pro-preview',
      tools: [weather],
      store: false,
      include: ['reasoning.encrypted_content'],
      input: [...input, ...(first.output as OpenAI.Responses.ResponseInputItem[]), { type: 'function_call_output', call_id: call.call_id, output: '{"temperature":"15C"}' }],
    });
    const modelTurn = sent[1]!.body.contents[1];
    expect(modelTurn.parts.find((part: any) => part.functionCall).thoughtSignature).toBe(GEMINI_CALL_PART.thoughtSignature);
  });
});

describe('the OpenAI Agents SDK through Express', () => {
  beforeAll(() => {
    setTracingDisabled(true);
    setOpenAIAPI('responses');
  });

  it.each(AGENT_TOOL_RUNS.map((run) => [run.model, run.toolName, run.replies, run.path] as const))('runs an agent with a tool on %s', async (model, toolName, replies, path) => {
    script = [...replies];
    setDefaultOpenAIClient(client());
    const calls: unknown[] = [];
    const lookup = tool({
      name: toolName,
      description: 'Get the weather in a location',
      parameters: AGENT_WEATHER_TOOL_PARAMETERS,
      strict: false,
      execute: async (args: unknown) => {
        calls.push(args);
        return '{"temperature":"18C"}';
      },
    });
    const agent = new Agent({ name: 'Weather', instructions: 'Answer with the weather.', model, tools: [lookup] });
    const result = await run(agent, 'What is the weather?');
    expect(calls).toHaveLength(1);
    expect(typeof result.finalOutput).toBe('string');
    expect(result.finalOutput).not.toBe('');
    expect(sent).toHaveLength(2);
    expect(sent.every((request) => request.path === path)).toBe(true);
    // The second upstream request carries the tool's result back to the provider.
    expect(JSON.stringify(sent[1]!.body)).toContain('18C');
  });

  it('runs an agent with a tool, streamed, on a Claude model', async () => {
    script = ['anthropic/tool-use-stream', 'anthropic/text-stream'];
    setDefaultOpenAIClient(client());
    const calls: unknown[] = [];
    const lookup = tool({
      name: 'get_weather',
      description: 'Get the current weather for a location',
      parameters: AGENT_WEATHER_TOOL_PARAMETERS,
      strict: false,
      execute: async (args: unknown) => {
        calls.push(args);
        return '{"temperature":"18C"}';
      },
    });
    const agent = new Agent({ name: 'Weather', instructions: 'Answer with the weather.', model: 'claude-opus-4-8', tools: [lookup] });
    const result = await run(agent, "What's the weather in Paris?", { stream: true });
    const eventTypes = new Set<string>();
    for await (const event of result) eventTypes.add(event.type);
    await result.completed;
    // The tool got the arguments of the recorded call (as the chat case's expected stream accumulates them).
    const recorded = accumulateOpenAIStream(parseOpenAISse((cases.get('anthropic/tool-use-stream')!.expectedResponse as { text: string }).text));
    const recordedCall = (recorded.completion.choices[0]!.message.tool_calls as Array<{ function: { arguments: string } }>)[0]!;
    expect(calls).toEqual([JSON.parse(recordedCall.function.arguments)]);
    expect(eventTypes.has('raw_model_stream_event')).toBe(true);
    expect(typeof result.finalOutput).toBe('string');
    expect(result.finalOutput).not.toBe('');
    expect(sent.map((request) => request.body.stream)).toEqual([true, true]);
  });
});

/// <reference types="node" />
/**
 * Real Responses API clients against the Worker in workerd (miniflare, the bundled Worker, responses kept in a KV
 * namespace bound as `INTERLINGUA_RESPONSES`): the official `openai` SDK (function-tool round trips on Claude, a
 * `store: false` loop with `include: ['reasoning.encrypted_content']` on a thinking Claude model — with and without
 * tool calls — and on Gemini 3) and the OpenAI Agents SDK (`@openai/agents`) running an agent with a tool on a Claude
 * and a Gemini model. The clients run in this Node process and speak HTTP to workerd; the Worker calls the loopback
 * mock upstream (`startResponsesClientUpstream`), which answers with recorded replies and refuses, as the providers
 * do, a conversation that lost a thinking signature, a Gemini thought signature or a tool pairing.
 */
import { Agent, run, setDefaultOpenAIClient, setOpenAIAPI, setTracingDisabled, tool } from '@openai/agents';
import {
  AGENT_TOOL_RUNS,
  AGENT_WEATHER_TOOL_PARAMETERS,
  RESPONSES_WEATHER_TOOL,
  createResponsesSpecValidator,
  fixturesRoot,
  loadFixtureCases,
  readResponsesClientStream,
  recordedAnthropicContent,
  recordedGeminiParts,
  startResponsesClientUpstream,
  type ResponsesClientUpstream,
} from '@interlingua/conformance/node';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loopbackUpstreamBindings, startWorker, type StartedWorker } from '../test/start-worker.js';

const UPSTREAM_KEY = 'sk-upstream-secret-for-workers';
const CLIENT_KEY = 'worker-client-key';
const spec = createResponsesSpecValidator();
const cases = new Map(loadFixtureCases(fixturesRoot()).map((c) => [c.id, c]));
let upstream: ResponsesClientUpstream;
let worker: StartedWorker;
let miniflare: StartedWorker['miniflare'];
let baseURL: string;
/** The recorded replies the mock upstream gives next, by fixture id, in order. */
let script: string[] = [];
/** What the Worker sent upstream. */
let sent: Array<{ path: string; body: any }> = [];

beforeAll(async () => {
  upstream = await startResponsesClientUpstream({ cases, nextReply: () => script.shift(), onRequest: (call) => sent.push(call) });
  worker = await startWorker({ bindings: loopbackUpstreamBindings(upstream.url, UPSTREAM_KEY, CLIENT_KEY), kvNamespaces: ['INTERLINGUA_RESPONSES'] });
  miniflare = worker.miniflare;
  baseURL = worker.baseURL;
}, 60_000);

afterAll(async () => {
  await worker?.dispose();
  await upstream?.close();
});

beforeEach(() => {
  script = [];
  sent = [];
});

const client = () => new OpenAI({ apiKey: CLIENT_KEY, baseURL, maxRetries: 0 });
const textOf = (blocks: any[]) => blocks.filter((block) => block.type === 'text').map((block) => block.text).join('');
const geminiTextOf = (parts: any[]) => parts.filter((part) => typeof part.text === 'string' && !part.thought).map((part) => part.text).join('');
const toolUses = (id: string) => recordedAnthropicContent(cases, id).filter((block) => block.type === 'tool_use');
const GEMINI_CALL_PART = recordedGeminiParts(cases, 'gemini/google-tool-call-gemini3').find((part) => part.functionCall);

/** A streamed Responses call: every event checked against the grammar and the spec; the final response. */
async function streamed(params: Parameters<OpenAI['responses']['stream']>[0]) {
  const { events, final, problems } = await readResponsesClientStream(client().responses.stream(params));
  expect(problems).toEqual([]);
  expect(spec.response(final)).toEqual([]);
  return { final, events };
}

async function created(params: OpenAI.Responses.ResponseCreateParamsNonStreaming) {
  const response = await client().responses.create(params);
  expect(spec.response(response)).toEqual([]);
  expect(JSON.stringify(response)).not.toContain(UPSTREAM_KEY);
  return response;
}

const functionCalls = (response: OpenAI.Responses.Response) =>
  response.output.filter((item): item is OpenAI.Responses.ResponseFunctionToolCall => item.type === 'function_call');

describe('the openai SDK against the Worker in workerd: tools, and store: false with encrypted reasoning', () => {
  it('a function-tool round trip (Claude)', async () => {
    script = ['anthropic/tool-use', 'anthropic/tool-results-follow-up'];
    const getWeather = { ...RESPONSES_WEATHER_TOOL, name: 'get_weather' };
    const input: OpenAI.Responses.ResponseInput = [{ role: 'user', content: "What's the weather in SF in Celsius?" }];
    const first = await created({ model: 'claude-haiku-4-5', input, tools: [getWeather] });
    const [recordedCall] = toolUses('anthropic/tool-use');
    const [call] = functionCalls(first);
    expect(call).toMatchObject({ type: 'function_call', name: 'get_weather', call_id: recordedCall.id });
    expect(JSON.parse(call!.arguments)).toEqual(recordedCall.input);
    expect(sent[0]!.body.tools.map((t: any) => t.name)).toEqual(['get_weather']);

    const second = await created({
      model: 'claude-haiku-4-5',
      tools: [getWeather],
      input: [...input, ...(first.output as OpenAI.Responses.ResponseInputItem[]), { type: 'function_call_output', call_id: call!.call_id, output: '{"temperature":"18C"}' }],
    });
    expect(second.status).toBe('completed');
    expect(second.output_text).toBe(textOf(recordedAnthropicContent(cases, 'anthropic/tool-results-follow-up')));
    const [, assistant, toolTurn] = sent[1]!.body.messages;
    expect(assistant.content.find((block: any) => block.type === 'tool_use')).toMatchObject({ id: recordedCall.id, name: 'get_weather', input: recordedCall.input });
    expect(toolTurn.role).toBe('user');
    expect(toolTurn.content).toEqual([expect.objectContaining({ type: 'tool_result', tool_use_id: recordedCall.id, content: '{"temperature":"18C"}' })]);
  });

  it('a function-tool round trip (Claude), streamed', async () => {
    script = ['anthropic/tool-use-stream', 'anthropic/text-stream'];
    const getWeather = { ...RESPONSES_WEATHER_TOOL, name: 'get_weather' };
    const input: OpenAI.Responses.ResponseInput = [{ role: 'user', content: "What's the weather in Paris?" }];
    const { final: first, events } = await streamed({ model: 'claude-opus-4-8', input, tools: [getWeather] });
    const [recordedCall] = toolUses('anthropic/tool-use-stream');
    const [call] = functionCalls(first);
    expect(call).toMatchObject({ name: 'get_weather', call_id: recordedCall.id });
    expect(JSON.parse(call!.arguments)).toEqual(recordedCall.input);
    const argumentDeltas = events.filter((event) => event.type === 'response.function_call_arguments.delta').map((event) => event.delta).join('');
    expect(JSON.parse(argumentDeltas)).toEqual(recordedCall.input);
    expect(first.output_text).toBe(textOf(recordedAnthropicContent(cases, 'anthropic/tool-use-stream')));

    const { final: second } = await streamed({
      model: 'claude-opus-4-8',
      tools: [getWeather],
      input: [...input, ...(first.output as OpenAI.Responses.ResponseInputItem[]), { type: 'function_call_output', call_id: call!.call_id, output: '{"temperature":"18C"}' }],
    });
    expect(second.output_text).toBe(textOf(recordedAnthropicContent(cases, 'anthropic/text-stream')));
    expect(sent.map((request) => request.body.stream)).toEqual([true, true]);
    expect(sent[1]!.body.messages.at(-1).content).toEqual([expect.objectContaining({ type: 'tool_result', tool_use_id: recordedCall.id })]);
  });

  it.each([
    ['non-streamed', 'anthropic/thinking-signature', 'anthropic/text'],
    ['streamed', 'anthropic/thinking-signature-stream', 'anthropic/text-stream'],
  ])("a store: false loop with encrypted reasoning keeps Claude's signed thinking (%s)", async (mode, firstReply, secondReply) => {
    script = [firstReply, secondReply];
    const params = { model: 'claude-sonnet-4-5-20250929', store: false, include: ['reasoning.encrypted_content' as const], reasoning: { effort: 'low' as const } };
    const ask = (input: OpenAI.Responses.ResponseInput) => (mode === 'streamed' ? streamed({ ...params, input }).then((r) => r.final) : created({ ...params, input }));
    const input: OpenAI.Responses.ResponseInput = [{ role: 'user', content: 'What is 925 divided by 5?' }];
    const first = await ask(input);
    const recorded = recordedAnthropicContent(cases, firstReply);
    expect(first.output.map((item) => item.type)).toEqual(['reasoning', 'message']);
    const reasoning = first.output[0] as OpenAI.Responses.ResponseReasoningItem;
    expect(reasoning.encrypted_content).toEqual(expect.any(String));
    expect(reasoning.encrypted_content).not.toBe('');
    expect(first.output_text).toBe(textOf(recorded));
    expect(sent[0]!.body.thinking).toMatchObject({ type: expect.stringMatching(/^(enabled|adaptive)$/) });
    // Nothing kept in the Worker's store.
    const kv = (await miniflare.getKVNamespace('INTERLINGUA_RESPONSES')) as unknown as { get(key: string): Promise<string | null> };
    expect(await kv.get(`response:${first.id}`)).toBeNull();

    const second = await ask([...input, ...(first.output as OpenAI.Responses.ResponseInputItem[]), { role: 'user', content: 'And by 37?' }]);
    expect(second.output_text).toBe(textOf(recordedAnthropicContent(cases, secondReply)));
    // The mock upstream refuses a thinking block whose text or signature changed; the exact block went back.
    expect(sent[1]!.body.messages[1].content[0]).toEqual(recorded[0]);
    expect(upstream.refusals).toEqual([]);
  });

  it('a store: false tool loop on a thinking Claude model sends the thinking back ahead of its two tool calls (streamed)', async () => {
    script = ['anthropic/thinking-text-two-tools-stream', 'anthropic/text-stream'];
    const params = { model: 'claude-sonnet-4-5-20250929', store: false, include: ['reasoning.encrypted_content' as const], reasoning: { effort: 'low' as const } };
    const tools = [
      { ...RESPONSES_WEATHER_TOOL, name: 'get_weather' },
      { ...RESPONSES_WEATHER_TOOL, name: 'get_time', description: 'Get the time in a timezone', parameters: { type: 'object', properties: { timezone: { type: 'string' } } } },
    ];
    const input: OpenAI.Responses.ResponseInput = [{ role: 'user', content: 'What are the weather and the time in Paris?' }];
    const { final: first } = await streamed({ ...params, tools, input });
    const recorded = recordedAnthropicContent(cases, 'anthropic/thinking-text-two-tools-stream');
    const recordedCalls = recorded.filter((block) => block.type === 'tool_use');
    expect(first.output.map((item) => item.type)).toEqual(['reasoning', 'message', 'function_call', 'function_call']);
    const calls = functionCalls(first);
    expect(calls.map((call) => [call.name, call.call_id, JSON.parse(call.arguments)])).toEqual(recordedCalls.map((block) => [block.name, block.id, block.input]));

    const { final: second } = await streamed({
      ...params,
      tools,
      input: [...input, ...(first.output as OpenAI.Responses.ResponseInputItem[]), ...calls.map((call) => ({ type: 'function_call_output' as const, call_id: call.call_id, output: `result of ${call.name}` }))],
    });
    expect(second.output_text).toBe(textOf(recordedAnthropicContent(cases, 'anthropic/text-stream')));
    const [, assistant, results] = sent[1]!.body.messages;
    // The mock upstream refuses (as Anthropic does) a tool-use cycle whose assistant turn lost its leading thinking.
    expect(assistant.content[0]).toEqual(recorded[0]);
    expect(assistant.content.filter((block: any) => block.type === 'tool_use').map((block: any) => block.id)).toEqual(recordedCalls.map((block) => block.id));
    expect(results.content.map((block: any) => [block.type, block.tool_use_id])).toEqual(recordedCalls.map((block) => ['tool_result', block.id]));
    expect(upstream.refusals).toEqual([]);
  });

  it.each([
    ['non-streamed', 'gemini/google-tool-call-gemini3', 'gemini/js-genai-text'],
    ['streamed', 'gemini/google-tool-call-gemini3-stream', 'gemini/google-text-stream'],
  ])("a store: false loop on Gemini 3 sends the function call's thought signature back (%s)", async (mode, firstReply, secondReply) => {
    script = [firstReply, secondReply];
    const params = { model: 'gemini-3-pro-preview', tools: [RESPONSES_WEATHER_TOOL], store: false, include: ['reasoning.encrypted_content' as const] };
    const ask = (input: OpenAI.Responses.ResponseInput) => (mode === 'streamed' ? streamed({ ...params, input }).then((r) => r.final) : created({ ...params, input }));
    const input: OpenAI.Responses.ResponseInput = [{ role: 'user', content: 'What is the weather in San Francisco?' }];
    const first = await ask(input);
    const recordedPart = recordedGeminiParts(cases, firstReply).find((part) => part.functionCall);
    const [call] = functionCalls(first);
    expect(call).toMatchObject({ name: recordedPart.functionCall.name });
    expect(JSON.parse(call!.arguments)).toEqual(recordedPart.functionCall.args);

    const second = await ask([...input, ...(first.output as OpenAI.Responses.ResponseInputItem[]), { type: 'function_call_output', call_id: call!.call_id, output: '{"temperature":"15C"}' }]);
    expect(second.output_text).toBe(geminiTextOf(recordedGeminiParts(cases, secondReply)));
    const [, modelTurn, responses] = sent[1]!.body.contents;
    expect(modelTurn.parts.find((part: any) => part.functionCall)).toMatchObject({ functionCall: recordedPart.functionCall, thoughtSignature: recordedPart.thoughtSignature });
    expect(responses.parts).toEqual([{ functionResponse: expect.objectContaining({ name: recordedPart.functionCall.name }) }]);
    expect(upstream.refusals).toEqual([]);
  });
});

describe('the OpenAI Agents SDK against the Worker in workerd', () => {
  beforeAll(() => {
    setTracingDisabled(true);
    setOpenAIAPI('responses');
  });

  const weatherTool = (name: string, calls: unknown[]) =>
    tool({
      name,
      description: 'Get the weather in a location',
      parameters: AGENT_WEATHER_TOOL_PARAMETERS,
      strict: false,
      execute: async (args: unknown) => {
        calls.push(args);
        return '{"temperature":"18C"}';
      },
    });

  it.each(AGENT_TOOL_RUNS)('runs an agent with a tool on $model', async ({ model, toolName, replies, path }) => {
    script = [...replies];
    setDefaultOpenAIClient(client());
    const calls: unknown[] = [];
    const agent = new Agent({ name: 'Weather', instructions: 'Answer with the weather.', model, tools: [weatherTool(toolName, calls)] });
    const result = await run(agent, 'What is the weather?');
    const [toolCall, answer] = replies;
    const gemini = path.includes(':generateContent');
    // The tool ran once, with the arguments of the recorded call.
    const recordedArgs = gemini ? recordedGeminiParts(cases, toolCall).find((part) => part.functionCall).functionCall.args : toolUses(toolCall)[0].input;
    expect(calls).toEqual([recordedArgs]);
    expect(result.finalOutput).toBe(gemini ? geminiTextOf(recordedGeminiParts(cases, answer)) : textOf(recordedAnthropicContent(cases, answer)));
    expect(sent.map((request) => request.path)).toEqual([path, path]);
    // The second upstream request carries the tool's result back (and, on Gemini 3, the call's thought signature).
    if (gemini) {
      const [, modelTurn, responses] = sent[1]!.body.contents;
      expect(modelTurn.parts.find((part: any) => part.functionCall).thoughtSignature).toBe(GEMINI_CALL_PART.thoughtSignature);
      expect(JSON.stringify(responses.parts[0].functionResponse)).toContain('18C');
    } else {
      const toolTurn = sent[1]!.body.messages.at(-1);
      expect(toolTurn.content).toEqual([expect.objectContaining({ type: 'tool_result', tool_use_id: toolUses(toolCall)[0].id, content: '{"temperature":"18C"}' })]);
    }
    expect(upstream.refusals).toEqual([]);
  });

  it('runs an agent with a tool, streamed, on a Claude model', async () => {
    script = ['anthropic/tool-use-stream', 'anthropic/text-stream'];
    setDefaultOpenAIClient(client());
    const calls: unknown[] = [];
    const agent = new Agent({ name: 'Weather', instructions: 'Answer with the weather.', model: 'claude-opus-4-8', tools: [weatherTool('get_weather', calls)] });
    const result = await run(agent, "What's the weather in Paris?", { stream: true });
    const rawEvents: any[] = [];
    for await (const event of result) if (event.type === 'raw_model_stream_event' && event.data.type === 'model') rawEvents.push(event.data.event);
    await result.completed;
    expect(calls).toEqual([toolUses('anthropic/tool-use-stream')[0].input]);
    for (const event of rawEvents) expect(spec.event(event)).toEqual([]);
    expect(rawEvents.filter((event) => event.type === 'response.completed')).toHaveLength(2);
    expect(result.finalOutput).toBe(textOf(recordedAnthropicContent(cases, 'anthropic/text-stream')));
    expect(sent.map((request) => request.body.stream)).toEqual([true, true]);
  });
});

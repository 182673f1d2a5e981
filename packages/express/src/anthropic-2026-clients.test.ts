import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { serveOnLoopback, type LoopbackServer } from '@interlingua/conformance/node';
import { generateText, jsonSchema, stepCountIs, tool } from 'ai';
import express from 'express';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInterlinguaRouter } from './create-interlingua-router.js';

/**
 * Real clients (the Vercel AI SDK's multi-step tool loop, the openai SDK's runTools) with reasoning effort, through
 * the gateway, against a mock Anthropic upstream that enforces the documented 2026 rules and answers 400 with
 * Anthropic's own messages when a request breaks one:
 *
 * - budget models (Claude 4.5) reject adaptive thinking and `output_config.effort`;
 * - 4.7 and later reject `thinking: {type: 'enabled'}` ("adaptive only") and every sampling parameter
 *   (migration guide: "`temperature` is deprecated for this model");
 * - 4.6 and later reject a final assistant message (prefill);
 * - with enabled (budget) thinking, the assistant message that opened the tool loop in progress must start with a
 *   thinking block (the extended-thinking tool-use rule);
 * - thinking (enabled or adaptive) requires temperature 1 or unset.
 *
 * The mock answers like Claude: first a thinking block (summarized text unless the model omits it by default and
 * `display` is not `summarized`) and a `get_weather` call, then, once the tool result is back, the answer.
 */

type Generation = 'budget' | 'adaptive' | 'adaptive-only';
const MODELS: Record<string, { generation: Generation; prefill: boolean; sampling: boolean; displayOmitted: boolean }> = {
  'claude-sonnet-4-5-20250929': { generation: 'budget', prefill: true, sampling: true, displayOmitted: false },
  'claude-opus-4-6': { generation: 'adaptive', prefill: false, sampling: true, displayOmitted: false },
  'claude-opus-4-7': { generation: 'adaptive-only', prefill: false, sampling: false, displayOmitted: true },
};

type Block = Record<string, unknown> & { type: string };
type Message = { role: 'user' | 'assistant'; content: Block[] };
type Body = Record<string, unknown> & { model: string; messages: Message[]; thinking?: { type: string; display?: string }; tools?: unknown[] };

function anthropicError(message: string): Response {
  return Response.json({ type: 'error', error: { type: 'invalid_request_error', message } }, { status: 400 });
}

/** The rule a request breaks, as Anthropic words it, or null. */
function brokenRule(body: Body): string | null {
  const model = MODELS[body.model];
  if (!model) return `model: ${body.model}`;
  const thinking = body.thinking?.type;
  if (model.generation === 'budget' && thinking === 'adaptive') return 'adaptive thinking is not supported on this model';
  if (model.generation === 'budget' && (body['output_config'] as { effort?: unknown } | undefined)?.effort !== undefined) return 'output_config.effort: Extra inputs are not permitted';
  if (model.generation === 'adaptive-only' && thinking === 'enabled') return '"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.';
  if (!model.sampling) for (const name of ['temperature', 'top_p', 'top_k']) if (body[name] !== undefined) return `\`${name}\` is deprecated for this model.`;
  if ((thinking === 'enabled' || thinking === 'adaptive') && body['temperature'] !== undefined && body['temperature'] !== 1) return '`temperature` may only be set to 1 when thinking is enabled.';
  const last = body.messages[body.messages.length - 1];
  if (!model.prefill && last?.role === 'assistant') return 'This model does not support assistant message prefill. The conversation must end with a user message.';
  if (thinking === 'enabled' && last?.role === 'user' && last.content.some((block) => block.type === 'tool_result')) {
    const opener = body.messages[body.messages.length - 2];
    const first = opener?.content[0];
    if (first && first.type !== 'thinking' && first.type !== 'redacted_thinking') {
      return `messages.${body.messages.length - 2}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${first.type}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceeding the lastmost set of \`tool_use\` and \`tool_result\` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable \`thinking\`.`;
    }
  }
  return null;
}

function reply(body: Body): Block[] {
  const model = MODELS[body.model]!;
  const thinkingOn = body.thinking?.type === 'enabled' || body.thinking?.type === 'adaptive';
  const omitted = model.displayOmitted && body.thinking?.display !== 'summarized';
  const thinking: Block[] = thinkingOn ? [{ type: 'thinking', thinking: omitted ? '' : 'I should look the weather up.', signature: `sig-${body.model}` }] : [];
  const answered = body.messages.some((message) => message.content.some((block) => block.type === 'tool_result'));
  if (!answered && (body.tools?.length ?? 0) > 0) return [...thinking, { type: 'tool_use', id: `toolu_${body.messages.length}`, name: 'get_weather', input: { city: 'Paris' } }];
  return [...thinking, { type: 'text', text: 'It is 18°C and sunny in Paris.' }];
}

let upstream: LoopbackServer;
let gateway: LoopbackServer;
const upstreamBodies: Body[] = [];
const rejections: string[] = [];
const warningHeaders: string[] = [];

beforeAll(async () => {
  upstream = await serveOnLoopback(async (request) => {
    const body = (await request.json()) as Body;
    upstreamBodies.push(body);
    const broken = brokenRule(body);
    if (broken) {
      rejections.push(`${body.model}: ${broken}`);
      return anthropicError(broken);
    }
    const content = reply(body);
    const stopReason = content.some((block) => block.type === 'tool_use') ? 'tool_use' : 'end_turn';
    return Response.json({ id: `msg_${upstreamBodies.length}`, type: 'message', role: 'assistant', model: body.model, content, stop_reason: stopReason, stop_sequence: null, usage: { input_tokens: 30, output_tokens: 20 } });
  });
  const app = express();
  app.use(createInterlinguaRouter({ upstreams: { anthropic: { apiKey: 'sk-upstream', baseUrl: upstream.url } }, prefixes: [{ prefix: 'claude', upstream: 'anthropic' }], log: () => {} }));
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

const recordingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const warnings = response.headers.get('x-interlingua-warnings');
  if (warnings) warningHeaders.push(warnings);
  return response;
};

const weatherCalls: unknown[] = [];
const getWeather = tool({
  description: 'Current weather in a city',
  inputSchema: jsonSchema<{ city: string }>({ type: 'object', properties: { city: { type: 'string', minLength: 1 } }, required: ['city'] }),
  execute: async (input) => {
    weatherCalls.push(input);
    return { temperature: '18°C', sky: 'sunny' };
  },
});

describe.each(Object.keys(MODELS))('%s through the gateway', (model) => {
  it('the AI SDK multi-step tool loop with reasoningEffort and a temperature completes', async () => {
    const before = { bodies: upstreamBodies.length, calls: weatherCalls.length };
    const provider = createOpenAICompatible({ name: 'interlingua', baseURL: `${gateway.url}/v1`, apiKey: 'client-key', fetch: recordingFetch });
    const result = await generateText({
      model: provider(model),
      prompt: 'What is the weather in Paris?',
      tools: { get_weather: getWeather },
      temperature: 0.3,
      stopWhen: stepCountIs(4),
      providerOptions: { interlingua: { reasoningEffort: 'high' } },
    });
    expect(rejections).toEqual([]);
    expect(result.text).toBe('It is 18°C and sunny in Paris.');
    expect(result.steps.length).toBe(2);
    expect(weatherCalls.length).toBe(before.calls + 1);
    // The first step's summarized thinking reached the client as reasoning.
    expect(result.steps[0]!.reasoningText).toBe('I should look the weather up.');
    const [first, second] = upstreamBodies.slice(before.bodies) as [Body, Body];
    if (MODELS[model]!.generation === 'budget') {
      expect(first.thinking).toEqual({ type: 'enabled', budget_tokens: 24576 });
      // The AI SDK does not send thinking_blocks back: thinking is off for the tool-result step (warned), so the
      // client's temperature is allowed again there.
      expect(second.thinking).toBeUndefined();
      expect(second['temperature']).toBe(0.3);
    } else {
      expect(first.thinking?.type).toBe('adaptive');
      expect(first['output_config']).toEqual({ effort: 'high' });
      expect(second.thinking?.type).toBe('adaptive');
    }
    expect(first['temperature']).toBeUndefined();
    if (MODELS[model]!.generation !== 'budget') expect(second['temperature']).toBeUndefined();
  });

  it('the openai SDK runTools with reasoning_effort completes', async () => {
    const client = new OpenAI({ apiKey: 'client-key', baseURL: `${gateway.url}/v1`, fetch: recordingFetch, maxRetries: 0 });
    const runner = client.chat.completions.runTools({
      model,
      reasoning_effort: 'medium',
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Current weather in a city',
            parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
            function: (args: { city: string }) => JSON.stringify({ city: args.city, temperature: '18°C' }),
            parse: JSON.parse,
          },
        },
      ],
    });
    const content = await runner.finalContent();
    expect(rejections).toEqual([]);
    expect(content).toBe('It is 18°C and sunny in Paris.');
  });

  it('a conversation ending with an assistant message is sent where prefill is accepted, else answered with a 400 naming it', async () => {
    const client = new OpenAI({ apiKey: 'client-key', baseURL: `${gateway.url}/v1`, fetch: recordingFetch, maxRetries: 0 });
    const request = client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Answer in JSON.' }, { role: 'assistant', content: '{"answer":' }] });
    if (MODELS[model]!.prefill) {
      await expect(request).resolves.toMatchObject({ object: 'chat.completion' });
    } else {
      await expect(request).rejects.toMatchObject({ status: 400, param: 'messages[1]', code: 'unsupported_value' });
    }
    expect(rejections).toEqual([]);
  });
});

describe('what the gateway reported', () => {
  it('every lossy step reached the client in x-interlingua-warnings', () => {
    const all = warningHeaders.join('\n');
    expect(all).toContain('thinking_disabled'); // the 4.5 tool-result steps
    expect(all).toContain('parameter_dropped'); // temperature on Opus 4.7 and with thinking
  });
});

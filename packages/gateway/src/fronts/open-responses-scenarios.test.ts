/// <reference types="node" />
/**
 * The six scenarios of the Open Responses compliance suite (basic response, streaming, system prompt, tool
 * calling, image input, multi-turn; described in `scripts/compliance-test_readme.md` of
 * github.com/openresponses/openresponses), written here from that description — the suite itself lives in that
 * repository and is not part of this one (its licence is unverified); it was run against `interlingua serve` with
 * `scripts/conformance/run-open-responses-suite.mjs`, results in CONFORMANCE.md — against the gateway's offline replay
 * models, as `interlingua serve` answers them with no key. Each Response is checked against the vendored OpenAI
 * `Response` schema and against the required fields of Open Responses' `ResponseResource`
 * (`schema/components/schemas/ResponseResource.json`, its `required` list transcribed below), and each stream
 * against the event grammar.
 */
import { checkResponsesEventGrammar, parseResponsesSse } from '@interlingua/conformance';
import { createResponsesSpecValidator } from '@interlingua/conformance/node';
import { describe, expect, it } from 'vitest';
import { createGateway } from '../create-gateway.js';
import { defaultReplayModels } from '../replay/default-replay-models.js';

const spec = createResponsesSpecValidator();
/** `required` of Open Responses' ResponseResource. */
const OPEN_RESPONSES_REQUIRED = [
  'id', 'object', 'created_at', 'completed_at', 'status', 'incomplete_details', 'model', 'previous_response_id', 'instructions',
  'output', 'error', 'tools', 'tool_choice', 'truncation', 'parallel_tool_calls', 'text', 'top_p', 'presence_penalty',
  'frequency_penalty', 'top_logprobs', 'temperature', 'reasoning', 'user', 'usage', 'max_output_tokens', 'max_tool_calls',
  'store', 'background', 'service_tier', 'metadata', 'safety_identifier', 'prompt_cache_key',
];
/** Types Open Responses gives the fields that OpenAI's spec leaves nullable. */
const OPEN_RESPONSES_TYPES: Record<string, string> = {
  top_p: 'number', presence_penalty: 'number', frequency_penalty: 'number', top_logprobs: 'number', temperature: 'number',
  store: 'boolean', background: 'boolean', service_tier: 'string', parallel_tool_calls: 'boolean', created_at: 'number',
};

function checkResource(response: Record<string, unknown>): string[] {
  const problems = OPEN_RESPONSES_REQUIRED.filter((field) => !(field in response)).map((field) => `missing ${field}`);
  for (const [field, type] of Object.entries(OPEN_RESPONSES_TYPES)) if (typeof response[field] !== type) problems.push(`${field} is not a ${type}`);
  if (!Number.isInteger(response.created_at)) problems.push('created_at is not an integer');
  return [...problems, ...spec.response(response)];
}

const gateway = createGateway({ models: defaultReplayModels(), log: () => {} });
const post = (body: unknown) => gateway(new Request('http://gateway.test/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));

describe.each(['replay/claude', 'replay/gemini'])('Open Responses scenarios on %s', (model) => {
  it('basic-response', async () => {
    const response = await (await post({ model, input: [{ type: 'message', role: 'user', content: 'Say hello in exactly 3 words.' }] })).json();
    expect(checkResource(response)).toEqual([]);
    expect(response.status).toBe('completed');
    expect(response.output.some((item: any) => item.type === 'message')).toBe(true);
  });

  it('streaming-response', async () => {
    const reply = await post({ model, input: [{ type: 'message', role: 'user', content: 'Count from 1 to 5.' }], stream: true });
    const events = parseResponsesSse(await reply.text());
    expect(checkResponsesEventGrammar(events)).toEqual([]);
    for (const { data } of events) expect(spec.event(data)).toEqual([]);
    const last = events.at(-1)!.data as any;
    expect(last.type).toBe('response.completed');
    expect(checkResource(last.response)).toEqual([]);
  });

  it('system-prompt', async () => {
    const response = await (await post({ model, input: [{ type: 'message', role: 'system', content: 'You are a pirate.' }, { type: 'message', role: 'user', content: 'Say hello.' }] })).json();
    expect(checkResource(response)).toEqual([]);
    expect(response.status).toBe('completed');
  });

  it('tool-calling', async () => {
    const tools = ['get_current_weather', 'weather'].map((name) => ({ type: 'function', name, description: 'Get the weather', parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] }, strict: null }));
    const response = await (await post({ model, input: [{ type: 'message', role: 'user', content: "What's the weather like in Boston today?" }], tools })).json();
    expect(checkResource(response)).toEqual([]);
    const call = response.output.find((item: any) => item.type === 'function_call');
    expect(call).toMatchObject({ type: 'function_call', status: 'completed' });
    expect(typeof JSON.parse(call.arguments)).toBe('object');
  });

  it('image-input', async () => {
    const response = await (await post({
      model,
      input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'What is in this image?' }, { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC' }] }],
    })).json();
    expect(checkResource(response)).toEqual([]);
    expect(response.status).toBe('completed');
  });

  it('multi-turn', async () => {
    const response = await (await post({
      model,
      input: [
        { type: 'message', role: 'user', content: 'My name is Alice.' },
        { type: 'message', role: 'assistant', content: 'Hello Alice! Nice to meet you.' },
        { type: 'message', role: 'user', content: 'What is my name?' },
      ],
    })).json();
    expect(checkResource(response)).toEqual([]);
    expect(response.status).toBe('completed');
  });
});

/// <reference types="node" />
/**
 * Requests written from OpenAI's Responses API reference and guides (text input, items, images, files, a function
 * tool round trip, reasoning items with encrypted content, Structured Outputs, hosted tools). Each is first checked
 * against `CreateResponse` of the vendored OpenAI specification, so the examples themselves are right, then against
 * this package's schema.
 */
import { createResponsesSpecValidator } from '@interlingua/conformance/node';
import { describe, expect, it } from 'vitest';
import { parseResponsesRequest } from './parse-responses-request.js';

const spec = createResponsesSpecValidator();

const VALID: Record<string, unknown> = {
  'string input': { model: 'claude-sonnet-4-5', input: 'Tell me a three sentence bedtime story about a unicorn.' },
  'instructions and a message list': {
    model: 'gemini-2.5-flash',
    instructions: 'Talk like a pirate.',
    input: [
      { role: 'developer', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'input_text', text: 'Are semicolons optional in JavaScript?' }] },
    ],
  },
  'image and file inputs': {
    model: 'gpt-4.1',
    input: [
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: 'What is in this image and this file?' },
          { type: 'input_image', image_url: 'https://example.com/boardwalk.jpg', detail: 'auto' },
          { type: 'input_file', filename: 'draconomicon.pdf', file_data: 'data:application/pdf;base64,JVBERi0x' },
        ],
      },
    ],
  },
  'function tool round trip': {
    model: 'claude-sonnet-4-5',
    tools: [
      {
        type: 'function',
        name: 'get_weather',
        description: 'Get current temperature for a given location.',
        parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'], additionalProperties: false },
        strict: true,
      },
    ],
    tool_choice: 'auto',
    parallel_tool_calls: false,
    input: [
      { role: 'user', content: 'What is the weather like in Paris today?' },
      { type: 'function_call', id: 'fc_12345xyz', call_id: 'call_12345xyz', name: 'get_weather', arguments: '{"location":"Paris, France"}' },
      { type: 'function_call_output', call_id: 'call_12345xyz', output: '{"temperature": 14}' },
    ],
  },
  'stateless reasoning loop': {
    model: 'claude-sonnet-4-5',
    store: false,
    include: ['reasoning.encrypted_content'],
    reasoning: { effort: 'medium', summary: 'auto' },
    input: [
      { role: 'user', content: 'What is 925 divided by 5?' },
      { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'Divide.' }], encrypted_content: 'opaque' },
      { type: 'message', id: 'msg_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: '185', annotations: [], logprobs: [] }] },
      { role: 'user', content: 'And by 37?' },
    ],
  },
  'structured output and sampling': {
    model: 'gemini-2.5-pro',
    input: 'Extract the event.',
    text: {
      format: { type: 'json_schema', name: 'calendar_event', schema: { type: 'object', properties: { name: { type: 'string' } } }, strict: true },
      verbosity: 'low',
    },
    max_output_tokens: 1024,
    temperature: 0.2,
    top_p: 0.9,
    metadata: { conversation: 'c1' },
    safety_identifier: 'user-1234',
    prompt_cache_key: 'k1',
    stream: true,
    previous_response_id: 'resp_abc',
  },
  'hosted web search': { model: 'claude-sonnet-4-5', tools: [{ type: 'web_search' }], input: 'What happened today?' },
};

describe('parseResponsesRequest', () => {
  for (const [name, body] of Object.entries(VALID)) {
    it(`accepts ${name} (valid against the OpenAI spec's CreateResponse)`, () => {
      expect(spec.request(body)).toEqual([]);
      const parsed = parseResponsesRequest(body);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(parsed.value).toEqual(body);
    });
  }

  it('accepts an assistant message as clients replay it (output_text without id, status or logprobs)', () => {
    const parsed = parseResponsesRequest({ model: 'm', input: [{ role: 'assistant', content: [{ type: 'output_text', text: '185' }] }] });
    expect(parsed.ok).toBe(true);
  });

  it('keeps unknown fields for the mapper to report', () => {
    const parsed = parseResponsesRequest({ model: 'm', input: 'hi', truncation: 'auto', background: false });
    expect(parsed.ok && parsed.value.truncation).toBe('auto');
  });

  it('rejects item kinds the hub cannot carry with a 400 naming the item type', () => {
    const body = { model: 'm', input: [{ type: 'computer_call_output', call_id: 'c', output: { type: 'computer_screenshot', image_url: 'https://example.com/s.png' } }] };
    expect(spec.request(body)).toEqual([]);
    const parsed = parseResponsesRequest(body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.error.param).toBe('input[0].type');
      expect(parsed.error.error.message).toContain('"computer_call_output"');
    }
  });

  it('requires a model (the gateway routes by it; the spec leaves it optional for stored prompts)', () => {
    const parsed = parseResponsesRequest({ input: 'hi' });
    expect(!parsed.ok && parsed.error.error.param).toBe('model');
  });

  const INVALID: Array<[string, unknown, string | null]> = [
    ['a body that is not an object', 'hello', null],
    ['an unknown role', { model: 'm', input: [{ role: 'tool', content: 'x' }] }, 'input[0].role'],
    ['a function call without call_id', { model: 'm', input: [{ type: 'function_call', name: 'f', arguments: '{}' }] }, 'input[0].call_id'],
    ['an input_image with a number URL', { model: 'm', input: [{ role: 'user', content: [{ type: 'input_image', image_url: 5 }] }] }, 'input[0].content[0].image_url'],
    ['temperature above 2', { model: 'm', input: 'x', temperature: 3 }, 'temperature'],
    ['a json_schema format without a schema', { model: 'm', input: 'x', text: { format: { type: 'json_schema', name: 'n' } } }, 'text.format.schema'],
    ['a function tool without a name', { model: 'm', input: 'x', tools: [{ type: 'function', parameters: {} }] }, 'tools[0].name'],
    ['max_output_tokens 0', { model: 'm', input: 'x', max_output_tokens: 0 }, 'max_output_tokens'],
  ];
  for (const [name, body, param] of INVALID) {
    it(`rejects ${name} with a 400 naming ${param ?? 'the body'}`, () => {
      expect(spec.request(body)).not.toEqual([]);
      const parsed = parseResponsesRequest(body);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) {
        expect(parsed.status).toBe(400);
        expect(parsed.error.error.type).toBe('invalid_request_error');
        expect(parsed.error.error.param).toBe(param);
        expect(spec.error(parsed.error)).toEqual([]);
      }
    });
  }
});

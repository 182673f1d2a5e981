/**
 * Structurally generated Responses requests (every item kind, content part, tool and setting, valid or not):
 * the mapper never throws, never mutates its input, and either gives a hub request that Chat Completions
 * validation accepts, or a 400 naming a field.
 */
import { fc, test } from '@fast-check/vitest';
import { createFixedEnvironment, parseChatCompletionRequest } from '@interlingua/openai-schema';
import { expect } from 'vitest';
import { convertResponsesRequestToChat } from './convert-responses-request-to-chat.js';
import { sealReasoningCarrier } from './reasoning-carrier.js';

const text = fc.string({ maxLength: 12 });
const part = fc.oneof(
  fc.record({ type: fc.constant('input_text'), text }),
  fc.record({ type: fc.constant('input_image'), image_url: fc.constantFrom('https://example.com/a.png', 'data:image/png;base64,AAAA', null), detail: fc.constantFrom('low', 'high', 'auto') }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('input_file'), filename: text, file_data: fc.constant('data:application/pdf;base64,JVBE'), file_url: fc.constant('https://x/y.pdf') }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('output_text'), text }),
  fc.record({ type: fc.constant('refusal'), refusal: text }),
);
const carrier = fc.oneof(
  fc.constant(sealReasoningCarrier({ thinking_blocks: [{ type: 'thinking', thinking: 't', signature: 's' }] })),
  fc.constant(sealReasoningCarrier({ thought_signatures: [{ part: 'trailing', signature: 's' }], tool_calls: { c1: { google: { thought_signature: 's' } } } })),
  fc.constant('not-ours'),
  fc.constant(null),
);
const item = fc.oneof(
  fc.record({ role: fc.constantFrom('user', 'system', 'developer', 'assistant'), content: fc.oneof(text, fc.array(part, { maxLength: 3 })) }),
  fc.record({ type: fc.constant('message'), role: fc.constantFrom('user', 'assistant'), content: fc.array(part, { maxLength: 2 }) }),
  fc.record({ type: fc.constant('function_call'), call_id: fc.constantFrom('c1', 'c2'), name: fc.constantFrom('f', 'g'), arguments: fc.constantFrom('{}', '{"a":1}', '') }),
  fc.record({ type: fc.constant('function_call_output'), call_id: fc.constantFrom('c1', 'c2'), output: fc.oneof(text, fc.array(part, { maxLength: 2 })) }),
  fc.record({ type: fc.constant('reasoning'), summary: fc.array(fc.record({ type: fc.constant('summary_text'), text }), { maxLength: 2 }), encrypted_content: carrier }),
  fc.record({ type: fc.constant('item_reference'), id: fc.constant('msg_1') }),
  fc.record({ type: fc.constantFrom('computer_call', 'mcp_call'), id: text }),
);
const tool = fc.oneof(
  fc.record({ type: fc.constant('function'), name: fc.constantFrom('f', 'g'), parameters: fc.constantFrom({ type: 'object' }, null), strict: fc.boolean() }, { requiredKeys: ['type', 'name'] }),
  fc.record({ type: fc.constantFrom('web_search', 'web_search_preview', 'file_search', 'code_interpreter', 'mcp', 'unknown_tool') }),
);
const request = fc.record(
  {
    model: fc.constantFrom('claude-sonnet-4-5', 'gemini-3-pro-preview', 'gpt-4.1'),
    input: fc.oneof(text, fc.array(item, { maxLength: 6 })),
    instructions: fc.oneof(text, fc.constant(null)),
    tools: fc.array(tool, { maxLength: 3 }),
    tool_choice: fc.oneof(fc.constantFrom('auto', 'none', 'required'), fc.record({ type: fc.constant('function'), name: fc.constant('f') }), fc.record({ type: fc.constant('web_search') })),
    text: fc.record({ format: fc.oneof(fc.constant({ type: 'text' }), fc.constant({ type: 'json_object' }), fc.constant({ type: 'json_schema', name: 'n', schema: { type: 'object' } })), verbosity: fc.constantFrom('low', 'high') }, { requiredKeys: [] }),
    reasoning: fc.record({ effort: fc.constantFrom('none', 'low', 'high', 'xhigh'), summary: fc.constantFrom('auto', 'concise', 'detailed', null) }, { requiredKeys: [] }),
    max_output_tokens: fc.oneof(fc.integer({ min: -1, max: 5000 }), fc.constant(null)),
    temperature: fc.double({ min: -1, max: 3, noNaN: true }),
    include: fc.array(fc.constantFrom('reasoning.encrypted_content', 'message.output_text.logprobs', 'file_search_call.results')),
    truncation: fc.constantFrom('auto', 'disabled'),
    background: fc.boolean(),
    store: fc.boolean(),
    stream: fc.boolean(),
    top_k: fc.integer({ min: 1, max: 40 }),
  },
  { requiredKeys: ['model'] },
);

test.prop([request, fc.boolean()], { numRuns: 400 })('maps to a valid hub request or a 400 naming a field', (body, strict) => {
  const copy = structuredClone(body);
  const result = convertResponsesRequestToChat(body, { environment: createFixedEnvironment(), strict });
  expect(body).toEqual(copy);
  if (result.ok) {
    const parsed = parseChatCompletionRequest(result.request);
    expect(parsed.ok ? [] : parsed.error).toEqual([]);
  } else {
    expect(result.status).toBe(400);
    expect(result.error.error.type).toBe('invalid_request_error');
    expect(typeof result.error.error.param === 'string' || result.error.error.param === null).toBe(true);
    if (typeof body === 'object' && body !== null) expect(result.error.error.param).not.toBeNull();
  }
});

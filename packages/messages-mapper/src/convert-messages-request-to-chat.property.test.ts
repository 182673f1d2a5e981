import { fc, test } from '@fast-check/vitest';
import { parseChatCompletionRequest } from '@interlingua/openai-schema';
import { describe, expect } from 'vitest';
import { createAnthropicSpecValidators } from '../../messages-schema/test/anthropic-spec-validator.js';
import { convertMessagesRequestToChat } from './convert-messages-request-to-chat.js';

/**
 * Property: for arbitrary Messages requests built structurally from the documented block kinds (valid for the
 * extended Anthropic spec or not), the mapper never throws and never mutates its input, and returns either a 400
 * in Anthropic's envelope naming a field, or a Chat Completions request that the hub's own validator accepts.
 * Every spec-valid request without server tools or Files-API/URL documents maps successfully.
 */
const spec = createAnthropicSpecValidators();
const text = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('hello', 'Done.', ' '));
const cache = fc.option(fc.constant({ type: 'ephemeral' as const }), { nil: undefined });
const textBlock = fc.record({ type: fc.constant('text' as const), text: text.filter((t) => t.length > 0), cache_control: cache }, { requiredKeys: ['type', 'text'] });
const image = fc.constantFrom(
  { type: 'image' as const, source: { type: 'base64' as const, media_type: 'image/png' as const, data: 'iVBORw0KGgo=' } },
  { type: 'image' as const, source: { type: 'url' as const, url: 'https://example.com/a.jpg' } },
);
const documents = fc.constantFrom(
  { type: 'document' as const, source: { type: 'base64' as const, media_type: 'application/pdf' as const, data: 'JVBERi0=' }, title: 'a.pdf' },
  { type: 'document' as const, source: { type: 'text' as const, media_type: 'text/plain' as const, data: 'plain' } },
  { type: 'document' as const, source: { type: 'url' as const, url: 'https://example.com/a.pdf' } },
);
const ids = fc.constantFrom('toolu_01', 'toolu_02', 'call_x');
const toolResult = fc.record({
  type: fc.constant('tool_result' as const),
  tool_use_id: ids,
  content: fc.oneof(text, fc.array(fc.oneof(textBlock, image), { minLength: 1, maxLength: 2 })),
  is_error: fc.boolean(),
}, { requiredKeys: ['type', 'tool_use_id'] });
const userMessage = fc.record({
  role: fc.constant('user' as const),
  content: fc.oneof(text.filter((t) => t.length > 0), fc.array(fc.oneof({ weight: 4, arbitrary: textBlock }, image, documents, toolResult), { minLength: 1, maxLength: 4 })),
});
const assistantMessage = fc.record({
  role: fc.constant('assistant' as const),
  content: fc.oneof(
    text.filter((t) => t.length > 0),
    fc.array(
      fc.oneof(
        textBlock,
        fc.record({ type: fc.constant('thinking' as const), thinking: text, signature: fc.constantFrom('', 'EqQB', 'interlingua.1.e30') }),
        fc.record({ type: fc.constant('redacted_thinking' as const), data: fc.constantFrom('EmwK', 'interlingua.1.eyJtIjp7fX0', 'interlingua.1.%%%') }),
        fc.record({ type: fc.constant('tool_use' as const), id: ids, name: fc.constantFrom('f', 'get_weather'), input: fc.dictionary(fc.string({ maxLength: 3 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }) }),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  ),
});
const request = fc.record(
  {
    model: fc.constantFrom('gemini-3-pro-preview', 'gpt-5', 'deepseek-chat'),
    max_tokens: fc.integer({ min: 1, max: 64000 }),
    messages: fc.array(fc.oneof(userMessage, assistantMessage), { minLength: 1, maxLength: 4 }),
    system: fc.oneof(text, fc.array(textBlock, { maxLength: 2 })),
    temperature: fc.double({ min: 0, max: 1, noNaN: true }),
    top_p: fc.double({ min: 0, max: 1, noNaN: true }),
    top_k: fc.integer({ min: 1, max: 100 }),
    stop_sequences: fc.array(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 2 }),
    stream: fc.boolean(),
    metadata: fc.record({ user_id: fc.string({ maxLength: 80 }) }),
    thinking: fc.oneof(
      fc.record({ type: fc.constant('enabled' as const), budget_tokens: fc.integer({ min: 1024, max: 60000 }) }),
      fc.constant({ type: 'adaptive' as const }),
      fc.constant({ type: 'disabled' as const }),
    ),
    output_config: fc.record({ effort: fc.constantFrom('low', 'medium', 'high', 'xhigh', 'max') }, { requiredKeys: [] }),
    tools: fc.array(
      fc.oneof(
        { weight: 5, arbitrary: fc.record({ name: fc.constantFrom('f', 'get_weather'), description: text, input_schema: fc.constant({ type: 'object' as const, properties: { a: { type: 'string' } } }) }) },
        fc.constant({ type: 'web_search_20250305', name: 'web_search' }),
      ),
      { maxLength: 2 },
    ),
    tool_choice: fc.oneof(fc.constant({ type: 'auto' as const }), fc.constant({ type: 'any' as const, disable_parallel_tool_use: true }), fc.constant({ type: 'tool' as const, name: 'f' }), fc.constant({ type: 'none' as const })),
  },
  { requiredKeys: ['model', 'max_tokens', 'messages'] },
);

describe('convertMessagesRequestToChat (property)', () => {
  test.prop([request], { numRuns: 300 })('a 400 naming a field, or a hub request the hub accepts; input untouched', (body) => {
    const before = structuredClone(body);
    const result = convertMessagesRequestToChat(body);
    expect(body).toEqual(before);
    if (!result.ok) {
      expect(result.status).toBe(400);
      expect(result.error.error.message.startsWith(`${result.param}: `)).toBe(true);
      const unsupported = JSON.stringify(body).includes('web_search_20250305') || JSON.stringify(body).includes('"type":"url","url":"https://example.com/a.pdf"');
      expect(unsupported || !spec.createMessageParams(body), `rejected a spec-valid request: ${result.error.error.message}`).toBe(true);
      return;
    }
    const parsed = parseChatCompletionRequest(result.request);
    expect(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.error)).toBe(true);
    expect(result.request.stream === true).toBe(body.stream === true);
  });
});

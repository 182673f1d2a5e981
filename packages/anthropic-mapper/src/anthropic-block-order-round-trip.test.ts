import { fc, test } from '@fast-check/vitest';
import { createFixedEnvironment } from '@interlingua/openai-schema';
import { describe, expect, it } from 'vitest';
import { convertAnthropicResponseToOpenAI } from './convert-anthropic-response-to-openai.js';
import { convertOpenAIMessagesToAnthropic } from './convert-openai-messages-to-anthropic.js';
import type { RequestMappingState } from './request-mapping-failure.js';

/**
 * The `anthropic_block_order` extension: an Anthropic reply that interleaves thinking with other blocks comes back
 * to Anthropic in its own order. Basis: "Send each assistant turn back exactly as the API returned it" and "A prefix
 * check … also fails if a thinking block between others was left out or moved"
 * (https://platform.claude.com/docs/en/build-with-claude/preserved-thinking/prefix-checks); "Echo the assistant
 * message exactly as received: rebuilding the message … triggers a 400 error"
 * (https://platform.claude.com/docs/build-with-claude/thinking-tool-workflows).
 */

const context = { requestedModel: 'claude-x', stream: false, includeUsage: false, thinking: true, jsonResponse: null };

function reply(content: Array<Record<string, unknown>>) {
  const result = convertAnthropicResponseToOpenAI(
    { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-x', content, stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } },
    { context, environment: createFixedEnvironment({ ids: { chatcmpl: ['chatcmpl-1'], fp: ['fp_1'] }, now: 1 }) },
  );
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.response.choices[0]!.message as Record<string, unknown>;
}

function replay(assistant: Record<string, unknown>) {
  const state: RequestMappingState = { warnings: [], strict: false };
  const { messages } = convertOpenAIMessagesToAnthropic(
    [
      { role: 'user', content: 'Q' },
      assistant as never,
      { role: 'user', content: 'next' },
    ],
    state,
  );
  return { content: messages[1]!.content, warnings: state.warnings };
}

// A web-search turn with interleaved thinking: the shape the thinking and web-search pages show.
const interleaved = [
  { type: 'thinking', thinking: 'I should search.', signature: 'sig-1' },
  { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'weather' } },
  { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [{ type: 'web_search_result', url: 'https://example.com', title: 'Ex', encrypted_content: 'enc', page_age: null }] },
  { type: 'thinking', thinking: 'Found it.', signature: 'sig-2' },
  { type: 'text', text: 'It is sunny ' },
  { type: 'redacted_thinking', data: 'opaque' },
  { type: 'text', text: 'and warm 🌞.' },
  { type: 'tool_use', id: 'toolu_1', name: 'save', input: { note: 'sunny' } },
];

describe('anthropic_block_order', () => {
  it('is not written when every thinking block leads (the default replay order already matches)', () => {
    const message = reply([
      { type: 'thinking', thinking: 't', signature: 's' },
      { type: 'text', text: 'a' },
      { type: 'text', text: 'b' },
      { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} },
    ]);
    expect(message['anthropic_block_order']).toBeUndefined();
  });

  it('records an interleaved reply, text lengths in UTF-16 code units', () => {
    const message = reply(interleaved);
    expect(message['anthropic_block_order']).toEqual(['thinking', 'server_tool_use', 'web_search_tool_result', 'thinking', 'text:12', 'redacted_thinking', 'text:12', 'tool_use']);
    expect(message['content']).toBe('It is sunny and warm 🌞.');
  });

  it('replays an interleaved reply exactly as Anthropic returned it', () => {
    const { content, warnings } = replay(reply(interleaved));
    expect(content).toEqual(interleaved);
    expect(warnings).toEqual([]);
  });

  it('keeps the citations of a text block that a later thinking block follows (OpenAI annotations keep only url and title)', () => {
    const citation = { type: 'web_search_result_location', url: 'https://weather.example/lisbon', title: 'Lisbon', cited_text: 'Sunny, 24 °C', encrypted_index: 'EqIdx' };
    const blocks = [
      { type: 'thinking', thinking: 'Search.', signature: 'sig-1' },
      { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'Lisbon' } },
      { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] },
      { type: 'text', text: 'Sunny.', citations: [citation] },
      { type: 'server_tool_use', id: 'srvtoolu_2', name: 'web_search', input: { query: 'Porto' } },
      { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_2', content: [] },
      { type: 'thinking', thinking: 'Now Porto.', signature: 'sig-2' },
      { type: 'text', text: ' Porto is cloudy.' },
    ];
    const message = reply(blocks);
    expect((message['anthropic_block_order'] as unknown[])[3]).toEqual({ type: 'text', length: 6, citations: [citation] });
    expect(message['annotations']).toEqual([{ type: 'url_citation', url_citation: { start_index: 0, end_index: 6, url: citation.url, title: citation.title } }]);
    const { content, warnings } = replay(message);
    expect(content).toEqual(blocks);
    expect(warnings).toEqual([]);
  });

  it('falls back to the default order, with a warning naming the field, when the message was edited', () => {
    const message = { ...reply(interleaved), content: 'It is sunny.' };
    const { content, warnings } = replay(message);
    expect(content.map((block) => block.type)).toEqual(['thinking', 'thinking', 'redacted_thinking', 'text', 'server_tool_use', 'web_search_tool_result', 'tool_use']);
    expect(warnings).toEqual([expect.objectContaining({ code: 'block_order_ignored', param: 'messages[1].anthropic_block_order' })]);
    expect(warnings[0]!.message).toContain('the content is shorter than its text entries');
  });

  it('falls back when a thinking block had to be dropped (unsigned)', () => {
    const message = reply(interleaved);
    const blocks = message['thinking_blocks'] as Array<Record<string, unknown>>;
    const { content, warnings } = replay({ ...message, thinking_blocks: [{ ...blocks[0], signature: '' }, ...blocks.slice(1)] });
    expect(content[0]).toEqual(interleaved[3]);
    expect(warnings.map((warning) => warning.code)).toEqual(['thinking_block_dropped', 'block_order_ignored']);
  });

  it('drops a blank text block of the reply with one warning and keeps the others in place', () => {
    const blocks = [
      { type: 'text', text: ' ' },
      { type: 'thinking', thinking: 't', signature: 's' },
      { type: 'text', text: 'x' },
    ];
    const { content, warnings } = replay(reply(blocks));
    expect(content).toEqual(blocks.slice(1));
    expect(warnings.map((warning) => warning.code)).toEqual(['empty_text_dropped']);
  });
});

// Any sequence of the blocks a reply holds, with non-blank texts, comes back block for block.
const block = fc.oneof(
  fc.record({ type: fc.constant('thinking'), thinking: fc.string({ maxLength: 8 }), signature: fc.string({ minLength: 1, maxLength: 6 }) }),
  fc.record({ type: fc.constant('redacted_thinking'), data: fc.string({ maxLength: 6 }) }),
  fc.record({ type: fc.constant('text'), text: fc.string({ minLength: 1, maxLength: 8 }).filter((text) => text.trim() !== '') }),
  fc.record({
    type: fc.constant('text'),
    text: fc.string({ minLength: 1, maxLength: 8 }).filter((text) => text.trim() !== ''),
    citations: fc.array(fc.record({ type: fc.constantFrom('web_search_result_location', 'char_location'), url: fc.webUrl(), title: fc.string({ maxLength: 4 }), cited_text: fc.string({ maxLength: 6 }) }), { minLength: 1, maxLength: 2 }),
  }),
  fc.record({ type: fc.constant('tool_use'), id: fc.stringMatching(/^toolu_[a-z0-9]{1,6}$/), name: fc.constantFrom('f', 'g'), input: fc.dictionary(fc.string({ maxLength: 3 }), fc.integer()) }),
  fc.record({ type: fc.constantFrom('server_tool_use', 'web_fetch_tool_result', 'some_future_block'), id: fc.string({ maxLength: 4 }) }),
);

describe('property: a reply replayed through the chat hub keeps its block order', () => {
  test.prop([fc.array(block, { minLength: 1, maxLength: 8 })])('interleaved or not', (blocks) => {
    const message = reply(blocks);
    const { content, warnings } = replay(message);
    expect(warnings).toEqual([]);
    if (message['anthropic_block_order'] !== undefined) {
      // Every block as it came, text citations included.
      expect(content).toEqual(blocks);
    } else {
      // Without an order, the default one: thinking first; it matches wherever the thinking already led.
      expect(content.filter((b) => b.type === 'thinking' || b.type === 'redacted_thinking')).toEqual(blocks.filter((b) => b.type === 'thinking' || b.type === 'redacted_thinking'));
      const firstOther = blocks.findIndex((b) => b.type !== 'thinking' && b.type !== 'redacted_thinking');
      expect(blocks.slice(firstOther < 0 ? blocks.length : firstOther).some((b) => b.type === 'thinking' || b.type === 'redacted_thinking')).toBe(false);
    }
  });
});

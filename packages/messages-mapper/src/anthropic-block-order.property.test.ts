import { fc, test } from '@fast-check/vitest';
import type { ChatCompletion } from '@interlingua/openai-schema';
import { createFixedEnvironment } from '@interlingua/openai-schema';
import { describe, expect } from 'vitest';
import { CONTINUATION_PREFIX } from './continuation-carrier.js';
import { convertChatCompletionToMessage } from './convert-chat-completion-to-message.js';
import { convertMessagesRequestToChat } from './convert-messages-request-to-chat.js';

/**
 * Property: any sequence of non-empty text, signed thinking, redacted thinking and tool_use blocks in a client's
 * assistant turn, mapped to the hub and back as the hub's reply (a chat completion whose message is that hub
 * message), is the same blocks again: block for block when thinking is interleaved (a thinking block after a text or
 * tool_use) or a text block has citations, else in the default order (thinking, the texts joined as one block, tool
 * calls).
 */
type Block = Record<string, unknown> & { type: string };

const block: fc.Arbitrary<Block> = fc.oneof(
  fc.record({ type: fc.constant('text'), text: fc.string({ minLength: 1, maxLength: 8, unit: 'grapheme' }) }),
  fc.record({
    type: fc.constant('text'),
    text: fc.string({ minLength: 1, maxLength: 8, unit: 'grapheme' }),
    citations: fc.array(fc.record({ type: fc.constant('web_search_result_location'), url: fc.webUrl(), title: fc.string({ maxLength: 4 }), cited_text: fc.string({ maxLength: 6 }), encrypted_index: fc.string({ maxLength: 6 }) }), { minLength: 1, maxLength: 2 }),
  }),
  fc.record({ type: fc.constant('thinking'), thinking: fc.string({ maxLength: 8 }), signature: fc.string({ minLength: 1, maxLength: 6 }) }),
  fc.record({ type: fc.constant('redacted_thinking'), data: fc.string({ maxLength: 6 }).filter((data) => !data.startsWith(CONTINUATION_PREFIX)) }),
  fc.record({
    type: fc.constant('tool_use'),
    id: fc.stringMatching(/^toolu_[a-zA-Z0-9_-]{1,6}$/),
    name: fc.constantFrom('f', 'get_weather'),
    input: fc.dictionary(fc.string({ maxLength: 3 }), fc.oneof(fc.integer(), fc.string({ maxLength: 3 }), fc.boolean())),
  }),
);

const isThinking = (b: Block) => b.type === 'thinking' || b.type === 'redacted_thinking';

/** What the Message holds for `blocks`, from the blocks alone. */
function expectedContent(blocks: Block[]): Block[] {
  const firstOther = blocks.findIndex((b) => !isThinking(b));
  const interleaved = firstOther >= 0 && blocks.slice(firstOther).some(isThinking);
  const cited = blocks.some((b) => Array.isArray(b.citations) && b.citations.length > 0);
  // A reply's text block carries `citations: null`, or, in a turn that keeps its order (interleaved thinking or a
  // cited text block), the citations it came with.
  const asReply = (b: Block): Block => (b.type === 'text' ? { ...b, citations: b.citations ?? null } : b);
  if (interleaved || cited) return blocks.map(asReply);
  const text = blocks.filter((b) => b.type === 'text').map((b) => b.text as string).join('');
  return [
    ...blocks.filter(isThinking),
    ...(text !== '' ? [{ type: 'text', text, citations: null }] : []),
    ...blocks.filter((b) => b.type === 'tool_use'),
  ];
}

function roundTrip(blocks: Block[]) {
  const request = convertMessagesRequestToChat({
    model: 'claude-x',
    max_tokens: 100,
    messages: [{ role: 'user', content: 'Q' }, { role: 'assistant', content: blocks }, { role: 'user', content: 'next' }],
  });
  if (!request.ok) throw new Error(JSON.stringify(request.error));
  const completion: ChatCompletion = {
    id: 'chatcmpl-x',
    object: 'chat.completion',
    created: 1,
    model: 'claude-x',
    choices: [{ index: 0, message: request.request.messages[1] as never, finish_reason: 'stop' }],
  };
  return { request, reply: convertChatCompletionToMessage(completion, { context: request.context, environment: createFixedEnvironment({ ids: { chatcmpl: ['chatcmpl-1'] } }) }) };
}

describe('property: an assistant turn through the hub and back keeps its blocks', () => {
  test.prop([fc.array(block, { minLength: 1, maxLength: 8 })], { numRuns: 300 })('interleaved or not', (blocks) => {
    const before = structuredClone(blocks);
    const { request, reply } = roundTrip(blocks);
    expect(blocks).toEqual(before);
    expect(request.warnings).toEqual([]);
    expect(reply.warnings).toEqual([]);
    expect(reply.message.content).toEqual(expectedContent(before));
  });
});

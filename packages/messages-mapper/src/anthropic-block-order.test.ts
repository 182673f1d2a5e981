import { createFixedEnvironment, type ChatCompletion } from '@interlingua/openai-schema';
import { describe, expect, it } from 'vitest';
import { createAnthropicSpecValidators } from '../../messages-schema/test/anthropic-spec-validator.js';
import { orderReplyBlocks } from './anthropic-block-order.js';
import { encodeContinuation } from './continuation-carrier.js';
import { convertChatCompletionToMessage } from './convert-chat-completion-to-message.js';
import { translateHubWarningForMessages } from './convert-openai-error-to-messages.js';
import { convertMessagesRequestToChat } from './convert-messages-request-to-chat.js';
import type { MessagesTranslationContext } from './messages-translation-context.js';

/**
 * The `anthropic_block_order` extension on the Messages front: an assistant turn that interleaves thinking with its
 * text and tool calls keeps its block order through the hub, both ways. Basis: "Send each assistant turn back exactly
 * as the API returned it" and "a prefix check … fails if a thinking block between others was left out or moved"
 * (https://platform.claude.com/docs/en/build-with-claude/preserved-thinking/prefix-checks).
 */

const spec = createAnthropicSpecValidators();
const context: MessagesTranslationContext = { model: 'claude-x', stream: false, stopSequences: [], omitThinking: false };
const environment = () => createFixedEnvironment({ ids: { chatcmpl: ['chatcmpl-abc123'] } });

function hubAssistant(content: unknown[]) {
  const result = convertMessagesRequestToChat({
    model: 'claude-x',
    max_tokens: 100,
    messages: [{ role: 'user', content: 'Weather?' }, { role: 'assistant', content }, { role: 'user', content: 'go on' }],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return { message: result.request.messages[1] as Record<string, unknown>, paths: result.paths, warnings: result.warnings };
}

function replyWith(message: Record<string, unknown>): ChatCompletion {
  return { id: 'chatcmpl-x', object: 'chat.completion', created: 1, model: 'claude-x', choices: [{ index: 0, message: { role: 'assistant', ...message } as never, finish_reason: 'tool_calls' }] };
}

const toMessage = (message: Record<string, unknown>) => convertChatCompletionToMessage(replyWith(message), { context, environment: environment() });

// 'Checking 🌞.' is 12 UTF-16 code units: 9 for 'Checking ', 2 for the sun (a surrogate pair), 1 for '.'.
const interleaved = [
  { type: 'thinking', thinking: 'Look it up.', signature: 'sig-1' },
  { type: 'text', text: 'Checking 🌞.' },
  { type: 'thinking', thinking: 'Call the tool.', signature: 'sig-2' },
  { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Lisbon' } },
];

describe('a client assistant turn → the hub message', () => {
  it('records an interleaved turn [thinking, text, thinking, tool_use], text lengths in UTF-16 code units', () => {
    const { message, warnings } = hubAssistant(interleaved);
    expect(message).toEqual({
      role: 'assistant',
      content: 'Checking 🌞.',
      reasoning_content: 'Look it up.Call the tool.',
      thinking_blocks: [
        { type: 'thinking', thinking: 'Look it up.', signature: 'sig-1' },
        { type: 'thinking', thinking: 'Call the tool.', signature: 'sig-2' },
      ],
      tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Lisbon"}' } }],
      anthropic_block_order: ['thinking', 'text:12', 'thinking', 'tool_use'],
    });
    expect(warnings).toEqual([]);
  });

  it('records redacted thinking after a tool call, and leaves the continuation carrier out', () => {
    const carrier = { type: 'redacted_thinking', data: encodeContinuation({ m: { google: { thought_signatures: [] } } }) };
    const { message } = hubAssistant([{ type: 'text', text: 'ab' }, { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} }, { type: 'redacted_thinking', data: 'EmwK' }, carrier]);
    expect(message['anthropic_block_order']).toEqual(['text:2', 'tool_use', 'redacted_thinking']);
  });

  it.each([
    ['thinking leads', [interleaved[0], interleaved[2], interleaved[1], interleaved[3]]],
    ['no thinking', [interleaved[1], interleaved[3]]],
    ['only a continuation carrier follows the text', [interleaved[1], { type: 'redacted_thinking', data: encodeContinuation({ m: {} }) }]],
    ['an unsigned thinking block (dropped from thinking_blocks) is in the turn', [interleaved[0], interleaved[1], { type: 'thinking', thinking: 'x', signature: '' }, interleaved[2]]],
  ])('writes no order when %s', (_name, content) => {
    expect(hubAssistant(content)).not.toHaveProperty('message.anthropic_block_order');
  });

  it("names the client's content when a hub warning is about the order", () => {
    const { paths } = hubAssistant(interleaved);
    const warning = translateHubWarningForMessages({ code: 'block_order_ignored', param: 'messages[1].anthropic_block_order', message: 'messages[1].anthropic_block_order no longer matches.' }, paths);
    expect(warning.param).toBe('messages.1.content');
  });
});

describe('a hub reply → the Message', () => {
  // The hub message the Anthropic mapper makes of the `interleaved` reply, written out field by field.
  const hubReply = {
    content: 'Checking 🌞.',
    reasoning_content: 'Look it up.Call the tool.',
    thinking_blocks: [
      { type: 'thinking', thinking: 'Look it up.', signature: 'sig-1' },
      { type: 'thinking', thinking: 'Call the tool.', signature: 'sig-2' },
    ],
    tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Lisbon"}' } }],
    anthropic_block_order: ['thinking', 'text:12', 'thinking', 'tool_use'],
  };
  const withCitations = (blocks: Array<Record<string, unknown>>) => blocks.map((block) => (block.type === 'text' ? { ...block, citations: null } : block));
  const defaultOrder = withCitations([interleaved[0]!, interleaved[2]!, interleaved[1]!, interleaved[3]!]);

  it('puts the blocks in the order the reply records, text cut by its lengths', () => {
    const { message, warnings } = toMessage(hubReply);
    expect(message.content).toEqual(withCitations(interleaved));
    expect(warnings).toEqual([]);
    expect(spec.message(message), JSON.stringify(spec.message.errors)).toBe(true);
  });

  it('cuts several text blocks out of the content and keeps the continuation block last', () => {
    const { message } = toMessage({ ...hubReply, content: 'ab🌞c', anthropic_block_order: ['text:2', 'thinking', 'text:3', 'thinking', 'tool_use'], extra_content: { k: 1 } });
    expect(message.content.map((block) => (block.type === 'text' ? block.text : block.type))).toEqual(['ab', 'thinking', '🌞c', 'thinking', 'tool_use', 'redacted_thinking']);
  });

  const [first, second] = hubReply.thinking_blocks;
  const text = (value: string) => ({ type: 'text', text: value, citations: null });
  const call = (id: string, name: string, input: Record<string, unknown>) => ({ type: 'tool_use', id, name, input });
  const lisbon = call('toolu_1', 'get_weather', { city: 'Lisbon' });
  it.each([
    ['the content was edited', { content: 'Checking.' }, 'the content is shorter than its text entries', [first, second, text('Checking.'), lisbon]],
    ['a thinking block is missing', { thinking_blocks: [second] }, 'the thinking_blocks do not match', [second, text('Checking 🌞.'), lisbon]],
    ['there is no thinking_blocks, only reasoning_content', { thinking_blocks: undefined }, 'its reasoning_content has no thinking_blocks', [{ type: 'thinking', thinking: 'Look it up.Call the tool.', signature: '' }, text('Checking 🌞.'), lisbon]],
    ['a tool call was added', { tool_calls: [...hubReply.tool_calls, { id: 'toolu_2', type: 'function', function: { name: 'f', arguments: '{}' } }] }, 'the tool calls do not match', [first, second, text('Checking 🌞.'), lisbon, call('toolu_2', 'f', {})]],
    ['it names a server-tool block (anthropic_blocks)', { anthropic_block_order: ['thinking', 'server_tool_use', 'text:12', 'thinking', 'tool_use'], anthropic_blocks: [{ type: 'server_tool_use' }] }, 'the anthropic_blocks do not match', defaultOrder],
    ['the reply has a refusal', { refusal: 'No.' }, 'it has a refusal', [first, second, text('Checking 🌞.No.'), lisbon]],
    ['it is not a list of strings', { anthropic_block_order: 'thinking' }, 'it is not an array', defaultOrder],
  ])('falls back to the default order with a warning when %s', (_name, change, reason, expected) => {
    const { message, warnings } = toMessage({ ...hubReply, ...change });
    expect(warnings).toEqual([expect.objectContaining({ code: 'block_order_ignored', param: 'anthropic_block_order' })]);
    expect(warnings[0]!.message).toContain(reason);
    expect(message.content).toEqual(expected);
  });
});

describe('orderReplyBlocks', () => {
  const sources = { thinking: [{ type: 'thinking' as const, thinking: 't', signature: 's' }], text: 'abc', toolUses: [] };

  it.each([
    ['a length with a leading zero', ['text:03', 'thinking'], '"text:03" is not a text length'],
    ['text left over', ['text:2', 'thinking'], 'the content is longer than its text entries'],
    ['a thinking type swapped', ['text:3', 'redacted_thinking'], 'the thinking_blocks do not match'],
    ['a tool call too many', ['text:3', 'thinking', 'tool_use'], 'the tool calls do not match'],
  ])('reports %s', (_name, order, reason) => {
    expect(orderReplyBlocks(order, sources)).toEqual({ ok: false, reason });
  });

  it('leaves out an empty text segment', () => {
    expect(orderReplyBlocks(['text:0', 'thinking', 'text:3'], sources)).toEqual({ ok: true, blocks: [sources.thinking[0], { type: 'text', text: 'abc', citations: null }] });
  });
});

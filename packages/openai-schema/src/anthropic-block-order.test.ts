import { describe, expect, it } from 'vitest';
import { AnthropicBlockOrderRecorder, orderAssistantBlocks } from './anthropic-block-order.js';

/** The hub's `anthropic_block_order` helpers; the round trips through the mappers are tested in those packages. */

describe('orderAssistantBlocks', () => {
  const t = (type: string, n = 0) => ({ type, n });
  const sources = { thinking: [t('thinking'), t('redacted_thinking')], text: 'abcd', carried: [t('server_tool_use')], toolUses: [t('tool_use')] };
  const makeText = (text: string, citations: unknown[] | undefined) => ({ type: 'text', n: text.length, ...(citations ? { citations } : {}) });

  it('takes each entry from its source, in order', () => {
    expect(orderAssistantBlocks(['text:1', 'thinking', 'server_tool_use', 'text:3', 'redacted_thinking', 'tool_use'], sources, makeText)).toEqual({
      ok: true,
      blocks: [t('text', 1), t('thinking'), t('server_tool_use'), t('text', 3), t('redacted_thinking'), t('tool_use')],
    });
  });

  it.each([
    ['not an array', 'thinking', 'it is not an array'],
    ['a number entry', [1], '1 is not an entry of the block order'],
    ['a text entry without citations', [{ type: 'text', length: 1 }], '{"type":"text","length":1} is not an entry of the block order'],
    ['a bad text length', ['text:01'], '"text:01" is not a text length'],
    ['a thinking type swapped', ['text:4', 'redacted_thinking', 'thinking', 'server_tool_use', 'tool_use'], 'the thinking_blocks do not match'],
    ['a carried block of another type', ['text:4', 'thinking', 'redacted_thinking', 'web_search_tool_result', 'tool_use'], 'the anthropic_blocks do not match'],
    ['a tool call too many', ['text:4', 'thinking', 'redacted_thinking', 'server_tool_use', 'tool_use', 'tool_use'], 'the tool calls do not match'],
    ['a tool call left over', ['text:4', 'thinking', 'redacted_thinking', 'server_tool_use'], 'the tool calls do not match'],
    ['text left over', ['text:3', 'thinking', 'redacted_thinking', 'server_tool_use', 'tool_use'], 'the content is longer than its text entries'],
  ])('reports %s', (_name, order, reason) => {
    expect(orderAssistantBlocks(order, sources, makeText)).toEqual({ ok: false, reason });
  });

  it('gives a text entry with citations its citations', () => {
    const order = [{ type: 'text', length: 4, citations: ['c'] }, 'thinking', 'redacted_thinking', 'server_tool_use', 'tool_use'];
    expect(orderAssistantBlocks(order, sources, makeText)).toEqual({ ok: true, blocks: [{ type: 'text', n: 4, citations: ['c'] }, t('thinking'), t('redacted_thinking'), t('server_tool_use'), t('tool_use')] });
  });

  it('shortens a long bad entry in its reason (it goes into a warning)', () => {
    const result = orderAssistantBlocks([{ type: 'text', note: 'x'.repeat(500) }], sources, makeText);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason.length).toBeLessThan(100);
  });

  it('reports content that is not plain text', () => {
    expect(orderAssistantBlocks(['text:1'], { ...sources, text: null }, makeText)).toEqual({ ok: false, reason: 'the content is not plain text' });
  });
});

describe('AnthropicBlockOrderRecorder: citations', () => {
  it('gives the order when a text block has citations, even without interleaved thinking', () => {
    const recorder = new AnthropicBlockOrderRecorder();
    recorder.add('server_tool_use');
    const text = recorder.add('text');
    expect(recorder.result()).toBeUndefined();
    recorder.setText(text, 5, [{ type: 'web_search_result_location', url: 'u' }]);
    expect(recorder.result()).toEqual(['server_tool_use', { type: 'text', length: 5, citations: [{ type: 'web_search_result_location', url: 'u' }] }]);
  });
});

describe('AnthropicBlockOrderRecorder', () => {
  it('gives no order until a thinking block follows another kind', () => {
    const recorder = new AnthropicBlockOrderRecorder();
    recorder.add('redacted_thinking');
    recorder.add('thinking');
    recorder.add('text', 3);
    expect(recorder.result()).toBeUndefined();
    recorder.add('thinking');
    expect(recorder.result()).toEqual(['redacted_thinking', 'thinking', 'text:3', 'thinking']);
  });
});


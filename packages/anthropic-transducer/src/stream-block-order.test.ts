import { convertAnthropicResponseToOpenAI, type AnthropicTranslationContext } from '@interlingua/anthropic-mapper';
import { createFixedEnvironment } from '@interlingua/openai-schema';
import { describe, expect, it } from 'vitest';
import { frameAnthropicEvents, parseOpenAISseFrames } from '../test/stream-test-helpers.js';
import { createAnthropicToOpenAITranscoder } from './create-anthropic-to-openai-transcoder.js';

/**
 * `anthropic_block_order` in a stream: the finish chunk carries what the non-stream mapper writes on the message,
 * text lengths counted from the streamed text and citations from `citations_delta` (web and document alike).
 */

const context: AnthropicTranslationContext = { requestedModel: 'claude-opus-5-5', stream: true, includeUsage: false, thinking: true, jsonResponse: null };
const environment = () => createFixedEnvironment({ ids: { chatcmpl: ['chatcmpl-order'], fp: ['fp_order'] }, now: 1 });

const webCitation = { type: 'web_search_result_location', url: 'https://weather.example/lisbon', title: 'Lisbon', cited_text: 'Sunny', encrypted_index: 'EqIdx' };
const documentCitation = { type: 'char_location', cited_text: 'cloudy', document_index: 0, document_title: 'Notes', start_char_index: 0, end_char_index: 6 };

const blocks = [
  { type: 'thinking', thinking: 'Search.', signature: 'sig-1' },
  { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'Lisbon' } },
  { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] },
  { type: 'text', text: 'Sunny ☀️ today.', citations: [webCitation, documentCitation] },
  { type: 'thinking', thinking: 'Done.', signature: 'sig-2' },
  { type: 'text', text: ' Bye.' },
];

function events(cutLast: boolean): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [
    { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-opus-5-5', content: [], usage: { input_tokens: 1, output_tokens: 1 } } },
  ];
  blocks.forEach((block, index) => {
    if (block.type === 'thinking') {
      out.push({ type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } });
      out.push({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: block.thinking } });
      out.push({ type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: block.signature } });
    } else if (block.type === 'text') {
      out.push({ type: 'content_block_start', index, content_block: { type: 'text', text: '', citations: [] } });
      for (const citation of block.citations ?? []) out.push({ type: 'content_block_delta', index, delta: { type: 'citations_delta', citation } });
      const text = block.text!;
      out.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: text.slice(0, 7) } });
      out.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: text.slice(7) } });
    } else {
      out.push({ type: 'content_block_start', index, content_block: block });
    }
    if (!(cutLast && index === blocks.length - 1)) out.push({ type: 'content_block_stop', index });
  });
  out.push({ type: 'message_delta', delta: { stop_reason: cutLast ? 'max_tokens' : 'end_turn' }, usage: { output_tokens: 9 } });
  out.push({ type: 'message_stop' });
  return out;
}

function streamedOrder(cutLast: boolean): unknown {
  const transcoder = createAnthropicToOpenAITranscoder({ context, environment: environment() });
  const frames = parseOpenAISseFrames(transcoder.push(new TextEncoder().encode(frameAnthropicEvents(events(cutLast)))) + transcoder.end());
  const withOrder = frames.filter((frame) => typeof frame === 'object' && 'anthropic_block_order' in (frame as { choices: [{ delta: object }] }).choices[0]!.delta);
  expect(withOrder).toHaveLength(1);
  const [frame] = withOrder as Array<{ choices: [{ delta: Record<string, unknown>; finish_reason: string | null }] }>;
  expect(frame!.choices[0].finish_reason).not.toBeNull();
  return frame!.choices[0].delta['anthropic_block_order'];
}

describe('anthropic_block_order in a stream', () => {
  it('is the non-stream mapping of the same reply, citations verbatim and lengths in UTF-16 code units', () => {
    const mapped = convertAnthropicResponseToOpenAI(
      { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-opus-5-5', content: blocks, stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 1, output_tokens: 9 } },
      { context: { ...context, stream: false }, environment: environment() },
    );
    if (!mapped.ok) throw new Error('unmapped');
    const expected = ['thinking', 'server_tool_use', 'web_search_tool_result', { type: 'text', length: 15, citations: [webCitation, documentCitation] }, 'thinking', 'text:5'];
    expect(mapped.response.choices[0]!.message['anthropic_block_order']).toEqual(expected);
    expect(streamedOrder(false)).toEqual(expected);
  });

  it('counts a text block left open by a cut stream as far as it streamed', () => {
    expect(streamedOrder(true)).toEqual(['thinking', 'server_tool_use', 'web_search_tool_result', { type: 'text', length: 15, citations: [webCitation, documentCitation] }, 'thinking', 'text:5']);
  });
});

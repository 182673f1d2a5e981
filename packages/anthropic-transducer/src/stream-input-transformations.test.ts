import type { AnthropicTranslationContext } from '@interlingua/anthropic-mapper';
import { createFixedEnvironment, type TranslationWarning } from '@interlingua/openai-schema';
import { describe, expect, it } from 'vitest';
import { frameAnthropicEvents, parseOpenAISseFrames } from '../test/stream-test-helpers.js';
import { createAnthropicToOpenAITranscoder } from './create-anthropic-to-openai-transcoder.js';

/**
 * `input_transformations` in a stream: "When streaming, the array is final in `message_start`; the final
 * `message_delta` event carries it only when a server-side model fallback happened mid-stream, in which case it holds
 * the serving model's entries and replaces the one in `message_start`" (the Messages API's field description, in the
 * SDKs' generated types). The dropped blocks are reported once, when the stream ends, under the client's fields.
 */

const context: AnthropicTranslationContext = {
  requestedModel: 'claude-fable-5-2',
  stream: true,
  includeUsage: false,
  thinking: true,
  jsonResponse: null,
  thinkingBlockParams: { 'messages.1.content.0': 'messages[2].thinking_blocks[0]', 'messages.3.content.0': 'messages[4].thinking_blocks[0]' },
};

const dropped = (path: string, reason = 'prefix_binding_mismatch') => ({ type: 'thinking_dropped', path, reason });

function run(events: Record<string, unknown>[]): { frames: unknown[]; warnings: TranslationWarning[] } {
  const warnings: TranslationWarning[] = [];
  const transcoder = createAnthropicToOpenAITranscoder({
    context,
    environment: createFixedEnvironment({ ids: { chatcmpl: ['chatcmpl-it'], fp: ['fp_it'] }, now: 1 }),
    onWarning: (warning) => warnings.push(warning),
  });
  const frames = parseOpenAISseFrames(transcoder.push(new TextEncoder().encode(frameAnthropicEvents(events))) + transcoder.end());
  return { frames, warnings };
}

const start = (transformations: unknown) => ({
  type: 'message_start',
  message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-fable-5-2', content: [], usage: { input_tokens: 9, output_tokens: 1 }, input_transformations: transformations },
});
const text = [
  { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi.' } },
  { type: 'content_block_stop', index: 0 },
];

describe('input_transformations in a stream', () => {
  it("reports message_start's list once, at the end, under the client's fields", () => {
    const { frames, warnings } = run([start([dropped('messages.1.content.0'), dropped('messages.3.content.0')]), ...text, { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 3 } }, { type: 'message_stop' }]);
    expect(frames.at(-1)).toBe('[DONE]');
    expect(warnings.map((warning) => [warning.code, warning.param])).toEqual([
      ['thinking_dropped', 'messages[2].thinking_blocks[0]'],
      ['thinking_dropped', 'messages[4].thinking_blocks[0]'],
    ]);
  });

  it("after a server-side fallback, the final message_delta's list replaces message_start's", () => {
    const { warnings } = run([
      start([dropped('messages.1.content.0')]),
      ...text,
      { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 3 }, input_transformations: [dropped('messages.3.content.0', 'model_binding_mismatch')] },
      { type: 'message_stop' },
    ]);
    expect(warnings.map((warning) => [warning.code, warning.param])).toEqual([['thinking_dropped', 'messages[4].thinking_blocks[0]']]);
    expect(warnings[0]!.message).toContain('a model whose reasoning this model may not read');
  });

  it('reports nothing for the empty list every reply under the beta carries', () => {
    const { warnings } = run([start([]), ...text, { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 3 } }, { type: 'message_stop' }]);
    expect(warnings).toEqual([]);
  });

  it('still reports them when the stream ends early (the input was changed all the same)', () => {
    const { frames, warnings } = run([start([dropped('messages.1.content.0')]), ...text]);
    expect((frames.at(-1) as { error?: { code?: string } }).error?.code).toBe('upstream_stream_truncated');
    expect(warnings.map((warning) => warning.code)).toEqual(['thinking_dropped']);
  });
});

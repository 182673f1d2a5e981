import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { createFixedEnvironment, type ChatCompletionChunk } from '@interlingua/openai-schema';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AnthropicStreamEvent } from './anthropic-stream-event.js';
import { createAnthropicToOpenAIStreamState } from './anthropic-to-openai-stream-state.js';
import { stepAnthropicStreamEvent, type OpenAIStreamFrame } from './step-anthropic-stream-event.js';

/** Type level: every event type of the official SDK is one of the events the step reads (checked by tsc). */
function acceptsSdkEvent(event: RawMessageStreamEvent): AnthropicStreamEvent {
  return event;
}

describe('@anthropic-ai/sdk stream event types', () => {
  it('RawMessageStreamEvent is assignable to the step input', () => {
    expectTypeOf<RawMessageStreamEvent>().toExtend<AnthropicStreamEvent>();
    expectTypeOf<RawMessageStreamEvent>().toExtend<Parameters<typeof stepAnthropicStreamEvent>[0]>();
  });

  it('the step consumes SDK-typed events', () => {
    const events: RawMessageStreamEvent[] = [
      {
        type: 'message_start',
        message: {
          id: 'msg_sdk',
          type: 'message',
          role: 'assistant',
          model: 'claude-sonnet-4-5',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 3, output_tokens: 1 },
        } as unknown as Extract<RawMessageStreamEvent, { type: 'message_start' }>['message'],
      },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '', citations: null } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { output_tokens: 2 },
      } as unknown as Extract<RawMessageStreamEvent, { type: 'message_delta' }>,
      { type: 'message_stop' },
    ];
    const state = createAnthropicToOpenAIStreamState({
      context: { requestedModel: 'claude-sonnet-4-5', includeUsage: false },
      environment: createFixedEnvironment(),
    });
    const frames: OpenAIStreamFrame[] = events.flatMap((event) => stepAnthropicStreamEvent(acceptsSdkEvent(event), state));
    expect(frames.map((frame) => (typeof frame === 'string' ? frame : (frame as ChatCompletionChunk).choices[0]?.delta))).toEqual([
      { role: 'assistant', content: '', refusal: null },
      { content: 'Hi' },
      {},
      '[DONE]',
    ]);
  });
});

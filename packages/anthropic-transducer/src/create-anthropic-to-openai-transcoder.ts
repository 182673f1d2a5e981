import { createSseDecoder, type SseEvent } from '@interlingua/sse';
import type { AnthropicToOpenAIStreamOptions } from './anthropic-to-openai-stream-options.js';
import { createAnthropicToOpenAIStreamState, type AnthropicToOpenAIStreamState } from './anthropic-to-openai-stream-state.js';
import { createOpenAIStreamFrameFormatter } from './format-openai-stream-frame.js';
import { endAnthropicStream, rejectAnthropicStreamData, stepAnthropicStreamEvent, type OpenAIStreamFrame } from './step-anthropic-stream-event.js';

/** The synchronous byte path: Anthropic SSE in, OpenAI SSE text out, no promises and no stream machinery. */
export interface AnthropicToOpenAITranscoder {
  /** Feeds upstream bytes (split anywhere); returns the OpenAI SSE text they complete (often `''`). */
  push(chunk: Uint8Array | string): string;
  /** Ends the upstream; returns the remaining text (an error payload when the stream stopped before `message_stop`). */
  end(): string;
  /** The stream state (read-only use: id, model, phase). */
  readonly state: AnthropicToOpenAIStreamState;
}

/**
 * Creates the synchronous core the TransformStream wraps: the SSE decoder of `@interlingua/sse`, the JSON parse of
 * each event, {@link stepAnthropicStreamEvent}, and the frame formatter. Memory is bounded by the largest single
 * event plus the open block's state.
 */
export function createAnthropicToOpenAITranscoder(options: AnthropicToOpenAIStreamOptions): AnthropicToOpenAITranscoder {
  const state = createAnthropicToOpenAIStreamState(options);
  const formatter = createOpenAIStreamFrameFormatter(state);
  let output = '';

  function handle(frames: readonly OpenAIStreamFrame[]): void {
    if (frames.length !== 0) output += formatter.format(frames);
  }

  const decoder = createSseDecoder((event: SseEvent) => {
    if (state.phase === 'finished' || state.phase === 'failed') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(event.data);
    } catch {
      handle(rejectAnthropicStreamData(state, event.event));
      return;
    }
    if (parsed === null || typeof parsed !== 'object' || typeof (parsed as { type?: unknown }).type !== 'string') {
      handle(rejectAnthropicStreamData(state, event.event));
      return;
    }
    handle(stepAnthropicStreamEvent(parsed as { type: string }, state));
  });

  return {
    state,
    push(chunk) {
      decoder.push(chunk);
      const text = output;
      output = '';
      return text;
    },
    end() {
      decoder.end();
      handle(endAnthropicStream(state));
      const text = output;
      output = '';
      return text;
    },
  };
}

import type { OpenAIStreamFrameSink } from '@interlingua/openai-schema';
import { createSseDecoder, ParseError, type SseEvent } from '@interlingua/sse';
import type { AnthropicToOpenAIStreamOptions } from './anthropic-to-openai-stream-options.js';
import { createAnthropicToOpenAIStreamState, type AnthropicToOpenAIStreamState } from './anthropic-to-openai-stream-state.js';
import { createOpenAIStreamFrameFormatter } from './format-openai-stream-frame.js';
import { endAnthropicStream, rejectAnthropicStreamData, stepAnthropicStreamEvent, type OpenAIStreamFrame } from './step-anthropic-stream-event.js';

export interface AnthropicToOpenAITranscoderOptions extends AnthropicToOpenAIStreamOptions {
  /**
   * Receives the OpenAI frames as objects instead of their SSE text (`push` and `end` then return `''`): for a next
   * step in the same process that reads objects (a client API's transducer), so the frames are not serialised and
   * parsed again.
   */
  onFrames?: OpenAIStreamFrameSink;
}

/** The synchronous byte path: Anthropic SSE in, OpenAI SSE text out, no promises and no stream machinery. */
export interface AnthropicToOpenAITranscoder {
  /** Feeds upstream bytes (split anywhere); returns the OpenAI SSE text they complete (often `''`; always with `onFrames`). */
  push(chunk: Uint8Array | string): string;
  /** Ends the upstream; returns the remaining text (an error payload when the stream stopped before `message_stop`). */
  end(): string;
  /** The stream state (read-only use: id, model, phase). */
  readonly state: AnthropicToOpenAIStreamState;
  /** True once the answer is complete or the stream has failed: later input is ignored. */
  readonly settled: boolean;
}

/**
 * Creates the synchronous core the TransformStream wraps: the SSE decoder of `@interlingua/sse`, the JSON parse of
 * each event, {@link stepAnthropicStreamEvent}, and the frame formatter. Memory is bounded by the largest single
 * event plus the open block's state.
 */
export function createAnthropicToOpenAITranscoder(options: AnthropicToOpenAITranscoderOptions): AnthropicToOpenAITranscoder {
  const state = createAnthropicToOpenAIStreamState(options);
  const formatter = createOpenAIStreamFrameFormatter(state);
  const onFrames = options.onFrames;
  let output = '';

  function handle(frames: readonly OpenAIStreamFrame[]): void {
    if (frames.length === 0) return;
    if (onFrames) onFrames(frames);
    else output += formatter.format(frames);
  }

  const isSettled = (): boolean => state.phase === 'finished' || state.phase === 'failed';

  const decoder = createSseDecoder(
    (event: SseEvent) => {
      if (isSettled()) return;
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
    },
    {
      ...(options.maxEventSize !== undefined ? { maxBufferSize: options.maxEventSize } : {}),
      ...(options.createUtf8Decoder ? { createUtf8Decoder: options.createUtf8Decoder } : {}),
    },
  );

  // The decoder throws when an event outgrows `maxEventSize`: the stream ends with an error payload.
  const fail = (error: unknown): void => {
    if (isSettled()) return;
    state.phase = 'failed';
    const tooLarge = error instanceof ParseError && error.type === 'max-buffer-size-exceeded';
    const message = tooLarge
      ? `The upstream sent a stream event longer than ${options.maxEventSize} characters; the response is incomplete.`
      : 'The upstream stream could not be decoded; the response is incomplete.';
    handle([{ error: { message, type: 'api_error', param: null, code: tooLarge ? 'upstream_event_too_large' : 'invalid_upstream_event' } }]);
  };

  return new AnthropicTranscoderHandle(
    state,
    (chunk) => {
      if (!isSettled()) {
        try {
          decoder.push(chunk);
        } catch (error) {
          fail(error);
        }
      }
      const text = output;
      output = '';
      return text;
    },
    () => {
      if (!isSettled()) {
        try {
          decoder.end();
        } catch (error) {
          fail(error);
        }
      }
      handle(endAnthropicStream(state));
      const text = output;
      output = '';
      return text;
    },
  );
}

/**
 * The transcoder object: its methods are the stream's closures; `settled` is a getter on the prototype (an object
 * literal with a getter is a dictionary-mode object of about 700 bytes, once per stream).
 */
class AnthropicTranscoderHandle implements AnthropicToOpenAITranscoder {
  constructor(
    readonly state: AnthropicToOpenAIStreamState,
    readonly push: (chunk: Uint8Array | string) => string,
    readonly end: () => string,
  ) {}

  get settled(): boolean {
    return this.state.phase === 'finished' || this.state.phase === 'failed';
  }
}

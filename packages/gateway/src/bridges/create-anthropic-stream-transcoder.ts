import {
  createAnthropicToOpenAIStreamState,
  createOpenAIStreamFrameFormatter,
  endAnthropicStream,
  rejectAnthropicStreamData,
  stepAnthropicStreamEvent,
  type AnthropicToOpenAIStreamOptions,
  type OpenAIStreamFrame,
} from '@interlingua/anthropic-transducer';
import { createSseDecoder, ParseError, type SseEvent } from '@interlingua/sse';
import type { UpstreamStreamTranscoder } from './provider-bridge.js';

/**
 * The Anthropic byte path of `@interlingua/anthropic-transducer` (its SSE decoding, step and frame formatter) with a
 * bound on a single event: an event longer than `maxEventBytes` characters ends the stream with an error payload
 * (`upstream_event_too_large`) instead of growing the buffer without end.
 */
export function createAnthropicStreamTranscoder(options: AnthropicToOpenAIStreamOptions, maxEventBytes: number): UpstreamStreamTranscoder {
  const state = createAnthropicToOpenAIStreamState(options);
  const formatter = createOpenAIStreamFrameFormatter(state);
  const encoder = new TextEncoder();
  let output = '';
  const handle = (frames: readonly OpenAIStreamFrame[]): void => {
    if (frames.length !== 0) output += formatter.format(frames);
  };
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
    { maxBufferSize: maxEventBytes },
  );

  const fail = (error: unknown): void => {
    if (isSettled()) return;
    state.phase = 'failed';
    const tooLarge = error instanceof ParseError && error.type === 'max-buffer-size-exceeded';
    const message = tooLarge
      ? `The upstream sent a stream event longer than ${maxEventBytes} characters; the response is incomplete.`
      : 'The upstream stream could not be decoded; the response is incomplete.';
    handle([{ error: { message, type: 'api_error', param: null, code: tooLarge ? 'upstream_event_too_large' : 'invalid_upstream_event' } }]);
  };

  const take = (): Uint8Array => {
    if (output === '') return new Uint8Array(0);
    const bytes = encoder.encode(output);
    output = '';
    return bytes;
  };

  return {
    push(chunk) {
      if (isSettled()) return take();
      try {
        decoder.push(chunk);
      } catch (error) {
        fail(error);
      }
      return take();
    },
    end() {
      if (!isSettled()) {
        try {
          decoder.end();
        } catch (error) {
          fail(error);
        }
      }
      handle(endAnthropicStream(state));
      return take();
    },
    get settled() {
      return isSettled();
    },
  };
}

import type { OpenAIStreamFrameSink } from '@interlingua/openai-schema';
import { createSseDecoder, ParseError, type SseDecoder, type SseDecoderOptions, type SseEvent } from '@interlingua/sse';
import type { AnthropicToOpenAIStreamOptions } from './anthropic-to-openai-stream-options.js';
import { createAnthropicToOpenAIStreamState, type AnthropicToOpenAIStreamState } from './anthropic-to-openai-stream-state.js';
import { createOpenAIStreamFrameFormatter, type OpenAIStreamFrameFormatter } from './format-openai-stream-frame.js';
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
  return new AnthropicTranscoder(options);
}

/**
 * The transcoder as one object per stream (a stream mostly waits: one object holds less than a closure per step).
 * `settled` is a getter on the prototype (an object literal with a getter is a dictionary-mode object of about 700
 * bytes, once per stream).
 */
class AnthropicTranscoder implements AnthropicToOpenAITranscoder {
  readonly state: AnthropicToOpenAIStreamState;
  private readonly formatter: OpenAIStreamFrameFormatter;
  private readonly onFrames: OpenAIStreamFrameSink | undefined;
  private readonly maxEventSize: number | undefined;
  private readonly decoder: SseDecoder;
  private output = '';

  constructor(options: AnthropicToOpenAITranscoderOptions) {
    this.state = createAnthropicToOpenAIStreamState(options);
    this.formatter = createOpenAIStreamFrameFormatter(this.state);
    this.onFrames = options.onFrames;
    this.maxEventSize = options.maxEventSize;
    const decoderOptions: SseDecoderOptions = {};
    if (options.maxEventSize !== undefined) decoderOptions.maxBufferSize = options.maxEventSize;
    if (options.createUtf8Decoder) decoderOptions.createUtf8Decoder = options.createUtf8Decoder;
    this.decoder = createSseDecoder((event) => this.onEvent(event), decoderOptions);
  }

  get settled(): boolean {
    return this.state.phase === 'finished' || this.state.phase === 'failed';
  }

  push(chunk: Uint8Array | string): string {
    if (!this.settled) {
      try {
        this.decoder.push(chunk);
      } catch (error) {
        this.fail(error);
      }
    }
    return this.takeOutput();
  }

  end(): string {
    if (!this.settled) {
      try {
        this.decoder.end();
      } catch (error) {
        this.fail(error);
      }
    }
    this.handle(endAnthropicStream(this.state));
    return this.takeOutput();
  }

  private onEvent(event: SseEvent): void {
    if (this.settled) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(event.data);
    } catch {
      this.handle(rejectAnthropicStreamData(this.state, event.event));
      return;
    }
    if (parsed === null || typeof parsed !== 'object' || typeof (parsed as { type?: unknown }).type !== 'string') {
      this.handle(rejectAnthropicStreamData(this.state, event.event));
      return;
    }
    this.handle(stepAnthropicStreamEvent(parsed as { type: string }, this.state));
  }

  private handle(frames: readonly OpenAIStreamFrame[]): void {
    if (frames.length === 0) return;
    if (this.onFrames) this.onFrames(frames);
    else this.output += this.formatter.format(frames);
  }

  /** The decoder throws when an event outgrows `maxEventSize`: the stream ends with an error payload. */
  private fail(error: unknown): void {
    if (this.settled) return;
    this.state.phase = 'failed';
    const tooLarge = error instanceof ParseError && error.type === 'max-buffer-size-exceeded';
    const message = tooLarge
      ? `The upstream sent a stream event longer than ${this.maxEventSize} characters; the response is incomplete.`
      : 'The upstream stream could not be decoded; the response is incomplete.';
    this.handle([{ error: { message, type: 'api_error', param: null, code: tooLarge ? 'upstream_event_too_large' : 'invalid_upstream_event' } }]);
  }

  private takeOutput(): string {
    const text = this.output;
    this.output = '';
    return text;
  }
}

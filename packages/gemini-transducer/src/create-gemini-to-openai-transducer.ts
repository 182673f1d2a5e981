import { encodeUtf8, type ChatCompletionChunk, type OpenAIStreamFrameSink, type Utf8Encoder } from '@interlingua/openai-schema';
import { createSseDecoder, type SseDecoder, type SseDecoderOptions, type SseEvent, type Utf8StreamDecoderFactory } from '@interlingua/sse';
import { createStreamErrorPayload } from './convert-gemini-stream-error-to-openai.js';
import { finishGeminiToOpenAIStream } from './finish-gemini-to-openai-stream.js';
import {
  createGeminiToOpenAIStreamState,
  type GeminiToOpenAIStreamOptions,
  type GeminiToOpenAIStreamState,
} from './gemini-to-openai-stream-state.js';
import { parseGeminiStreamEvent } from './parse-gemini-stream-event.js';
import { translateGeminiStreamEvent, type OpenAIStreamOutput } from './translate-gemini-stream-event.js';

export interface GeminiToOpenAITransducerOptions extends GeminiToOpenAIStreamOptions {
  /**
   * Largest single upstream event, in characters (default 32 MiB: Gemini image answers carry inline base64). A larger
   * event ends the stream with an error payload. Memory is bounded by this, never by the stream's length.
   */
  maxEventSize?: number;
  /**
   * Receives the OpenAI frames as objects instead of their SSE bytes (`push` and `end` then return no bytes): for a
   * next step in the same process that reads objects (a client API's transducer), so the frames are not serialised
   * and parsed again.
   */
  onFrames?: OpenAIStreamFrameSink;
  /** How the output text becomes bytes (default: `TextEncoder`; see `Utf8Encoder`). */
  encodeUtf8?: Utf8Encoder;
  /** How the upstream bytes become text (default: `TextDecoder`; see `Utf8StreamDecoderFactory` of `@interlingua/sse`). */
  createUtf8Decoder?: Utf8StreamDecoderFactory;
}

/** The synchronous byte-level core: Gemini SSE bytes in, OpenAI SSE bytes out. */
export interface GeminiToOpenAITransducer {
  /** Feeds the next network chunk (split anywhere); returns the OpenAI SSE bytes it completes (maybe empty). */
  push(chunk: Uint8Array | string): Uint8Array;
  /** The upstream ended: returns the final bytes (usage chunk and `data: [DONE]`, or an error payload). */
  end(): Uint8Array;
  /** The stream state (read-only use: e.g. `state.failed`). */
  readonly state: GeminiToOpenAIStreamState;
}

const EMPTY = new Uint8Array(0);
const DONE = 'data: [DONE]\n\n';

/**
 * Creates the synchronous core of the Gemini → OpenAI stream translation: an incremental SSE decoder
 * (`@interlingua/sse`, CRLF or LF framing, bytes split anywhere), {@link parseGeminiStreamEvent},
 * {@link translateGeminiStreamEvent} and the SSE encoder, with no promises or stream machinery in between.
 * `data: [DONE]` ends every successful stream (Gemini sends none); after an error payload the output simply ends.
 */
export function createGeminiToOpenAITransducer(options: GeminiToOpenAITransducerOptions): GeminiToOpenAITransducer {
  return new GeminiTransducer(options);
}

/** The transducer as one object per stream (methods on the prototype rather than a closure each). */
class GeminiTransducer implements GeminiToOpenAITransducer {
  readonly state: GeminiToOpenAIStreamState;
  private readonly encode: Utf8Encoder;
  private readonly onFrames: OpenAIStreamFrameSink | undefined;
  private readonly decoder: SseDecoder;
  // Chunks of one choice are serialised around a prefix computed once (id, object, created, model never change):
  // the same JSON as JSON.stringify(chunk), in the same key order, at about half the cost.
  private readonly prefix: string;
  private readonly suffix: string;
  private pending = '';

  constructor(options: GeminiToOpenAITransducerOptions) {
    const state = (this.state = createGeminiToOpenAIStreamState(options));
    this.encode = options.encodeUtf8 ?? encodeUtf8;
    this.onFrames = options.onFrames;
    this.prefix = `{"id":${JSON.stringify(state.id)},"object":"chat.completion.chunk","created":${JSON.stringify(state.created)},"model":${JSON.stringify(state.model)},"choices":[{"index":`;
    this.suffix = state.includeUsage ? '}],"usage":null}' : '}]}';
    const decoderOptions: SseDecoderOptions = { maxBufferSize: options.maxEventSize ?? 32 * 1024 * 1024 };
    if (options.createUtf8Decoder) decoderOptions.createUtf8Decoder = options.createUtf8Decoder;
    this.decoder = createSseDecoder((event) => this.onEvent(event), decoderOptions);
  }

  push(chunk: Uint8Array | string): Uint8Array {
    const state = this.state;
    if (state.failed) return this.take();
    try {
      this.decoder.push(chunk);
    } catch (error) {
      if (!state.failed) {
        state.failed = true;
        const message = error instanceof Error ? error.message : String(error);
        this.write([createStreamErrorPayload(`The upstream stream could not be decoded: ${message}`, 'upstream_invalid_event')]);
      }
    }
    return this.take();
  }

  end(): Uint8Array {
    const state = this.state;
    if (!state.failed && !state.ended) {
      try {
        this.decoder.end();
      } catch (error) {
        state.failed = true;
        const message = error instanceof Error ? error.message : String(error);
        this.write([createStreamErrorPayload(`The upstream stream could not be decoded: ${message}`, 'upstream_invalid_event')]);
      }
      this.write(finishGeminiToOpenAIStream(state));
      if (!state.failed) {
        if (this.onFrames) this.onFrames(['[DONE]']);
        else this.pending += DONE;
      }
    }
    return this.take();
  }

  private onEvent(event: SseEvent): void {
    const state = this.state;
    if (state.failed) return;
    const data = event.data;
    if (data === '' || data === '[DONE]') return;
    const parsed = parseGeminiStreamEvent(data);
    if (!parsed.ok) {
      state.failed = true;
      this.write([createStreamErrorPayload(parsed.message, 'upstream_invalid_event')]);
      return;
    }
    this.write(translateGeminiStreamEvent(parsed.event, state));
  }

  private serialize(output: OpenAIStreamOutput): string {
    const choices = (output as ChatCompletionChunk).choices;
    if (choices === undefined || choices.length !== 1 || (output as ChatCompletionChunk).usage) return JSON.stringify(output);
    const choice = choices[0]!;
    const finish = choice.finish_reason;
    return `${this.prefix}${choice.index},"delta":${JSON.stringify(choice.delta)},"logprobs":null,"finish_reason":${finish === null || finish === undefined ? 'null' : JSON.stringify(finish)}${this.suffix}`;
  }

  // JSON text never holds a raw CR or LF (JSON.stringify escapes them), so each payload is one `data:` line: the
  // frame is written directly instead of scanning every payload for line breaks (formatSseData's general case).
  private write(outputs: OpenAIStreamOutput[]): void {
    if (this.onFrames) {
      if (outputs.length !== 0) this.onFrames(outputs);
      return;
    }
    for (let i = 0; i < outputs.length; i++) this.pending += `data: ${this.serialize(outputs[i]!)}\n\n`;
  }

  private take(): Uint8Array {
    if (this.pending === '') return EMPTY;
    const bytes = this.encode(this.pending);
    this.pending = '';
    return bytes;
  }
}

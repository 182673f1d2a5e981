import { encodeUtf8, type ChatCompletionChunk, type OpenAIStreamFrameSink, type Utf8Encoder } from '@interlingua/openai-schema';
import { createSseDecoder, type SseEvent, type Utf8StreamDecoderFactory } from '@interlingua/sse';
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
  const state = createGeminiToOpenAIStreamState(options);
  const encode = options.encodeUtf8 ?? encodeUtf8;
  let pending = '';

  // Chunks of one choice are serialised around a prefix computed once (id, object, created, model never change):
  // the same JSON as JSON.stringify(chunk), in the same key order, at about half the cost.
  const prefix = `{"id":${JSON.stringify(state.id)},"object":"chat.completion.chunk","created":${JSON.stringify(state.created)},"model":${JSON.stringify(state.model)},"choices":[{"index":`;
  const suffix = state.includeUsage ? '}],"usage":null}' : '}]}';
  const serialize = (output: OpenAIStreamOutput): string => {
    const choices = (output as ChatCompletionChunk).choices;
    if (choices === undefined || choices.length !== 1 || (output as ChatCompletionChunk).usage) return JSON.stringify(output);
    const choice = choices[0]!;
    const finish = choice.finish_reason;
    return `${prefix}${choice.index},"delta":${JSON.stringify(choice.delta)},"logprobs":null,"finish_reason":${finish === null || finish === undefined ? 'null' : JSON.stringify(finish)}${suffix}`;
  };
  // JSON text never holds a raw CR or LF (JSON.stringify escapes them), so each payload is one `data:` line: the
  // frame is written directly instead of scanning every payload for line breaks (formatSseData's general case).
  const onFrames = options.onFrames;
  const write = (outputs: OpenAIStreamOutput[]): void => {
    if (onFrames) {
      if (outputs.length !== 0) onFrames(outputs);
      return;
    }
    for (let i = 0; i < outputs.length; i++) pending += `data: ${serialize(outputs[i]!)}\n\n`;
  };

  const onEvent = (event: SseEvent): void => {
    if (state.failed) return;
    const data = event.data;
    if (data === '' || data === '[DONE]') return;
    const parsed = parseGeminiStreamEvent(data);
    if (!parsed.ok) {
      state.failed = true;
      write([createStreamErrorPayload(parsed.message, 'upstream_invalid_event')]);
      return;
    }
    write(translateGeminiStreamEvent(parsed.event, state));
  };

  const decoder = createSseDecoder(onEvent, {
    maxBufferSize: options.maxEventSize ?? 32 * 1024 * 1024,
    ...(options.createUtf8Decoder ? { createUtf8Decoder: options.createUtf8Decoder } : {}),
  });

  const take = (): Uint8Array => {
    if (pending === '') return EMPTY;
    const bytes = encode(pending);
    pending = '';
    return bytes;
  };

  return {
    state,
    push(chunk) {
      if (state.failed) return take();
      try {
        decoder.push(chunk);
      } catch (error) {
        if (!state.failed) {
          state.failed = true;
          const message = error instanceof Error ? error.message : String(error);
          write([createStreamErrorPayload(`The upstream stream could not be decoded: ${message}`, 'upstream_invalid_event')]);
        }
      }
      return take();
    },
    end() {
      if (!state.failed && !state.ended) {
        try {
          decoder.end();
        } catch (error) {
          state.failed = true;
          const message = error instanceof Error ? error.message : String(error);
          write([createStreamErrorPayload(`The upstream stream could not be decoded: ${message}`, 'upstream_invalid_event')]);
        }
        write(finishGeminiToOpenAIStream(state));
        if (!state.failed) {
          if (onFrames) onFrames(['[DONE]']);
          else pending += DONE;
        }
      }
      return take();
    },
  };
}

import { encodeUtf8, type ChatCompletionChunk, type OpenAIStreamFrame, type TranslationEnvironment, type TranslationWarning, type Utf8Encoder } from '@interlingua/openai-schema';
import type { ResponsesTranslationContext } from '@interlingua/responses-mapper';
import type { ResponseObject, ResponseStreamEvent } from '@interlingua/responses-schema';
import { createSseDecoder, type Utf8StreamDecoderFactory } from '@interlingua/sse';
import { createResponseStreamEventFormatter } from './format-response-stream-event.js';
import { createResponsesStreamState, type ResponsesStreamState } from './responses-stream-state.js';
import { stepResponsesStream, stepTextDelta, type HubStreamEvent } from './step-responses-stream.js';

export interface ResponsesTranscoderOptions {
  /** Called once with the final Response (completed, incomplete or failed), e.g. to store it. */
  onResponse?: (response: ResponseObject) => void;
  /** Largest hub event, in characters (bounds the decoder's buffer). Default 16 MiB. */
  maxEventBytes?: number;
  /** How the output text becomes bytes (default: `TextEncoder`; see `Utf8Encoder`). */
  encodeUtf8?: Utf8Encoder;
  /** How hub bytes (`push`) become text (default: `TextDecoder`; see `Utf8StreamDecoderFactory` of `@interlingua/sse`). */
  createUtf8Decoder?: Utf8StreamDecoderFactory;
}

export interface ResponsesTranscoder {
  /** Hub bytes (OpenAI chunk SSE, split anywhere) in; Responses SSE bytes out (maybe empty). */
  push(chunk: Uint8Array): Uint8Array;
  /**
   * Hub frames as objects in (what a bridge that builds them delivers), the same Responses SSE bytes out as their
   * SSE text would give; frames and bytes may alternate, each call continuing the same stream.
   */
  pushFrames(frames: readonly OpenAIStreamFrame[]): Uint8Array;
  /** The hub stream is over: the last bytes (a `response.failed` if no terminal event was sent). */
  end(): Uint8Array;
  /** A terminal event was sent. */
  readonly settled: boolean;
  /** The final Response, once settled. */
  readonly response: ResponseObject | undefined;
  /** Lossy steps of this stream so far (for the gateway's warnings comment and log line). */
  readonly warnings: readonly TranslationWarning[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Classifies one hub `data:` payload. */
export function readHubPayload(data: string): HubStreamEvent {
  if (data.trim() === '[DONE]') return { type: 'done' };
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { type: 'error', error: { message: 'The gateway received an unreadable stream event.', type: 'server_error', code: 'invalid_stream_event' } };
  }
  return readHubJson(json);
}

/** Classifies one hub frame given as an object (`'[DONE]'`, an error payload or a chunk). */
export function readHubFrame(frame: OpenAIStreamFrame): HubStreamEvent {
  return frame === '[DONE]' ? { type: 'done' } : readHubJson(frame);
}

/** Classifies the parsed JSON of one hub `data:` payload. */
function readHubJson(json: unknown): HubStreamEvent {
  if (isRecord(json) && isRecord(json.error) && !Array.isArray(json.choices)) {
    const error = json.error;
    return {
      type: 'error',
      error: {
        message: typeof error.message === 'string' ? error.message : 'The upstream failed.',
        type: typeof error.type === 'string' ? error.type : 'server_error',
        code: typeof error.code === 'string' ? error.code : null,
      },
    };
  }
  if (isRecord(json) && Array.isArray(json.choices)) return { type: 'chunk', chunk: json as ChatCompletionChunk };
  return { type: 'error', error: { message: 'The gateway received an unexpected stream event.', type: 'server_error', code: 'invalid_stream_event' } };
}

/**
 * The hub's stream (OpenAI chunk SSE ending with `[DONE]` or an error payload) → the Responses event stream:
 * synchronous, incremental, one SSE event per Responses event. A hub error payload (the provider's error in the
 * middle of the stream) ends the stream with `response.failed` carrying it; a hub stream that stops without
 * `[DONE]` also ends with `response.failed`. Never unterminated, never a completed status for a failure.
 */
export function createResponsesTranscoder(
  context: ResponsesTranslationContext,
  environment: TranslationEnvironment,
  options: ResponsesTranscoderOptions = {},
): ResponsesTranscoder {
  const state = createResponsesStreamState(context);
  const format = createResponseStreamEventFormatter();
  const encode = options.encodeUtf8 ?? encodeUtf8;
  const pending: ResponseStreamEvent[] = [];
  let reported = false;
  const decoder = createSseDecoder(
    (event) => {
      if (state.settled) return;
      pending.push(...stepResponsesStream(state, readHubPayload(event.data), environment));
    },
    {
      maxBufferSize: options.maxEventBytes ?? 16 * 1024 * 1024,
      ...(options.createUtf8Decoder ? { createUtf8Decoder: options.createUtf8Decoder } : {}),
    },
  );
  const flush = (): Uint8Array => {
    if (state.settled && !reported && state.response) {
      reported = true;
      options.onResponse?.(state.response);
    }
    if (!pending.length) return new Uint8Array(0);
    let text = '';
    for (let i = 0; i < pending.length; i++) text += format(pending[i]!);
    pending.length = 0;
    return encode(text);
  };
  return new ResponsesTranscoderHandle(
    state,
    (frames) => {
      if (state.settled) return new Uint8Array(0);
      for (let i = 0; i < frames.length && !state.settled; i++) {
        const frame = frames[i]!;
        // More text for the open text part (most frames): its one event, without classifying the frame first (a
        // frame with a `choices` array is a chunk, which is all `stepTextDelta` accepts).
        const appended = frame !== '[DONE]' ? stepTextDelta(state, frame as ChatCompletionChunk) : undefined;
        if (appended) {
          pending.push(appended);
          continue;
        }
        const events = stepResponsesStream(state, readHubFrame(frame), environment);
        for (let j = 0; j < events.length; j++) pending.push(events[j]!);
      }
      return flush();
    },
    (chunk) => {
      if (state.settled) return new Uint8Array(0);
      try {
        decoder.push(chunk);
      } catch {
        pending.push(...stepResponsesStream(state, { type: 'error', error: { message: 'A stream event exceeded the size limit.', type: 'server_error', code: 'stream_event_too_large' } }, environment));
      }
      return flush();
    },
    () => {
      if (!state.settled) {
        try {
          decoder.end();
        } catch {
          // a final oversized event: the failure below says the stream is incomplete
        }
        if (!state.settled) pending.push(...stepResponsesStream(state, { type: 'end' }, environment));
      }
      return flush();
    },
  );
}

/** The transcoder object: the stream's closures, and getters on the prototype (not a per-stream dictionary object). */
class ResponsesTranscoderHandle implements ResponsesTranscoder {
  constructor(
    private readonly state: ResponsesStreamState,
    readonly pushFrames: (frames: readonly OpenAIStreamFrame[]) => Uint8Array,
    readonly push: (chunk: Uint8Array) => Uint8Array,
    readonly end: () => Uint8Array,
  ) {}

  get settled(): boolean {
    return this.state.settled;
  }

  get response(): ResponseObject | undefined {
    return this.state.response;
  }

  get warnings(): readonly TranslationWarning[] {
    return this.state.warnings;
  }
}

/** The same as a `TransformStream` of bytes, for `pipeThrough`. */
export function createResponsesTransformStream(
  context: ResponsesTranslationContext,
  environment: TranslationEnvironment,
  options: ResponsesTranscoderOptions = {},
): TransformStream<Uint8Array, Uint8Array> {
  const transcoder = createResponsesTranscoder(context, environment, options);
  return new TransformStream({
    transform(chunk, controller) {
      const bytes = transcoder.push(chunk);
      if (bytes.byteLength) controller.enqueue(bytes);
    },
    flush(controller) {
      const bytes = transcoder.end();
      if (bytes.byteLength) controller.enqueue(bytes);
    },
  });
}

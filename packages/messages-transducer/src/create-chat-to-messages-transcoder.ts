import type { MessagesTranslationContext } from '@interlingua/messages-mapper';
import type { MessagesStreamEvent } from '@interlingua/messages-schema';
import { encodeUtf8, type OpenAIStreamFrame, type TranslationEnvironment, type TranslationWarning, type Utf8Encoder } from '@interlingua/openai-schema';
import { createSseDecoder, type Utf8StreamDecoderFactory } from '@interlingua/sse';
import { createPingEvent, formatMessagesEvent } from './format-messages-event.js';
import { createMessagesStreamState, type MessagesStreamOptions } from './messages-stream-state.js';
import { stepChatStreamInput, type ChatStreamInput } from './step-chat-stream-input.js';

export interface ChatToMessagesTranscoder {
  /** Hub bytes (split anywhere) → Messages SSE bytes. */
  push(chunk: Uint8Array): Uint8Array;
  /**
   * Hub frames as objects (what a bridge that builds them delivers) → the same Messages SSE bytes as their SSE text
   * would give; frames and bytes may alternate, each call continuing the same stream.
   */
  pushFrames(frames: readonly OpenAIStreamFrame[]): Uint8Array;
  /** The hub stream is over: the last bytes (an `api_error` event if it ended without `[DONE]` or an error). */
  end(): Uint8Array;
  /** A `ping` event's bytes while the stream is open; none once it has ended (the caller's timer decides when). */
  ping(): Uint8Array;
  /** Lossy steps met so far. */
  readonly warnings: readonly TranslationWarning[];
  /** The events produced so far, as objects (tests and logs). Not kept unless `keepEvents` is set. */
  readonly events: readonly MessagesStreamEvent[];
}


/**
 * The thin byte layer over `stepChatStreamInput`: decodes the hub's SSE (`data: <chunk>`, `data: [DONE]`, an error
 * payload `data: {"error": …}`), steps, and frames each event as `event: <type>\ndata: <json>\n\n`. Constant memory:
 * the decoder holds at most the event being read.
 */
export function createChatToMessagesTranscoder(
  context: MessagesTranslationContext,
  environment: TranslationEnvironment,
  options: MessagesStreamOptions & { keepEvents?: boolean; encodeUtf8?: Utf8Encoder; createUtf8Decoder?: Utf8StreamDecoderFactory } = {},
): ChatToMessagesTranscoder {
  const state = createMessagesStreamState(context, environment, options);
  const kept: MessagesStreamEvent[] = [];
  const encode = options.encodeUtf8 ?? encodeUtf8;
  let text = '';
  const run = (input: ChatStreamInput) => {
    for (const event of stepChatStreamInput(state, input)) {
      if (options.keepEvents) kept.push(event);
      text += formatMessagesEvent(event);
    }
  };
  const decoder = createSseDecoder((event) => {
    const data = event.data.trim();
    if (data === '[DONE]') return run({ kind: 'done' });
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch {
      state.warnings.push({ code: 'invalid_chunk_dropped', param: 'stream', message: 'A hub stream event that is not JSON was dropped.' });
      return;
    }
    run({ kind: 'chunk', chunk });
  }, options.createUtf8Decoder ? { createUtf8Decoder: options.createUtf8Decoder } : {});
  const flush = () => {
    const bytes = encode(text);
    text = '';
    return bytes;
  };
  return {
    pushFrames(frames) {
      for (let i = 0; i < frames.length; i++) {
        const frame = frames[i]!;
        run(frame === '[DONE]' ? { kind: 'done' } : { kind: 'chunk', chunk: frame });
      }
      return flush();
    },
    push(chunk) {
      decoder.push(chunk);
      return flush();
    },
    end() {
      decoder.end();
      if (!state.ended) run({ kind: 'end' });
      return flush();
    },
    ping() {
      if (state.ended) return new Uint8Array(0);
      if (options.keepEvents) kept.push({ type: 'ping' });
      return encode(createPingEvent());
    },
    // Plain properties (the arrays are never replaced): an object literal with getters costs about 700 bytes per stream.
    warnings: state.warnings,
    events: kept,
  };
}

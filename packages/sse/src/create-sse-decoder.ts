import { createParser, type EventSourceMessage, type EventSourceParser, type ParseError, type ParserConfig } from 'eventsource-parser';
import { createWholeCharacterUtf8Decoder } from './create-whole-character-utf8-decoder.js';
import type { SseEvent } from './sse-event.js';
import type { Utf8StreamDecoder, Utf8StreamDecoderFactory } from './utf8-stream-decoder.js';

/** Options of {@link createSseDecoder} and {@link createSseDecoderStream}. */
export type SseDecoderOptions = {
  /** Called with the text of each comment line (`: text`), without the colon and one leading space. */
  onComment?: (comment: string) => void;
  /** Called with the reconnection delay in ms of each valid `retry:` field. */
  onRetry?: (retry: number) => void;
  /**
   * Called for recoverable problems that the SSE specification says to ignore: an unknown field
   * (`type: 'unknown-field'`) or an invalid `retry:` value (`type: 'invalid-retry'`). They are ignored by default.
   * Exceeding {@link SseDecoderOptions.maxBufferSize} is not reported here: it is thrown.
   */
  onError?: (error: ParseError) => void;
  /**
   * Largest number of characters held for a single event that has not ended yet (its unterminated line plus the
   * data gathered so far). Exceeding it throws a `ParseError` of type `'max-buffer-size-exceeded'` from `push` (and
   * errors {@link createSseDecoderStream}'s stream). Unbounded by default.
   */
  maxBufferSize?: number;
  /**
   * How bytes become text (default: the Web-standard `TextDecoder`, decoding each chunk's whole characters, see
   * `createWholeCharacterUtf8Decoder`). The text is the same with any decoder that follows the WHATWG Encoding
   * Standard's UTF-8 decoding (a leading byte order mark is stripped here); see `Utf8StreamDecoderFactory`.
   */
  createUtf8Decoder?: Utf8StreamDecoderFactory;
};

/** A synchronous, incremental SSE decoder; see {@link createSseDecoder}. */
export type SseDecoder = {
  /**
   * Feeds the next piece of the stream. Bytes are decoded as UTF-8 and may be split anywhere, including inside a
   * multi-byte character or between the CR and LF of a CRLF. Strings are fed as they are (strings and bytes may be
   * mixed, but a string pushed while a multi-byte character is incomplete turns that character into U+FFFD).
   * `onEvent` is called synchronously, once per complete event, before `push` returns; an exception thrown by
   * `onEvent` propagates out of `push`.
   */
  push(chunk: Uint8Array | string): void;
  /**
   * Ends the stream: flushes the UTF-8 decoder, then dispatches a final event whose lines are not followed by a blank
   * line (Gemini streams end when the connection closes, and a cut-off upstream may drop the last blank line).
   * The SSE specification would discard such an event; this decoder keeps it. A final field line with no line end
   * at all (`data: x` then EOF) is also used. The decoder is then back in its initial state and may decode a new
   * stream. After a `maxBufferSize` overflow, `push` keeps throwing until `end` is called; `end` then only resets.
   */
  end(): void;
};

/**
 * Byte chunks above this size are decoded in slices of this size. Node 20's `TextDecoder` is about 10× slower per
 * byte on inputs above 64 KiB (for example a whole response body pushed at once); slicing costs nothing elsewhere.
 */
const MAX_DECODE_SLICE = 65_536;

/**
 * Creates a synchronous, incremental decoder of `text/event-stream` bytes or text, built on `eventsource-parser`.
 *
 * It understands LF, CRLF and lone CR line ends, comments, multi-line `data:`, `event:` and `id:`; `retry:` is
 * reported through `onRetry`. An event is dispatched at its blank line; events without any `data:` line are not
 * dispatched (as in the specification). Memory is bounded by the largest single event, never by the whole stream.
 *
 * This is the fast path: one call per network chunk, no promises, no stream machinery.
 *
 * @param onEvent called once per decoded event, in order.
 */
export function createSseDecoder(onEvent: (event: SseEvent) => void, options: SseDecoderOptions = {}): SseDecoder {
  return new EventStreamDecoder(onEvent, options);
}

/**
 * The decoder's state as one object (a decoder lives as long as its stream): `push` and `end` are methods. The
 * default UTF-8 decoder shares one `TextDecoder` with every stream and holds at most 3 bytes of its own.
 */
class EventStreamDecoder implements SseDecoder {
  private readonly parser: EventSourceParser;
  // A decoder may not strip a byte order mark at the start of its streams (the default one does not): that is done
  // here, until the first character of each stream (again after each flush).
  private readonly utf8Decoder: Utf8StreamDecoder;
  private utf8DecoderFresh = true;
  private decoderHoldsBytes = false;
  private overflowed = false;
  // TextDecoder strips a byte order mark from bytes; for text, a leading U+FEFF is stripped here (eventsource-parser
  // only looks for the three BOM bytes as characters).
  private atStart = true;

  constructor(onEvent: (event: SseEvent) => void, options: SseDecoderOptions) {
    const { onComment, onRetry, onError, maxBufferSize } = options;
    this.utf8Decoder = options.createUtf8Decoder?.() ?? createWholeCharacterUtf8Decoder();
    const parserOptions: ParserConfig = {
      onEvent(message: EventSourceMessage) {
        const { event, id, data } = message;
        // Build a plain object without `undefined` members, so events compare and serialise cleanly.
        if (event === undefined) {
          onEvent(id === undefined ? { data } : { data, id });
        } else {
          onEvent(id === undefined ? { event, data } : { event, data, id });
        }
      },
      onError: (error: ParseError) => {
        if (error.type === 'max-buffer-size-exceeded') {
          this.overflowed = true;
          throw error;
        }
        onError?.(error);
      },
    };
    if (onComment !== undefined) parserOptions.onComment = onComment;
    if (onRetry !== undefined) parserOptions.onRetry = onRetry;
    if (maxBufferSize !== undefined) parserOptions.maxBufferSize = maxBufferSize;
    this.parser = createParser(parserOptions);
  }

  push(chunk: Uint8Array | string): void {
    let text: string;
    if (typeof chunk === 'string') {
      if (this.decoderHoldsBytes) {
        this.decoderHoldsBytes = false;
        // Only an incomplete character is ever held back: what this flushes is U+FFFD, never a byte order mark.
        const rest = this.flushBytes();
        if (rest !== '') {
          this.atStart = false;
          this.parser.feed(rest);
        }
      }
      text = this.atStart && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
    } else {
      this.decoderHoldsBytes = true;
      if (chunk.length > MAX_DECODE_SLICE) {
        for (let offset = 0; offset < chunk.length; offset += MAX_DECODE_SLICE) {
          this.push(chunk.subarray(offset, offset + MAX_DECODE_SLICE));
        }
        return;
      }
      text = this.utf8Decoder.write(chunk);
      if (this.utf8DecoderFresh && text !== '') {
        this.utf8DecoderFresh = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
    }
    if (text !== '') {
      this.atStart = false;
      this.parser.feed(text);
    }
  }

  end(): void {
    this.atStart = true;
    if (this.overflowed) {
      // The parser already dropped the oversized event and refuses input until reset.
      this.overflowed = false;
      this.decoderHoldsBytes = false;
      this.flushBytes();
      this.parser.reset();
      return;
    }
    const rest = this.decoderHoldsBytes ? this.flushBytes() : '';
    this.decoderHoldsBytes = false;
    // Two LFs end any pending line and then the pending event. A CR held back at the end of the input (it may have
    // been the first half of a CRLF) pairs with the first LF, so this never creates an extra blank line.
    this.parser.feed(`${rest}\n\n`);
    this.parser.reset();
  }

  /** What the UTF-8 decoder still holds (an incomplete character as U+FFFD); it starts a new stream after. */
  private flushBytes(): string {
    this.utf8DecoderFresh = true;
    return this.utf8Decoder.end();
  }
}

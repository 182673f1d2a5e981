/**
 * An incremental UTF-8 decoder: `write` returns the text the bytes complete (an incomplete character at the end is
 * held back for the next call), `end` returns what is held (an incomplete character as U+FFFD) and starts over.
 * Invalid bytes become U+FFFD as the WHATWG Encoding Standard says. A leading byte order mark may be returned: the
 * SSE decoder strips it.
 */
export interface Utf8StreamDecoder {
  write(bytes: Uint8Array): string;
  end(): string;
}

/**
 * Creates a {@link Utf8StreamDecoder}. The default (`createWholeCharacterUtf8Decoder`) decodes each chunk's whole
 * characters with one shared Web-standard `TextDecoder` and holds an incomplete one for the next chunk: in Node 20 it
 * is as fast as `string_decoder`'s `StringDecoder`, and about a quarter of a streaming `TextDecoder`'s time for a
 * stream chunk of a few hundred bytes. A host may pass its own.
 */
export type Utf8StreamDecoderFactory = () => Utf8StreamDecoder;

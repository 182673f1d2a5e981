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
 * Creates a {@link Utf8StreamDecoder}. The default is the Web-standard `TextDecoder`; a host may pass a cheaper one of
 * its own — on Node, `string_decoder`'s `StringDecoder` decodes a stream chunk of a few hundred bytes in about a third
 * of Node 20's `TextDecoder.decode(…, {stream: true})` time, which `@interlingua/node` passes.
 */
export type Utf8StreamDecoderFactory = () => Utf8StreamDecoder;

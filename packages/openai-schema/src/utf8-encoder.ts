/**
 * Turns text into UTF-8 bytes: what the stream transducers use for their output. The default is the Web-standard
 * `TextEncoder`; a host may pass a cheaper one of its own — on Node, `(text) => Buffer.from(text, 'utf8')` costs
 * about a sixth of Node 20's `TextEncoder.encode` for the few hundred characters of a stream event (it takes its
 * bytes from a shared pool instead of allocating a backing store per call), which `@interlingua/node` passes.
 */
export type Utf8Encoder = (text: string) => Uint8Array;

const textEncoder = new TextEncoder();

/** The default {@link Utf8Encoder}: `TextEncoder.prototype.encode`. */
export const encodeUtf8: Utf8Encoder = (text) => textEncoder.encode(text);

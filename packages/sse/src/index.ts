export type { SseDone, SseEvent } from './sse-event.js';
export { createSseDecoder, type SseDecoder, type SseDecoderOptions } from './create-sse-decoder.js';
export type { Utf8StreamDecoder, Utf8StreamDecoderFactory } from './utf8-stream-decoder.js';
export { createSseDecoderStream } from './create-sse-decoder-stream.js';
export { formatSseData } from './format-sse-data.js';
export { formatSseEvent } from './format-sse-event.js';
export { encodeSseEvent } from './encode-sse-event.js';
export { createSseEncoderStream } from './create-sse-encoder-stream.js';
export { ParseError } from 'eventsource-parser';

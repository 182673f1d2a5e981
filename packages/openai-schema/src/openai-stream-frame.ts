import type { ChatCompletionChunk } from './chat-completion-chunk.js';
import type { OpenAIErrorEnvelope } from './openai-error-envelope.js';

/**
 * One frame of the hub's stream as an object: a chunk, an error payload, or the `[DONE]` sentinel. Its SSE form is
 * `data: <JSON.stringify(frame)>` (or `data: [DONE]`).
 */
export type OpenAIStreamFrame = ChatCompletionChunk | OpenAIErrorEnvelope | '[DONE]';

/**
 * Receives a stream's frames as objects, in order, instead of their SSE bytes: what a stream transducer calls when
 * the next step (a client API's transducer in the same process) reads objects, so the frames are neither
 * serialised nor parsed again. The frames belong to the receiver once passed; the producer does not touch them again.
 */
export type OpenAIStreamFrameSink = (frames: readonly OpenAIStreamFrame[]) => void;

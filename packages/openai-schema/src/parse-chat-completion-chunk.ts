import { chatCompletionChunkSchema } from './chat-completion-chunk-schema.js';
import type { ChatCompletionChunk } from './chat-completion-chunk.js';
import { parseWithSchema, type ParseResult } from './parse-result.js';

/**
 * Validates one upstream stream event (the JSON of an SSE `data:` line other than `[DONE]`). Never throws.
 * Failures are a 502 `api_error` with `code: "invalid_upstream_response"`, like `parseChatCompletion`.
 */
export function parseChatCompletionChunk(json: unknown): ParseResult<ChatCompletionChunk, 502> {
  return parseWithSchema(chatCompletionChunkSchema(), json, {
    status: 502,
    type: 'api_error',
    code: 'invalid_upstream_response',
    subject: 'The stream chunk',
    prefix: 'Invalid upstream stream chunk: ',
  });
}

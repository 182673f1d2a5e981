import { chatCompletionRequestSchema } from './chat-completion-request-schema.js';
import type { ChatCompletionRequest } from './chat-completion-request.js';
import { parseWithSchema, type ParseResult } from './parse-result.js';

/**
 * Validates a parsed JSON request body. Never throws. On failure the result carries status 400 and an OpenAI
 * error with `type: "invalid_request_error"`, `param` = the JSON path of the first problem (e.g.
 * `messages[2].content[0].image_url.url`, or null when the body itself is not an object) and a message naming it.
 * Unknown fields are kept in `value`.
 */
export function parseChatCompletionRequest(json: unknown): ParseResult<ChatCompletionRequest, 400> {
  return parseWithSchema(chatCompletionRequestSchema(), json, {
    status: 400,
    type: 'invalid_request_error',
    code: null,
    subject: 'The request body',
    prefix: '',
  });
}

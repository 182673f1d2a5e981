import { chatCompletionSchema } from './chat-completion-schema.js';
import type { ChatCompletion } from './chat-completion.js';
import { parseWithSchema, type ParseResult } from './parse-result.js';

/**
 * Validates an upstream (OpenAI-compatible) non-streaming reply. Never throws. A bad reply is the upstream's
 * fault, not the client's, so the failure is a 502 with `type: "api_error"`, `code: "invalid_upstream_response"`
 * and `param` = the JSON path of the first problem inside the reply.
 */
export function parseChatCompletion(json: unknown): ParseResult<ChatCompletion, 502> {
  return parseWithSchema(chatCompletionSchema(), json, {
    status: 502,
    type: 'api_error',
    code: 'invalid_upstream_response',
    subject: 'The response body',
    prefix: 'Invalid upstream response: ',
  });
}

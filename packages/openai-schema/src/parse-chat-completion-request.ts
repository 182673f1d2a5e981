import { chatCompletionRequestSchema } from './chat-completion-request-schema.js';
import type { ChatCompletionRequest } from './chat-completion-request.js';
import { compileSchemaChecker, type SchemaChecker } from './compile-schema-checker.js';
import { parseWithSchema, type ParseFailureStyle, type ParseResult } from './parse-result.js';

const FAILURE_STYLE: ParseFailureStyle<400> = {
  status: 400,
  type: 'invalid_request_error',
  code: null,
  subject: 'The request body',
  prefix: '',
};

let isValidRequest: SchemaChecker | undefined;

/**
 * Validates a parsed JSON request body. Never throws. On failure the result carries status 400 and an OpenAI
 * error with `type: "invalid_request_error"`, `param` = the JSON path of the first problem (e.g.
 * `messages[2].content[0].image_url.url`, or null when the body itself is not an object) and a message naming it.
 * Unknown fields are kept in `value`.
 *
 * The zod schema decides, but a valid request does not pay zod's parse: a checker compiled from the same schema
 * (`compileSchemaChecker`) accepts it in one pass and `value` is then the input itself (zod would return an equal
 * copy); anything the checker does not accept goes through zod, which accepts it or describes the problem.
 */
export function parseChatCompletionRequest(json: unknown): ParseResult<ChatCompletionRequest, 400> {
  try {
    isValidRequest ??= compileSchemaChecker(chatCompletionRequestSchema());
    if (isValidRequest(json)) return { ok: true, value: json as ChatCompletionRequest };
  } catch {
    // Not a plain JSON value (a throwing getter or proxy): zod decides, and never throws either.
  }
  return parseWithSchema(chatCompletionRequestSchema(), json, FAILURE_STYLE);
}

import { compileSchemaChecker, parseWithSchema, type ParseResult, type SchemaChecker } from '@interlingua/openai-schema';
import type { ResponsesRequest } from './responses-request.js';
import { responsesRequestSchema } from './responses-request-schema.js';

let isValidRequest: SchemaChecker | undefined;

/**
 * Validates a parsed `POST /v1/responses` body. Never throws. On failure: status 400 and the error envelope the
 * Responses API shares with the rest of OpenAI's API (`{error: {message, type: 'invalid_request_error', param,
 * code}}`), `param` being the JSON path of the first problem (e.g. `input[2].content[0].image_url`).
 *
 * As `parseChatCompletionRequest` does, a valid request does not pay zod's parse: a checker compiled from the same
 * schema accepts it in one pass and `value` is then the input itself (zod's copy would be equal to it); anything
 * else goes through zod, which accepts it or describes the problem.
 */
export function parseResponsesRequest(json: unknown): ParseResult<ResponsesRequest, 400> {
  try {
    isValidRequest ??= compileSchemaChecker(responsesRequestSchema());
    if (isValidRequest(json)) return { ok: true, value: json as ResponsesRequest };
  } catch {
    // Not a plain JSON value (a throwing getter or proxy): zod decides.
  }
  return parseWithSchema(responsesRequestSchema(), json, {
    status: 400,
    type: 'invalid_request_error',
    code: null,
    subject: 'The request body',
    prefix: '',
  }) as ParseResult<ResponsesRequest, 400>;
}

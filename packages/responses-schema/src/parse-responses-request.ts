import { parseWithSchema, type ParseResult } from '@interlingua/openai-schema';
import type { ResponsesRequest } from './responses-request.js';
import { responsesRequestSchema } from './responses-request-schema.js';

/**
 * Validates a parsed `POST /v1/responses` body. Never throws. On failure: status 400 and the error envelope the
 * Responses API shares with the rest of OpenAI's API (`{error: {message, type: 'invalid_request_error', param,
 * code}}`), `param` being the JSON path of the first problem (e.g. `input[2].content[0].image_url`).
 */
export function parseResponsesRequest(json: unknown): ParseResult<ResponsesRequest, 400> {
  return parseWithSchema(responsesRequestSchema(), json, {
    status: 400,
    type: 'invalid_request_error',
    code: null,
    subject: 'The request body',
    prefix: '',
  }) as ParseResult<ResponsesRequest, 400>;
}

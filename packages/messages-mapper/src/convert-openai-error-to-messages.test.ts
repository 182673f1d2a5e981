import { describe, expect, it } from 'vitest';
import { createAnthropicSpecValidators } from '../../messages-schema/test/anthropic-spec-validator.js';
import { convertOpenAIErrorToMessages } from './convert-openai-error-to-messages.js';

const spec = createAnthropicSpecValidators();
const envelope = (type: string, message: string, param: string | null = null, code: string | null = null) => ({ error: { type, message, param, code } });

describe('convertOpenAIErrorToMessages', () => {
  // Status ↔ type from Anthropic's error reference (400 invalid_request_error … 529 overloaded_error).
  it.each([
    [400, envelope('invalid_request_error', 'Bad.'), 400, 'invalid_request_error'],
    [401, envelope('authentication_error', 'Missing key.'), 401, 'authentication_error'],
    [403, envelope('permission_error', 'No.'), 403, 'permission_error'],
    [404, envelope('invalid_request_error', 'The model x does not exist.', null, 'model_not_found'), 404, 'not_found_error'],
    [413, envelope('invalid_request_error', 'Too big.'), 413, 'request_too_large'],
    [429, envelope('rate_limit_error', 'Slow down.'), 429, 'rate_limit_error'],
    [500, envelope('server_error', 'Oops.'), 500, 'api_error'],
    [502, envelope('api_error', 'Unreachable.'), 502, 'api_error'],
    [503, envelope('service_unavailable_error', 'The model is overloaded.', null, 'UNAVAILABLE'), 529, 'overloaded_error'],
    [503, envelope('invalid_request_error', 'No key for gemini.', null, 'upstream_not_configured'), 503, 'api_error'],
    [504, envelope('timeout_error', 'Too slow.'), 504, 'timeout_error'],
    [529, envelope('overloaded_error', 'Overloaded'), 529, 'overloaded_error'],
  ])('%i %j → %i %s', (status, body, outStatus, type) => {
    const out = convertOpenAIErrorToMessages(status, body);
    expect(out.status).toBe(outStatus);
    expect(out.body).toEqual({ type: 'error', error: { type, message: body.error.message }, request_id: null });
    expect(spec.errorResponse(out.body)).toBe(true);
  });

  it('names the offending field Anthropic style when the message does not', () => {
    expect(convertOpenAIErrorToMessages(400, envelope('invalid_request_error', 'Must be at most 2.', 'temperature')).body.error.message).toBe('temperature: Must be at most 2.');
    expect(convertOpenAIErrorToMessages(400, envelope('invalid_request_error', "Invalid 'temperature'.", 'temperature')).body.error.message).toBe("Invalid 'temperature'.");
  });

  it('answers a body that is not an envelope with a generic message of the status', () => {
    expect(convertOpenAIErrorToMessages(500, 'garbage').body.error).toEqual({ type: 'api_error', message: 'The upstream answered with status 500.' });
  });
});

import { describe, expect, it } from 'vitest';
import { createOpenAIError, defaultOpenAIErrorType } from './create-openai-error.js';

describe('createOpenAIError', () => {
  it('builds the envelope with defaults for param and code', () => {
    expect(createOpenAIError(401, 'Incorrect API key provided.')).toEqual({
      status: 401,
      body: { error: { message: 'Incorrect API key provided.', type: 'authentication_error', param: null, code: null } },
    });
  });

  it('takes type, param and code from the options', () => {
    expect(createOpenAIError(400, 'Unsupported parameter.', { param: 'max_tokens', code: 'unsupported_parameter' }).body.error).toEqual({
      message: 'Unsupported parameter.',
      type: 'invalid_request_error',
      param: 'max_tokens',
      code: 'unsupported_parameter',
    });
    expect(createOpenAIError(529, 'Overloaded', { type: 'overloaded_error' }).body.error.type).toBe('overloaded_error');
  });

  it.each([
    [400, 'invalid_request_error'],
    [401, 'authentication_error'],
    [403, 'permission_error'],
    [404, 'not_found_error'],
    [409, 'conflict_error'],
    [413, 'invalid_request_error'],
    [422, 'invalid_request_error'],
    [418, 'invalid_request_error'],
    [429, 'rate_limit_error'],
    [500, 'server_error'],
    [502, 'api_error'],
    [503, 'service_unavailable_error'],
    [504, 'api_error'],
    [529, 'service_unavailable_error'],
    [200, 'api_error'],
  ])('status %i defaults to %s', (status, type) => {
    expect(defaultOpenAIErrorType(status)).toBe(type);
  });
});

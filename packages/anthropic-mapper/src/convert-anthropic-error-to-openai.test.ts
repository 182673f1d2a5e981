import { describe, expect, it } from 'vitest';
import { convertAnthropicErrorToOpenAI, statusForAnthropicErrorType } from './convert-anthropic-error-to-openai.js';

const body = (type: string, message: string) => ({ type: 'error', error: { type, message }, request_id: 'req_1' });

describe('convertAnthropicErrorToOpenAI', () => {
  it('keeps status, type and message, and passes retry-after on (Headers or record)', () => {
    expect(convertAnthropicErrorToOpenAI(429, body('rate_limit_error', 'slow down'), new Headers({ 'Retry-After': '30' }))).toEqual({
      status: 429,
      body: { error: { message: 'slow down', type: 'rate_limit_error', param: null, code: null } },
      headers: { 'retry-after': '30' },
    });
    expect(convertAnthropicErrorToOpenAI(429, body('rate_limit_error', 'x'), { 'Retry-After': '5' }).headers).toEqual({ 'retry-after': '5' });
  });

  it('keeps 529 overloaded_error as 529', () => {
    expect(convertAnthropicErrorToOpenAI(529, body('overloaded_error', 'Overloaded'))).toMatchObject({ status: 529, body: { error: { type: 'overloaded_error' } } });
  });

  it('parses a JSON string body', () => {
    expect(convertAnthropicErrorToOpenAI(400, JSON.stringify(body('invalid_request_error', 'bad'))).body.error.message).toBe('bad');
  });

  it('gives a clear envelope for a non-JSON or unexpected body', () => {
    expect(convertAnthropicErrorToOpenAI(502, '<html>Bad gateway</html>')).toEqual({
      status: 502,
      body: { error: { message: 'Anthropic returned HTTP 502: <html>Bad gateway</html>', type: 'api_error', param: null, code: null } },
      headers: {},
    });
    expect(convertAnthropicErrorToOpenAI(503, { weird: true }).body.error).toMatchObject({ type: 'service_unavailable_error', message: 'Anthropic returned HTTP 503: {"weird":true}' });
    expect(convertAnthropicErrorToOpenAI(500, '').body.error.message).toBe('Anthropic returned HTTP 500 with no error details.');
    expect(convertAnthropicErrorToOpenAI(500, 'x'.repeat(2000)).body.error.message.length).toBeLessThan(600);
  });

  it('uses the error type’s status when the status is not an error status', () => {
    expect(convertAnthropicErrorToOpenAI(200, body('overloaded_error', 'o')).status).toBe(529);
    expect(convertAnthropicErrorToOpenAI(200, 'nonsense').status).toBe(502);
  });

  it.each([
    ['invalid_request_error', 400],
    ['authentication_error', 401],
    ['billing_error', 402],
    ['permission_error', 403],
    ['not_found_error', 404],
    ['request_too_large', 413],
    ['rate_limit_error', 429],
    ['api_error', 500],
    ['timeout_error', 504],
    ['overloaded_error', 529],
  ])('%s ↔ %d', (type, status) => {
    expect(statusForAnthropicErrorType(type)).toBe(status);
  });
});

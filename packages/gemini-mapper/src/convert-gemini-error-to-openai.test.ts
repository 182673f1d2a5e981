import { describe, expect, it } from 'vitest';
import { convertGeminiErrorToOpenAI, parseGeminiRetryDelay } from './convert-gemini-error-to-openai.js';

/** Google's error shape (https://ai.google.dev/gemini-api/docs/troubleshooting, google.rpc.Status). */
const googleError = (code: number, status: string, message: string, details?: unknown[]) => ({
  error: { code, message, status, ...(details ? { details } : {}) },
});
const retryInfo = (retryDelay: string) => ({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay });

describe('convertGeminiErrorToOpenAI', () => {
  it('maps the Google status to the OpenAI type and keeps it as code', () => {
    expect(convertGeminiErrorToOpenAI(404, googleError(404, 'NOT_FOUND', 'models/nope is not found'))).toEqual({
      status: 404,
      body: { error: { message: 'models/nope is not found', type: 'not_found_error', param: null, code: 'NOT_FOUND' } },
      headers: {},
    });
  });

  it('unwraps an array-wrapped error body (as streamGenerateContent without alt=sse sends it), parsed or as text', () => {
    const wrapped = [googleError(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.')];
    const expected = {
      status: 400,
      body: { error: { message: 'Request contains an invalid argument.', type: 'invalid_request_error', param: null, code: 'INVALID_ARGUMENT' } },
      headers: {},
    };
    expect(convertGeminiErrorToOpenAI(400, wrapped)).toEqual(expected);
    expect(convertGeminiErrorToOpenAI(400, JSON.stringify(wrapped))).toEqual(expected);
    expect(convertGeminiErrorToOpenAI(400, `${JSON.stringify(wrapped, null, 2)}\n`)).toEqual(expected);
  });

  it('keeps a plain-text body as the message, with the type from the HTTP status', () => {
    expect(convertGeminiErrorToOpenAI(503, 'upstream connect error or disconnect/reset before headers')).toEqual({
      status: 503,
      body: {
        error: {
          message: 'Gemini returned HTTP 503: upstream connect error or disconnect/reset before headers',
          type: 'service_unavailable_error',
          param: null,
          code: null,
        },
      },
      headers: {},
    });
  });

  it('keeps an HTML body (a proxy page) as a truncated message, not as a parse failure', () => {
    const html = `<!DOCTYPE html>\n<html lang=en><title>Error 502 (Server Error)!!1</title><p>${'x'.repeat(1000)}</p></html>`;
    const result = convertGeminiErrorToOpenAI(502, html);
    expect(result.status).toBe(502);
    expect(result.body.error.type).toBe('api_error');
    expect(result.body.error.code).toBeNull();
    expect(result.body.error.message.startsWith('Gemini returned HTTP 502: <!DOCTYPE html>')).toBe(true);
    expect(result.body.error.message.length).toBe('Gemini returned HTTP 502: '.length + 500);
  });

  it('says so when the body is empty', () => {
    expect(convertGeminiErrorToOpenAI(500, '').body.error.message).toBe('Gemini returned HTTP 500.');
    expect(convertGeminiErrorToOpenAI(500, undefined).body.error).toMatchObject({ message: 'Gemini returned HTTP 500.', type: 'server_error' });
  });

  it('passes an upstream retry-after header on (Headers or a record, any case) when there is no RetryInfo', () => {
    const body = googleError(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).');
    expect(convertGeminiErrorToOpenAI(429, body, new Headers({ 'Retry-After': '17' })).headers).toEqual({ 'retry-after': '17' });
    expect(convertGeminiErrorToOpenAI(429, body, { 'Retry-After': '8' }).headers).toEqual({ 'retry-after': '8' });
    expect(convertGeminiErrorToOpenAI(503, 'overloaded', { 'retry-after': '2' }).headers).toEqual({ 'retry-after': '2' });
    expect(convertGeminiErrorToOpenAI(429, body, { 'content-type': 'application/json' }).headers).toEqual({});
  });

  it('prefers RetryInfo over the header and rounds fractional seconds up', () => {
    const body = googleError(429, 'RESOURCE_EXHAUSTED', 'quota', [
      { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [] },
      retryInfo('0.250s'),
    ]);
    expect(convertGeminiErrorToOpenAI(429, body, { 'retry-after': '60' })).toEqual({
      status: 429,
      body: { error: { message: 'quota', type: 'rate_limit_error', param: null, code: 'RESOURCE_EXHAUSTED' } },
      headers: { 'retry-after': '1' },
    });
    expect(convertGeminiErrorToOpenAI(429, googleError(429, 'RESOURCE_EXHAUSTED', 'q', [retryInfo('34.4s')])).headers).toEqual({ 'retry-after': '35' });
    expect(convertGeminiErrorToOpenAI(429, googleError(429, 'RESOURCE_EXHAUSTED', 'q', [retryInfo('12s')])).headers).toEqual({ 'retry-after': '12' });
  });

  it('falls back to the header when RetryInfo is unreadable', () => {
    const body = googleError(429, 'RESOURCE_EXHAUSTED', 'q', [retryInfo('soon')]);
    expect(convertGeminiErrorToOpenAI(429, body, { 'retry-after': '5' }).headers).toEqual({ 'retry-after': '5' });
    expect(convertGeminiErrorToOpenAI(429, body).headers).toEqual({});
  });

  it('uses the HTTP status for an unknown Google status, and the message default when there is none', () => {
    expect(convertGeminiErrorToOpenAI(500, { error: { code: 500, status: 'SOMETHING_NEW' } }).body.error).toEqual({
      message: 'Gemini returned HTTP 500.',
      type: 'server_error',
      param: null,
      code: 'SOMETHING_NEW',
    });
  });
});

describe('parseGeminiRetryDelay', () => {
  it.each([
    ['34.4s', 35],
    ['0.000001s', 1],
    ['1s', 1],
    [' 7s ', 7],
    ['0s', 0],
  ])('%s → %d', (delay, seconds) => expect(parseGeminiRetryDelay(delay)).toBe(seconds));
  it.each(['', '5', '5m', '-1s', 'abc'])('%j → undefined', (delay) => expect(parseGeminiRetryDelay(delay)).toBeUndefined());
});

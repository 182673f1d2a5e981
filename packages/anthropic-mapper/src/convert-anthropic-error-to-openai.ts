import { defaultOpenAIErrorType, type OpenAIErrorEnvelope } from '@interlingua/openai-schema';
import { anthropicErrorBodySchema } from './anthropic-response-schema.js';

/** Response headers: a Web `Headers` object, or anything with its `get`. */
export type HeaderReader = { get(name: string): string | null };

export interface ConvertedAnthropicError {
  status: number;
  body: OpenAIErrorEnvelope;
  /** Headers to pass on to the client (lower-case names): `retry-after` when Anthropic sent one. */
  headers: Record<string, string>;
}

/**
 * The HTTP status an Anthropic error type normally comes with, for error bodies that arrive without a usable
 * status (a 200 carrying an error body, or an error read from a stream).
 */
export function statusForAnthropicErrorType(type: string): number {
  switch (type) {
    case 'invalid_request_error':
      return 400;
    case 'authentication_error':
      return 401;
    case 'billing_error':
      return 402;
    case 'permission_error':
      return 403;
    case 'not_found_error':
      return 404;
    case 'request_too_large':
      return 413;
    case 'rate_limit_error':
      return 429;
    case 'timeout_error':
      return 504;
    case 'overloaded_error':
      return 529;
    default:
      return 500;
  }
}

function readHeader(headers: HeaderReader | Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as HeaderReader).get === 'function') return (headers as HeaderReader).get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers as Record<string, string>)) {
    if (key.toLowerCase() === name) return value;
  }
  return undefined;
}

const EXCERPT_LENGTH = 500;

/**
 * An Anthropic error reply → the OpenAI error envelope.
 *
 * - status: kept as Anthropic sent it (429 stays 429, 529 `overloaded_error` stays 529: OpenAI clients retry
 *   every 5xx, and the distinct code tells operators it is Anthropic's overload signal). A non-error status with an
 *   error body takes the status of the error type; a non-error status without one becomes 502.
 * - `error.type` and `error.message`: Anthropic's, unchanged; `param` and `code` null.
 * - `retry-after` is passed on.
 * - A non-JSON or unexpected body still gives a clear envelope: the message names the status and quotes the first
 *   500 characters of the body, the type is OpenAI's type for the status.
 */
export function convertAnthropicErrorToOpenAI(
  status: number,
  body: unknown,
  headers?: HeaderReader | Record<string, string>,
): ConvertedAnthropicError {
  const outHeaders: Record<string, string> = {};
  const retryAfter = readHeader(headers, 'retry-after');
  if (retryAfter !== undefined) outHeaders['retry-after'] = retryAfter;

  let payload = body;
  if (typeof body === 'string') {
    try {
      payload = JSON.parse(body);
    } catch {
      payload = body;
    }
  }
  const parsed = anthropicErrorBodySchema().safeParse(payload);
  if (parsed.success) {
    const { type, message } = parsed.data.error;
    const outStatus = status >= 400 ? status : statusForAnthropicErrorType(type);
    return { status: outStatus, body: { error: { message, type, param: null, code: null } }, headers: outHeaders };
  }
  const outStatus = status >= 400 ? status : 502;
  let excerpt: string;
  if (typeof body === 'string') excerpt = body;
  else {
    try {
      excerpt = JSON.stringify(body) ?? '';
    } catch {
      excerpt = '';
    }
  }
  excerpt = excerpt.trim().slice(0, EXCERPT_LENGTH);
  const message = excerpt === '' ? `Anthropic returned HTTP ${status} with no error details.` : `Anthropic returned HTTP ${status}: ${excerpt}`;
  return { status: outStatus, body: { error: { message, type: defaultOpenAIErrorType(outStatus), param: null, code: null } }, headers: outHeaders };
}

import type { OpenAIErrorEnvelope } from './openai-error-envelope.js';

export interface CreateOpenAIErrorOptions {
  /** Overrides the default `type` for the status (see `defaultOpenAIErrorType`). */
  type?: string;
  /** The JSON path of the request parameter concerned; default null. */
  param?: string | null;
  /** A machine-readable code such as `unsupported_parameter`; default null. */
  code?: string | null;
}

export interface OpenAIErrorResponse<S extends number = number> {
  status: S;
  body: OpenAIErrorEnvelope;
}

/**
 * The `error.type` OpenAI uses for an HTTP status:
 *
 * | status            | type                    |
 * | ----------------- | ----------------------- |
 * | 400, 413, 422     | `invalid_request_error` |
 * | 401               | `authentication_error`  |
 * | 403               | `permission_error`      |
 * | 404               | `not_found_error`       |
 * | 409               | `conflict_error`        |
 * | 429               | `rate_limit_error`      |
 * | 500               | `server_error`          |
 * | 503, 529          | `service_unavailable_error` |
 * | other 5xx         | `api_error`             |
 * | other 4xx         | `invalid_request_error` |
 * | anything else     | `api_error`             |
 */
export function defaultOpenAIErrorType(status: number): string {
  switch (status) {
    case 400:
    case 413:
    case 422:
      return 'invalid_request_error';
    case 401:
      return 'authentication_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 409:
      return 'conflict_error';
    case 429:
      return 'rate_limit_error';
    case 500:
      return 'server_error';
    case 503:
    case 529:
      return 'service_unavailable_error';
  }
  if (status >= 400 && status < 500) return 'invalid_request_error';
  return 'api_error';
}

/** Builds an OpenAI-style error response: `{ status, body: { error: { message, type, param, code } } }`. */
export function createOpenAIError<S extends number>(
  status: S,
  message: string,
  options: CreateOpenAIErrorOptions = {},
): OpenAIErrorResponse<S> {
  return {
    status,
    body: {
      error: {
        message,
        type: options.type ?? defaultOpenAIErrorType(status),
        param: options.param ?? null,
        code: options.code ?? null,
      },
    },
  };
}

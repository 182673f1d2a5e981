import type { MessagesErrorEnvelope, MessagesErrorType } from './message.js';

/**
 * HTTP status ↔ Anthropic error type, as Anthropic documents its errors (API reference, "Errors"): 400
 * invalid_request_error, 401 authentication_error, 402 billing_error, 403 permission_error, 404 not_found_error,
 * 413 request_too_large, 429 rate_limit_error, 500 api_error, 504 timeout_error, 529 overloaded_error.
 */
const TYPE_BY_STATUS: Record<number, MessagesErrorType> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

const STATUS_BY_TYPE: Record<MessagesErrorType, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

/** The Anthropic error type for an HTTP status (other 4xx: invalid_request_error; other 5xx: api_error). */
export function messagesErrorTypeForStatus(status: number): MessagesErrorType {
  const exact = TYPE_BY_STATUS[status];
  if (exact) return exact;
  return status >= 500 ? 'api_error' : 'invalid_request_error';
}

/** The HTTP status Anthropic uses for an error type. */
export function statusForMessagesErrorType(type: MessagesErrorType): number {
  return STATUS_BY_TYPE[type];
}

/** Whether `value` is one of Anthropic's error types. */
export function isMessagesErrorType(value: unknown): value is MessagesErrorType {
  return typeof value === 'string' && Object.hasOwn(STATUS_BY_TYPE, value);
}

/** An Anthropic error envelope (`request_id` null: the gateway has none of Anthropic's). */
export function createMessagesError(status: number, message: string, type: MessagesErrorType = messagesErrorTypeForStatus(status)): MessagesErrorEnvelope {
  return { type: 'error', error: { type, message }, request_id: null };
}

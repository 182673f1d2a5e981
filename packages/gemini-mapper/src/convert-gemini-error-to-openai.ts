import { createOpenAIError, defaultOpenAIErrorType, lazySchema, type OpenAIErrorEnvelope } from '@interlingua/openai-schema';
import * as z from 'zod/mini';

/** Response headers: a Web `Headers` object, or anything with its `get`. */
export type HeaderReader = { get(name: string): string | null };

const geminiErrorSchema = lazySchema(() =>
  z.looseObject({
    error: z.looseObject({
      code: z.optional(z.number()),
      message: z.optional(z.string()),
      status: z.optional(z.string()),
      details: z.optional(
        z.array(z.looseObject({ '@type': z.optional(z.string()), retryDelay: z.optional(z.string()) })),
      ),
    }),
  }),
);

/** Google RPC status → OpenAI error type. */
const TYPE_BY_STATUS: Record<string, string> = {
  INVALID_ARGUMENT: 'invalid_request_error',
  FAILED_PRECONDITION: 'invalid_request_error',
  OUT_OF_RANGE: 'invalid_request_error',
  UNAUTHENTICATED: 'authentication_error',
  PERMISSION_DENIED: 'permission_error',
  NOT_FOUND: 'not_found_error',
  ALREADY_EXISTS: 'conflict_error',
  ABORTED: 'conflict_error',
  RESOURCE_EXHAUSTED: 'rate_limit_error',
  CANCELLED: 'api_error',
  UNKNOWN: 'api_error',
  INTERNAL: 'server_error',
  UNAVAILABLE: 'service_unavailable_error',
  DEADLINE_EXCEEDED: 'timeout_error',
  UNIMPLEMENTED: 'invalid_request_error',
  DATA_LOSS: 'server_error',
};

export interface ConvertedGeminiError {
  status: number;
  body: OpenAIErrorEnvelope;
  /** Headers for the client, e.g. `retry-after` (seconds). */
  headers: Record<string, string>;
}

function readHeader(headers: HeaderReader | Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as HeaderReader).get === 'function') return (headers as HeaderReader).get(name) ?? undefined;
  const record = headers as Record<string, string>;
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : record[key];
}

/** `"34.4s"` (a protobuf Duration) → 35 (whole seconds, rounded up). */
export function parseGeminiRetryDelay(delay: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)s$/.exec(delay.trim());
  return match ? Math.ceil(Number.parseFloat(match[1]!)) : undefined;
}

/**
 * A Gemini HTTP error → the OpenAI error envelope, keeping the status.
 *
 * - `{error: {code, message, status, details}}` (also wrapped in an array, as streamGenerateContent without `alt=sse`
 *   sends it) → `{error: {message, type, param: null, code: <status, e.g. "RESOURCE_EXHAUSTED">}}`.
 * - type from `error.status` (RESOURCE_EXHAUSTED → rate_limit_error, NOT_FOUND → not_found_error,
 *   INVALID_ARGUMENT → invalid_request_error, UNAVAILABLE → service_unavailable_error, …), else from the HTTP status.
 * - `google.rpc.RetryInfo.retryDelay` → `retry-after` in whole seconds (rounded up); else an upstream `retry-after`
 *   header is passed on.
 * - A body that is not Google's shape keeps its text (truncated) as the message.
 *
 * An error status may come with `content-type: text/event-stream` (a 404 on streamGenerateContent does): callers must
 * check the HTTP status before parsing SSE and route non-2xx bodies here.
 */
export function convertGeminiErrorToOpenAI(status: number, body: unknown, headers?: HeaderReader | Record<string, string>): ConvertedGeminiError {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      // plain text body
    }
  }
  if (Array.isArray(value) && value.length > 0) value = value[0];
  const parsed = geminiErrorSchema().safeParse(value);
  const outHeaders: Record<string, string> = {};
  let message: string;
  let type = defaultOpenAIErrorType(status);
  let code: string | null = null;
  if (parsed.success) {
    const error = parsed.data.error;
    message = error.message ?? `Gemini returned HTTP ${status}.`;
    if (error.status) {
      code = error.status;
      type = TYPE_BY_STATUS[error.status] ?? type;
    }
    const retry = error.details?.find((detail) => detail['@type']?.endsWith('google.rpc.RetryInfo') && typeof detail.retryDelay === 'string');
    const seconds = retry?.retryDelay ? parseGeminiRetryDelay(retry.retryDelay) : undefined;
    if (seconds !== undefined) outHeaders['retry-after'] = String(seconds);
  } else {
    const text = typeof body === 'string' ? body : body === undefined || body === null ? '' : JSON.stringify(body);
    message = text ? `Gemini returned HTTP ${status}: ${text.slice(0, 500)}` : `Gemini returned HTTP ${status}.`;
  }
  if (outHeaders['retry-after'] === undefined) {
    const upstream = readHeader(headers, 'retry-after');
    if (upstream !== undefined) outHeaders['retry-after'] = upstream;
  }
  return { status, body: createOpenAIError(status, message, { type, code }).body, headers: outHeaders };
}

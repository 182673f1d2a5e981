import { defaultOpenAIErrorType, type OpenAIErrorEnvelope } from '@interlingua/openai-schema';
import type { GeminiErrorBody } from './gemini-stream-event.js';

/** Gemini's canonical `status` → the HTTP status it stands for (google.rpc.Code mapping). */
const HTTP_STATUS_OF: Record<string, number> = {
  INVALID_ARGUMENT: 400,
  FAILED_PRECONDITION: 400,
  OUT_OF_RANGE: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  ABORTED: 409,
  ALREADY_EXISTS: 409,
  RESOURCE_EXHAUSTED: 429,
  CANCELLED: 499,
  INTERNAL: 500,
  UNKNOWN: 500,
  DATA_LOSS: 500,
  NOT_IMPLEMENTED: 501,
  UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
};

/**
 * A Gemini error body sent inside the stream (`data: {"error":{code,message,status}}`) → the OpenAI error payload
 * sent in its place: `type` from the HTTP status (`code`, else the one `status` stands for), `code` = Gemini's
 * `status` lower-cased (`resource_exhausted`), `param: null`.
 */
export function convertGeminiStreamErrorToOpenAI(error: GeminiErrorBody): OpenAIErrorEnvelope {
  const status = error.code ?? (error.status !== undefined ? HTTP_STATUS_OF[error.status] : undefined) ?? 500;
  return {
    error: {
      message: error.message ?? 'The upstream reported an error.',
      type: defaultOpenAIErrorType(status),
      param: null,
      code: error.status !== undefined ? error.status.toLowerCase() : null,
    },
  };
}

/** The error payload for a stream the transducer cannot translate faithfully (cut off, malformed event…). */
export function createStreamErrorPayload(message: string, code: string): OpenAIErrorEnvelope {
  return { error: { message, type: 'api_error', param: null, code } };
}

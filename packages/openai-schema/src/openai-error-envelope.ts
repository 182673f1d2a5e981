/** The body of every OpenAI error response: `{ "error": { message, type, param, code } }`. */

export interface OpenAIError {
  message: string;
  /** e.g. `invalid_request_error`, `authentication_error`, `rate_limit_error`, `api_error`. */
  type: string;
  /** The request parameter (JSON path) the error concerns, or null. */
  param: string | null;
  /** A machine-readable code such as `unsupported_parameter`, or null. */
  code: string | null;
  [key: string]: unknown;
}

export interface OpenAIErrorEnvelope {
  error: OpenAIError;
  [key: string]: unknown;
}

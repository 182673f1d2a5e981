import type { OpenAIErrorEnvelope } from '@interlingua/openai-schema';

/**
 * Anthropic error `type` → OpenAI error `type`. OpenAI's own vocabulary where one exists (`invalid_request_error`,
 * `authentication_error`, `permission_error`, `not_found_error`, `rate_limit_error`, `server_error`); the
 * Anthropic type itself is kept in `code`.
 */
export function mapAnthropicErrorTypeToOpenAI(anthropicType: string | undefined): string {
  switch (anthropicType) {
    case 'invalid_request_error':
    case 'request_too_large':
      return 'invalid_request_error';
    case 'authentication_error':
      return 'authentication_error';
    case 'permission_error':
    case 'billing_error':
      return 'permission_error';
    case 'not_found_error':
      return 'not_found_error';
    case 'rate_limit_error':
      return 'rate_limit_error';
    default:
      // api_error, overloaded_error, timeout_error and anything new: the upstream failed.
      return 'server_error';
  }
}

/**
 * The OpenAI error payload sent in place of further chunks when an Anthropic stream fails mid-way
 * (`data: {"error": {message, type, param: null, code}}`).
 */
export function createOpenAIStreamError(message: string, anthropicType: string | undefined, code?: string): OpenAIErrorEnvelope {
  return {
    error: {
      message,
      type: mapAnthropicErrorTypeToOpenAI(anthropicType),
      param: null,
      code: code ?? anthropicType ?? null,
    },
  };
}

import type { OpenAIError } from '@interlingua/openai-schema';
import type { ResponseErrorObject } from '@interlingua/responses-schema';

/**
 * An OpenAI error (from the hub: the provider's error translated by its mapper, or the gateway's own) → a failed
 * Response's `error`. The code is one of the `ResponseErrorCode` values of OpenAI's specification
 * (`rate_limit_exceeded` for rate limits, `invalid_prompt` for request errors, otherwise `server_error`); the
 * message keeps the provider's words and names its error type and code.
 */
export function mapChatErrorToResponseError(error: Pick<OpenAIError, 'message' | 'type' | 'code'>): ResponseErrorObject {
  const type = typeof error.type === 'string' ? error.type : '';
  const code = typeof error.code === 'string' ? error.code : null;
  const mapped = type === 'rate_limit_error' || code === 'rate_limit_exceeded' ? 'rate_limit_exceeded' : type === 'invalid_request_error' ? 'invalid_prompt' : 'server_error';
  const label = [type, code].filter((part) => part !== '' && part !== null).join(': ');
  const message = typeof error.message === 'string' && error.message !== '' ? error.message : 'The upstream failed.';
  return { code: mapped, message: label ? `${message} (${label})` : message };
}

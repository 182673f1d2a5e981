import { findClientPath, type HubPathEntry } from './hub-request-paths.js';
import { replacePath, translateHubWarning, type TranslationWarning } from '@interlingua/openai-schema';
import { createMessagesError, messagesErrorTypeForStatus, type MessagesErrorEnvelope, type MessagesErrorType } from '@interlingua/messages-schema';

/**
 * An OpenAI error envelope (the gateway's own checks, or an upstream error the provider bridge translated) →
 * Anthropic's envelope and status.
 *
 * - The status is kept, except a 503 whose OpenAI type is `service_unavailable_error` or `overloaded_error` (an
 *   overloaded upstream: Gemini's UNAVAILABLE "The model is overloaded", an Anthropic 529 seen through the hub),
 *   which becomes **529 `overloaded_error`**, the status Anthropic clients know as "overloaded" and retry.
 * - The type follows the status (400 invalid_request_error, 401 authentication_error, 402 billing_error, 403
 *   permission_error, 404 not_found_error, 413 request_too_large, 429 rate_limit_error, 500/502/503 api_error, 504
 *   timeout_error, 529 overloaded_error; other 4xx invalid_request_error, other 5xx api_error).
 * - The message is kept; a `param` the message does not already name is put in front, Anthropic style
 *   (`temperature: …`).
 * - With `paths` (from `convertMessagesRequestToChat`: the error is about the hub request made of the client's),
 *   the hub path becomes the client's (`messages[2].tool_call_id` → `messages.1.content.0.tool_use_id`, in the
 *   message too); a path no entry matches is kept and said to be a path of the translated (Chat Completions)
 *   request. Anthropic's envelope has no `param`: the path is in the message.
 */
export function convertOpenAIErrorToMessages(
  status: number,
  envelope: unknown,
  paths?: readonly HubPathEntry[],
): { status: number; body: MessagesErrorEnvelope } {
  const error = (typeof envelope === 'object' && envelope !== null ? (envelope as { error?: unknown }).error : undefined) as
    | { message?: unknown; type?: unknown; param?: unknown; code?: unknown }
    | undefined;
  const openAIType = typeof error?.type === 'string' ? error.type : '';
  let outStatus = status;
  if (status === 529 || (status === 503 && (openAIType === 'service_unavailable_error' || openAIType === 'overloaded_error'))) outStatus = 529;
  const type: MessagesErrorType = messagesErrorTypeForStatus(outStatus);
  let message = typeof error?.message === 'string' && error.message !== '' ? error.message : `The upstream answered with status ${status}.`;
  let param = typeof error?.param === 'string' && error.param !== '' ? error.param : null;
  if (param !== null && paths !== undefined) {
    const client = findClientPath(param, paths);
    if (client !== undefined) {
      message = replacePath(message, param, client);
      param = client;
    } else if (!message.includes(param)) {
      param = `${param} (a path of this request as translated to Chat Completions)`;
    } else message = `${message} (${param} is a path of this request as translated to Chat Completions.)`;
  }
  if (param !== null && !message.includes(param)) message = `${param}: ${message}`;
  return { status: outStatus, body: createMessagesError(outStatus, message, type) };
}

/**
 * A warning about the hub request (a provider mapper's lossy step, naming a hub path in `param`) as the Messages
 * client's: `param` becomes the path in the client's request (`messages[2].content` → `messages.1.content`), and the
 * message names it where it named the hub path. A `param` no entry matches is kept. Pure.
 */
export function translateHubWarningForMessages(warning: TranslationWarning, paths: readonly HubPathEntry[]): TranslationWarning {
  return translateHubWarning(warning, (param) => findClientPath(param, paths));
}

import {
  convertChatCompletionToMessage,
  convertMessagesRequestToChat,
  convertOpenAIErrorToMessages,
  translateHubWarningForMessages,
  type HubPathEntry,
  type MessagesTranslationContext,
} from '@interlingua/messages-mapper';
import { createChatToMessagesTranscoder } from '@interlingua/messages-transducer';
import type { TranslationWarning } from '@interlingua/openai-schema';
import type { GatewayRequest } from '../gateway-exchange.js';
import type { ClientFront, FrontRequestResult } from './client-front.js';
import { createTokenCounterSource, type TokenCounterSource } from './create-token-counter-source.js';
import { estimateChatRequestTokens, type GatewayTokenCounter, type TokenCounter } from './estimate-chat-request-tokens.js';

/** The mapper's context plus the input-token estimate a stream's message_start announces and the hub paths' origins. */
type MessagesFrontContext = MessagesTranslationContext & { inputTokens?: number; paths?: HubPathEntry[] };

/**
 * How often a quiet translated stream gets a `ping` (Anthropic documents pings in streams without a period; 15 s
 * stays well under the 60 s idle timeouts of common proxies and load balancers).
 */
export const PING_INTERVAL_MS = 15_000;

/** The `anthropic-version` assumed when a client sends none (curl users; Anthropic itself requires the header). */
export const MESSAGES_API_VERSION = '2023-06-01';
/** The versions Anthropic has published (API reference, "Versions"). */
const KNOWN_VERSIONS = ['2023-06-01', '2026-10-21'];

/**
 * The client's API version and the warnings about Anthropic's headers on the translated path: every
 * `anthropic-beta` value names a feature the hub cannot honour (`beta_not_honoured`, one per value); an unknown
 * `anthropic-version` is answered as the latest known one (`anthropic_version_assumed`). An Anthropic upstream
 * receives both headers unchanged.
 */
export function checkAnthropicHeaders(header: (name: string) => string | null): { apiVersion: string; warnings: TranslationWarning[] } {
  const warnings: TranslationWarning[] = [];
  const sent = header('anthropic-version')?.trim();
  let apiVersion = sent ?? MESSAGES_API_VERSION;
  if (sent !== undefined && !KNOWN_VERSIONS.includes(sent)) {
    apiVersion = KNOWN_VERSIONS.at(-1)!;
    warnings.push({ code: 'anthropic_version_assumed', param: 'anthropic-version', message: `anthropic-version "${sent}" is unknown; the request is read as ${apiVersion}.` });
  }
  for (const beta of (header('anthropic-beta') ?? '').split(',').map((value) => value.trim()).filter((value) => value !== '')) {
    warnings.push({ code: 'beta_not_honoured', param: 'anthropic-beta', message: `The beta "${beta}" applies only to an Anthropic upstream; this model's path ignores it.` });
  }
  return { apiVersion, warnings };
}

/**
 * `POST /v1/messages`: Anthropic's Messages API over the hub (`@interlingua/messages-mapper` and
 * `-transducer`). A Claude model behind the Anthropic upstream never comes here: the gateway passes such requests
 * through unchanged (`passThroughAnthropicRequest`). Clients authenticate with `x-api-key` (the Anthropic SDKs and
 * Claude Code) or `Authorization: Bearer`.
 */
export function createMessagesFront(options: { strict?: boolean; tokenCounter?: GatewayTokenCounter | TokenCounterSource } = {}): ClientFront {
  // The gateway passes its own source, shared with `count_tokens`; a counter or loader given here gets one of its own.
  const tokenCounter = options.tokenCounter && createTokenCounterSource(options.tokenCounter);
  return { ...messagesFront, toChatRequest: (body, request) => toChatRequest(body, request, options.strict === true, tokenCounter) };
}

type MappedMessagesRequest = Extract<ReturnType<typeof convertMessagesRequestToChat>, { ok: true }>;

function toChatRequest(body: unknown, request: GatewayRequest, strict: boolean, tokenCounter: TokenCounterSource | undefined): FrontRequestResult | Promise<FrontRequestResult> {
  const { apiVersion, warnings: headerWarnings } = checkAnthropicHeaders((name) => request.header(name));
  const mapped = convertMessagesRequestToChat(body, { apiVersion, strict });
  if (!mapped.ok) return { ok: false, status: mapped.status, body: mapped.error, warnings: [...headerWarnings, ...mapped.warnings] };
  // A stream announces its input tokens in message_start, before the upstream has counted them: the gateway's
  // tokenizer's estimate when it has one (the final message_delta carries the upstream's count). A tokenizer given as
  // a loader is loaded by the first stream that needs it.
  if (mapped.request.stream !== true || !tokenCounter) return accepted(mapped, headerWarnings, undefined);
  const counter = tokenCounter.get();
  if (!(counter instanceof Promise)) return accepted(mapped, headerWarnings, counter);
  return counter.then(
    (loaded) => accepted(mapped, headerWarnings, loaded),
    () =>
      accepted(mapped, [
        ...headerWarnings,
        {
          code: 'token_estimate_unavailable',
          param: 'messages',
          message: `The gateway's ${tokenCounter.encoding} tokenizer failed to load: message_start announces 0 input tokens; message_delta carries the upstream's count.`,
        },
      ], undefined),
  );
}

function accepted(mapped: MappedMessagesRequest, headerWarnings: readonly TranslationWarning[], counter: TokenCounter | undefined): FrontRequestResult {
  const inputTokens = counter ? estimateChatRequestTokens(mapped.request, counter).tokens : undefined;
  const context: MessagesFrontContext = { ...mapped.context, ...(inputTokens !== undefined ? { inputTokens } : {}), paths: mapped.paths };
  return { ok: true, request: mapped.request, context, warnings: [...headerWarnings, ...mapped.warnings] };
}

/** The front with the gateway's default (lenient) mode; `createMessagesFront({strict})` for strict mode. */
export const messagesFront: ClientFront = {
  api: 'messages',
  acceptsApiKeyHeader: true,
  nativeUpstream: 'anthropic',
  readsHubFrames: true,
  toChatRequest: (body, request) => toChatRequest(body, request, false, undefined),
  toClientError: (status, envelope, context) => convertOpenAIErrorToMessages(status, envelope, (context as MessagesFrontContext | undefined)?.paths),
  toClientWarnings(warnings, context) {
    const paths = (context as MessagesFrontContext).paths;
    return paths ? warnings.map((warning) => translateHubWarningForMessages(warning, paths)) : warnings;
  },
  toClientReply(completion, context, environment) {
    const { message, warnings } = convertChatCompletionToMessage(completion, { context: context as MessagesTranslationContext, environment });
    return { ok: true, body: message, warnings };
  },
  createStreamTranscoder(context, environment, streamOptions) {
    const { inputTokens } = context as MessagesFrontContext;
    const transcoder = createChatToMessagesTranscoder(context as MessagesTranslationContext, environment, {
      ...(inputTokens !== undefined ? { inputTokens } : {}),
      ...(streamOptions?.encodeUtf8 ? { encodeUtf8: streamOptions.encodeUtf8 } : {}),
      ...(streamOptions?.createUtf8Decoder ? { createUtf8Decoder: streamOptions.createUtf8Decoder } : {}),
    });
    return {
      push: (chunk) => transcoder.push(chunk),
      pushFrames: (frames) => transcoder.pushFrames(frames),
      end: () => transcoder.end(),
      // The Messages stream's own lossy steps join the hub's in the final warnings comment and the log line.
      warnings: transcoder.warnings,
      keepAlive: { intervalMs: PING_INTERVAL_MS, bytes: () => transcoder.ping() },
    };
  },
};

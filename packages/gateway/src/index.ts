export { createGateway, createGatewayCore, toGatewayRequest, toResponse, type GatewayHandler } from './create-gateway.js';
export type {
  ByteSource,
  GatewayCore,
  GatewayReply,
  GatewayRequest,
  UpstreamFetch,
  UpstreamRequestInit,
  UpstreamAbort,
  ReplyByteStream,
  UpstreamResponse,
} from './gateway-exchange.js';
export { LazyAbortController, type ClientClosed } from './lazy-abort-controller.js';
export type { GatewayOptions, GatewayLogLine } from './gateway-options.js';
export type { CatalogOverrideConfig, GatewayConfigFile, ModelRoute, PrefixRoute, UpstreamKind, UpstreamSettings, GatewayLimits } from './gateway-config.js';
export type { VertexSettings, VertexServiceAccountKey } from './vertex/vertex-settings.js';
export { parseGatewayConfigFile, type ParseGatewayConfigResult } from './parse-gateway-config-file.js';
export { readGatewayConfigFromEnv, type GatewayEnvironment } from './read-gateway-config-from-env.js';
export { defaultReplayModels } from './replay/default-replay-models.js';
export { createReplayFetch, type ReplayFetchOptions } from './replay/create-replay-fetch.js';
export { createGuardedMediaResolver, MediaResolutionError, type GuardedMediaResolverOptions } from './media/create-guarded-media-resolver.js';
export { isForbiddenAddress } from './media/is-forbidden-address.js';
export type { MediaResolver, ResolvedMedia } from './bridges/provider-bridge.js';
export { DEFAULT_GATEWAY_LIMITS, resolveGatewayLimits, type ResolvedGatewayLimits } from './resolve-gateway-limits.js';
export type { ClientFront, ClientStreamOptions, ClientStreamTranscoder, FrontReplyResult, FrontRequestResult } from './fronts/client-front.js';
export { chatCompletionsFront } from './fronts/chat-completions-front.js';
export { createResponsesFront, type ResponsesFrontOptions } from './fronts/responses-front.js';
export { createMessagesFront, messagesFront } from './fronts/messages-front.js';
export type { GatewayTokenCounter, TokenCounter } from './fronts/estimate-chat-request-tokens.js';
export type { TokenCounterSource } from './fronts/create-token-counter-source.js';
export { createMemoryResponseStore, type MemoryResponseStoreOptions } from './store/create-memory-response-store.js';
export type { ResponseItemResource, ResponseStore, StoredResponse } from './store/response-store.js';
export { createRedisResponseStore, type RedisLikeClient, type RedisResponseStoreOptions } from './store/create-redis-response-store.js';
export { createKvResponseStore, type KvLikeNamespace, type KvResponseStoreOptions } from './store/create-kv-response-store.js';
export { isGatewayPath } from './gateway-paths.js';

import { isResponsesResourcePath } from './fronts/handle-responses-resource.js';

/** The fixed paths `createGatewayCore` routes (besides the stored responses' paths, `isResponsesResourcePath`). */
const GATEWAY_PATHS: ReadonlySet<string> = new Set(['/v1/chat/completions', '/v1/messages', '/v1/messages/count_tokens', '/v1/responses', '/v1/models', '/healthz']);

/**
 * Whether `createGatewayCore` routes `path` (exactly: any other path is its 404 `unknown_route`). What an adapter that
 * shares its server with other routes (the Express handler) asks before handing a request to the gateway.
 */
export function isGatewayPath(path: string): boolean {
  return GATEWAY_PATHS.has(path) || isResponsesResourcePath(path);
}

/** The gateway's paths, relative to where the handler is mounted (`createGatewayCore`'s routes), lower-case. */
const GATEWAY_PATHS = new Set(['/v1/chat/completions', '/v1/messages', '/v1/messages/count_tokens', '/v1/responses', '/v1/models', '/healthz']);
/** `/v1/responses/{id}` and `/v1/responses/{id}/input_items`, in any case, with or without one trailing slash. */
const RESPONSE_RESOURCE = /^\/v1\/responses\/[^/]+(?:\/input_items)?\/?$/i;

/**
 * Whether a request URL (`req.url`: the path below the mount point, and the query) is one of the gateway's routes, as
 * Express's own route matching would find it: in any letter case and with or without one trailing slash (Express's
 * defaults, `caseSensitive: false` and `strict: false`). The gateway answers such a path itself (its own routing is
 * exact: `/V1/Models` gets its 404 envelope); any other path goes to the app's next handler.
 */
export function servesGatewayPath(url: string): boolean {
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  if (GATEWAY_PATHS.has(path)) return true;
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return GATEWAY_PATHS.has(trimmed.toLowerCase()) || RESPONSE_RESOURCE.test(path);
}

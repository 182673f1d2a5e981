import { isGatewayPath } from '@interlingua/gateway';

/**
 * Whether a request URL (`req.url`: the path below the mount point, and the query) is one of the gateway's routes
 * (`isGatewayPath`), as Express's own route matching would find it: in any letter case and with or without one
 * trailing slash (Express's defaults, `caseSensitive: false` and `strict: false`). The gateway answers such a path
 * itself (its own routing is exact: `/V1/Models` gets its 404 envelope); any other path goes to the app's next handler.
 */
export function servesGatewayPath(url: string): boolean {
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  if (isGatewayPath(path)) return true;
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return isGatewayPath(trimmed.toLowerCase());
}

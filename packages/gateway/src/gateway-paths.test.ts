import { describe, expect, it } from 'vitest';
import { createGatewayCore } from './create-gateway.js';
import { isGatewayPath } from './gateway-paths.js';

// The list must be the core's routing: every path it names is routed (not the core's 404 `unknown_route`) for a method
// at least (`/healthz` for GET only; the others answer a wrong method with 405), and the paths it leaves out get that
// 404 for every method.
const core = createGatewayCore({ log: () => {} });
const routeOf = async (method: string, path: string) => {
  const reply = await core({ method, path, header: () => null, body: null });
  return typeof reply.body === 'string' && reply.body.includes('"unknown_route"') ? 'unknown_route' : 'routed';
};

describe('isGatewayPath', () => {
  const served = ['/v1/chat/completions', '/v1/messages', '/v1/messages/count_tokens', '/v1/responses', '/v1/responses/resp_1', '/v1/responses/resp_1/input_items', '/v1/models', '/healthz'];
  const notServed = ['/', '/v1', '/v1/chat', '/v1/chat/completions/', '/V1/MODELS', '/v1/responses/', '/v1/responses/a/b', '/v1/embeddings', '/healthz2'];

  it('takes exactly the paths the core routes', async () => {
    for (const path of served) {
      expect(isGatewayPath(path), path).toBe(true);
      const routes = await Promise.all(['GET', 'POST', 'DELETE'].map((method) => routeOf(method, path)));
      expect(routes, path).toContain('routed');
    }
    for (const path of notServed) {
      expect(isGatewayPath(path), path).toBe(false);
      for (const method of ['GET', 'POST', 'DELETE']) expect(await routeOf(method, path), `${method} ${path}`).toBe('unknown_route');
    }
  });
});

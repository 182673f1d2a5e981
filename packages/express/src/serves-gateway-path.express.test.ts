import fc from 'fast-check';
import express, { Router } from 'express';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servesGatewayPath } from './serves-gateway-path.js';

// The reference: the `express.Router` this package returned before (BENCHMARKS.md item 34), with its routes, mounted
// on an app whose next handler answers otherwise. `servesGatewayPath` must decide as Express's route matching did.
const ROUTER_PATHS = ['/v1/chat/completions', '/v1/messages', '/v1/messages/count_tokens', '/v1/responses', '/v1/responses/:id', '/v1/responses/:id/input_items', '/v1/models', '/healthz'];

let server: Server;
let base: string;

beforeAll(async () => {
  const router = Router();
  router.all(ROUTER_PATHS, (_request, response) => void response.end('gateway'));
  const app = express();
  app.use('/mounted', router);
  app.use(router);
  app.use((_request, response) => void response.end('next'));
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const segment = fc.constantFrom('v1', 'V1', 'chat', 'Chat', 'completions', 'messages', 'count_tokens', 'responses', 'Responses', 'resp_1', 'input_items', 'INPUT_ITEMS', 'models', 'healthz', 'x', '');
const url = fc
  .tuple(fc.array(segment, { minLength: 1, maxLength: 5 }), fc.boolean(), fc.constantFrom('', '?a=1', '?q=/v1/models'))
  .map(([segments, trailing, query]) => `/${segments.join('/')}${trailing ? '/' : ''}${query}`);

describe("servesGatewayPath against Express's route matching", () => {
  it('decides every path as the router of the same routes did, mounted at the root or under a prefix', async () => {
    const routed = async (path: string) => (await (await fetch(base + path, { method: 'POST' })).text()) === 'gateway';
    const known = ['/v1/chat/completions', '/v1/responses/', '/V1/MODELS/', '/v1/responses/r/input_items', '/v1/responses/r/', '/v1/responses/r/input_items/', '/v1//models', '/healthz//'];
    for (const path of known) {
      expect(servesGatewayPath(path), path).toBe(await routed(path));
      expect(servesGatewayPath(path), `/mounted${path}`).toBe(await routed(`/mounted${path}`));
    }
    await fc.assert(
      fc.asyncProperty(url, async (path) => {
        expect(servesGatewayPath(path), path).toBe(await routed(path));
      }),
      { numRuns: 300 },
    );
  });
});

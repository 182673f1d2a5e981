import { describe, expect, it } from 'vitest';
import { servesGatewayPath } from './serves-gateway-path.js';

describe('servesGatewayPath', () => {
  it("takes the gateway's routes, with a query or not", () => {
    for (const path of [
      '/v1/chat/completions',
      '/v1/messages',
      '/v1/messages/count_tokens',
      '/v1/responses',
      '/v1/responses/resp_123',
      '/v1/responses/resp_123/input_items',
      '/v1/models',
      '/healthz',
      '/v1/models?after=x',
      '/v1/responses/resp_123/input_items?limit=2&order=asc',
    ]) {
      expect(servesGatewayPath(path), path).toBe(true);
    }
  });

  it("takes them as Express's route matching did: any letter case, one trailing slash", () => {
    for (const path of ['/V1/Chat/Completions', '/v1/models/', '/v1/responses/', '/HEALTHZ/', '/v1/Responses/resp_1/Input_Items/', '/v1/messages/?beta=true']) {
      expect(servesGatewayPath(path), path).toBe(true);
    }
  });

  it('leaves every other path to the next handler', () => {
    for (const path of [
      '/',
      '/v1',
      '/v1/chat',
      '/v1/chat/completions/extra',
      '/v1/chat/completions//',
      '/v1/responses//input_items',
      '/v1/responses/resp_1/input_items/more',
      '/v1/embeddings',
      '/healthz2',
      '/app/v1/models',
      '?/v1/models',
    ]) {
      expect(servesGatewayPath(path), path).toBe(false);
    }
  });
});

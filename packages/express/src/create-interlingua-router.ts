import type { GatewayOptions } from '@interlingua/gateway';
import { createNodeRequestListener } from '@interlingua/node';
import { Router } from 'express';

/**
 * An Express 5 router serving `POST /v1/chat/completions`, `POST /v1/messages` and `/v1/messages/count_tokens`, `POST /v1/responses` (and `GET`/`DELETE /v1/responses/:id`,
 * `GET /v1/responses/:id/input_items`), `GET /v1/models` and `GET /healthz` from the gateway core,
 * through `@interlingua/node`: the request is read from Node's request object and the reply (a stream flushed chunk
 * by chunk, the upstream aborted when the client disconnects) written to its response object. Mount it before any
 * body parser: the gateway reads the raw body itself (to enforce its size limit).
 */
export function createInterlinguaRouter(options: GatewayOptions): Router {
  const listener = createNodeRequestListener(options);
  const router = Router();
  router.all(['/v1/chat/completions', '/v1/messages', '/v1/messages/count_tokens', '/v1/responses', '/v1/responses/:id', '/v1/responses/:id/input_items', '/v1/models', '/healthz'], (request, response) => {
    listener(request, response);
  });
  return router;
}

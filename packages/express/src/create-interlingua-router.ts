import { getRequestListener } from '@hono/node-server';
import { createGateway, type GatewayOptions } from '@interlingua/gateway';
import { Router } from 'express';

/**
 * An Express 5 router serving `POST /v1/chat/completions`, `GET /v1/models` and `GET /healthz` from the gateway core.
 * Node's request becomes a Web `Request` (and the `Response` is streamed back, flushed per chunk, with the upstream
 * aborted when the client disconnects) through `@hono/node-server`. Mount it before any body parser: the gateway
 * reads the raw body itself (to enforce its size limit).
 */
export function createInterlinguaRouter(options: GatewayOptions): Router {
  const listener = getRequestListener(createGateway(options));
  const router = Router();
  router.all(['/v1/chat/completions', '/v1/models', '/healthz'], (request, response) => {
    void listener(request, response);
  });
  return router;
}

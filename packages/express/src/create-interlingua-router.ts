import type { GatewayOptions } from '@interlingua/gateway';
import { createNodeRequestListener } from '@interlingua/node';
import type { RequestHandler } from 'express';
import { servesGatewayPath } from './serves-gateway-path.js';

/**
 * An Express 5 handler serving `POST /v1/chat/completions`, `POST /v1/messages` and `/v1/messages/count_tokens`, `POST /v1/responses` (and `GET`/`DELETE /v1/responses/:id`,
 * `GET /v1/responses/:id/input_items`), `GET /v1/models` and `GET /healthz` from the gateway core,
 * through `@interlingua/node`: the request is read from Node's request object and the reply (a stream flushed chunk
 * by chunk, the upstream aborted when the client disconnects) written to its response object. Any other path goes to
 * the app's next handler. Mount it (`app.use`) before any body parser: the gateway reads the raw body itself (to
 * enforce its size limit).
 *
 * A plain handler rather than an `express.Router`: a router of its own would run Express's routing a second time for
 * every request (about 20 µs of CPU per request and 0.5 KiB per open stream, BENCHMARKS.md item 34).
 */
export function createInterlinguaRouter(options: GatewayOptions): RequestHandler {
  const listener = createNodeRequestListener(options);
  return (request, response, next) => {
    if (servesGatewayPath(request.url)) listener(request, response);
    else next();
  };
}

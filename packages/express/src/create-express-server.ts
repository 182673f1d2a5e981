import { createServer, IncomingMessage, ServerResponse, type Server, type ServerOptions } from 'node:http';
import type { Express } from 'express';

/** The request and response classes a Node server builds for an Express app (`expressServerOptions`). */
export interface ExpressServerClasses {
  IncomingMessage: typeof IncomingMessage;
  ServerResponse: typeof ServerResponse;
}

const classesByApp = new WeakMap<Express, ExpressServerClasses>();

/**
 * Node server options under which every request and response is created with the app's own prototypes
 * (`app.request`, `app.response`), so that Express, which gives each request and response those prototypes when it
 * starts to handle them (`Object.setPrototypeOf`), finds them set and changes nothing. Changing the prototype of a live
 * object is what costs: V8 gives each such object a map of its own and promotes nearly every young object at each
 * minor collection. An Express app answering a fixed body took 113 µs of CPU per request that way, 27 without the
 * change (`node:http` alone 25; BENCHMARKS.md item 36).
 *
 * How: two subclasses of Node's `IncomingMessage` and `ServerResponse` whose prototypes inherit from the app's
 * current `app.request` and `app.response` (so everything on those objects, and anything added to them later, is
 * still there), and which become the app's `app.request` and `app.response`. A sub-app mounted before or after
 * inherits from them as Express arranges; inside a sub-app Express still switches the prototypes to the sub-app's and
 * back. Calling this again for the same app returns the same classes.
 *
 * For `https.createServer` (or `http2` with `allowHTTP1`), spread these into its options; `createExpressServer` does
 * it for `http`.
 */
export function expressServerOptions(app: Express): ExpressServerClasses {
  const made = classesByApp.get(app);
  if (made && app.request === made.IncomingMessage.prototype && app.response === made.ServerResponse.prototype) return made;
  class ExpressRequest extends IncomingMessage {}
  Object.setPrototypeOf(ExpressRequest.prototype, app.request);
  app.request = ExpressRequest.prototype as Express['request'];
  class ExpressResponse extends ServerResponse {}
  Object.setPrototypeOf(ExpressResponse.prototype, app.response);
  app.response = ExpressResponse.prototype as Express['response'];
  const classes: ExpressServerClasses = { IncomingMessage: ExpressRequest, ServerResponse: ExpressResponse as typeof ServerResponse };
  classesByApp.set(app, classes);
  return classes;
}

/**
 * `http.createServer(options, app)` with `expressServerOptions(app)`: use it in place of `app.listen(…)`
 * (`createExpressServer(app).listen(8787, '127.0.0.1')`). Requests are handled as under `app.listen`, without the
 * per-request prototype change that is most of Express's own CPU per request.
 */
export function createExpressServer(app: Express, options: ServerOptions = {}): Server {
  return createServer({ ...options, ...expressServerOptions(app) }, app);
}

export { createNodeRequestListener, serveGatewayRequest, type NodeRequestListener } from './create-node-request-listener.js';
export { createNodeFetch, type NodeFetchOptions } from './create-node-fetch.js';

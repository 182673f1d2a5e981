export { createNodeRequestListener, serveGatewayRequest, type NodeRequestListener } from './create-node-request-listener.js';
export { createNodeFetch, type NodeFetchOptions } from './create-node-fetch.js';
export { FLUSH_AFTER_MS, flushLogLines, writeLogLineToStdout } from './write-log-line-to-stdout.js';

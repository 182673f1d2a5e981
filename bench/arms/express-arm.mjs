#!/usr/bin/env node
// Bench-only Express app: the shipped router (`createInterlinguaRouter` from the built @interlingua/express) on
// 127.0.0.1, routed to the mock upstream, served as the package's README shows: `createExpressServer(app)` (the app's
// request and response prototypes from the start, BENCHMARKS.md item 36). Nothing here ships; the memory probe is a
// preload (memory-probe.mjs).
//
// Environment: ANTHROPIC_BASE_URL, GEMINI_BASE_URL, OPENAI_BASE_URL (the mock), dummy keys; BENCH_MAX_STREAMS raises
// the gateway's concurrent-stream limit (default 1000) for the capacity lanes; BENCH_LOG=1 keeps the per-request log
// line (default on, as shipped; the arms run with stdout to /dev/null); BENCH_EXPRESS_SERVER=app-listen serves it with
// `app.listen` instead (Node's own request and response classes, whose prototypes Express changes per request).
import express from 'express';
import { createExpressServer, createInterlinguaRouter } from '@interlingua/express';

const maxConcurrentStreams = Number(process.env.BENCH_MAX_STREAMS ?? 1000);
const app = express();
app.disable('x-powered-by');
app.use(
  createInterlinguaRouter({
    upstreams: {
      anthropic: { apiKey: 'bench-key', baseUrl: process.env.ANTHROPIC_BASE_URL },
      gemini: { apiKey: 'bench-key', baseUrl: process.env.GEMINI_BASE_URL },
      'openai-compatible': { apiKey: 'bench-key', baseUrl: process.env.OPENAI_BASE_URL },
    },
    prefixes: [
      { prefix: 'claude', upstream: 'anthropic' },
      { prefix: 'gemini', upstream: 'gemini' },
      { prefix: '', upstream: 'openai-compatible' },
    ],
    limits: { maxConcurrentStreams },
    ...(process.env.BENCH_LOG === '0' ? { log: () => {} } : {}),
  }),
);
const portFlag = process.argv.indexOf('--port');
const server = (process.env.BENCH_EXPRESS_SERVER === 'app-listen' ? app : createExpressServer(app)).listen(portFlag > 0 ? Number(process.argv[portFlag + 1]) : 0, '127.0.0.1', () => {
  process.stderr.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
server.keepAliveTimeout = 60_000;
server.requestTimeout = 0;
server.headersTimeout = 0;
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));

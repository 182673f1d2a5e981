#!/usr/bin/env node
// Diagnostic (not a published metric): where a non-streamed Anthropic-lane request spends its CPU inside one Node
// process, stage by stage, in CPU µs per request (process.cpuUsage, which a busy machine disturbs less than wall time).
//   parse      parseChatCompletionRequest (zod) of the OpenAI body
//   map        parse + convertOpenAIRequestToAnthropic + JSON.stringify + JSON.parse + convertAnthropicResponseToOpenAI
//   gateway    createGateway's handler, Request in → Response text out, with a fetch that answers from memory
//   fetch      one global fetch() POST to a loopback node:http server and reading its body (the upstream call alone)
//   node:http  the same call with node:http and a keep-alive agent (what the floor proxy uses)
//   full       createGateway's handler calling the loopback upstream with the global fetch
//   hono+full  the same behind @hono/node-server's getRequestListener on a node:http server, driven by node:http
//   http:trivial   a node:http server answering a fixed body, driven by node:http (the HTTP floor of one hop)
//   hono:trivial   @hono/node-server's listener with a handler answering a fixed Response (the adapter's own cost)
// Usage: node bench/in-process/gateway-stages.mjs   (prints one JSON object)
import { Agent, createServer, request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const load = (pkg) => import(pathToFileURL(join(root, 'packages', pkg, 'dist', 'index.js')).href);
const { createGateway } = await load('gateway');
const { convertOpenAIRequestToAnthropic, convertAnthropicResponseToOpenAI } = await load('anthropic-mapper');
const { parseChatCompletionRequest, createDefaultEnvironment } = await load('openai-schema');
// The hono stages need @hono/node-server, which the Express adapter no longer depends on: skipped when absent.
let getRequestListener;
try {
  ({ getRequestListener } = createRequire(join(root, 'packages', 'express', 'package.json'))('@hono/node-server'));
} catch {
  getRequestListener = undefined;
}

const fixture = (path) => JSON.parse(readFileSync(join(root, 'fixtures', path), 'utf8'));
const openaiRequest = fixture('anthropic/text/request.json');
const requestText = JSON.stringify(openaiRequest);
const anthropicReply = JSON.stringify(fixture('anthropic/text/upstream-response.json').body);
const ITERATIONS = Number(process.env.BENCH_STAGE_ITERATIONS ?? 2000);

const answerFixedLater = (request, response) => {
  request.resume();
  response.end();
};
const upstream = createServer({ noDelay: true, keepAliveTimeout: 60_000 }, (request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(anthropicReply) });
    response.end(anthropicReply);
  });
});
await new Promise((resolve) => upstream.listen(0, '127.0.0.1', resolve));
const upstreamUrl = `http://127.0.0.1:${upstream.address().port}`;

const memoryFetch = async () => new Response(anthropicReply, { status: 200, headers: { 'content-type': 'application/json' } });
const gatewayOptions = (fetchImplementation) => ({
  upstreams: { anthropic: { apiKey: 'bench-key', baseUrl: upstreamUrl } },
  prefixes: [{ prefix: 'claude', upstream: 'anthropic' }],
  log: () => {},
  ...(fetchImplementation ? { fetch: fetchImplementation } : {}),
});
const memoryGateway = createGateway(gatewayOptions(memoryFetch));
const fullGateway = createGateway(gatewayOptions());

const gatewayServer = createServer({ noDelay: true, keepAliveTimeout: 60_000 }, getRequestListener ? getRequestListener(fullGateway) : answerFixedLater);
await new Promise((resolve) => gatewayServer.listen(0, '127.0.0.1', resolve));
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const answerFixed = (request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(anthropicReply) });
    response.end(anthropicReply);
  });
};
const trivialServer = createServer({ noDelay: true, keepAliveTimeout: 60_000 }, answerFixed);
await new Promise((resolve) => trivialServer.listen(0, '127.0.0.1', resolve));
const honoServer = createServer(
  { noDelay: true, keepAliveTimeout: 60_000 },
  (getRequestListener ?? (() => answerFixedLater))(async (request) => {
    await request.text();
    return new Response(anthropicReply, { status: 200, headers: { 'content-type': 'application/json' } });
  }),
);
await new Promise((resolve) => honoServer.listen(0, '127.0.0.1', resolve));

function nodeHttpPost(port, path, body) {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, method: 'POST', path, agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve(Buffer.concat(chunks).toString()));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const environment = createDefaultEnvironment();
const stages = {
  parse: async () => parseChatCompletionRequest(JSON.parse(requestText)),
  map: async () => {
    const parsed = parseChatCompletionRequest(JSON.parse(requestText));
    const mapped = convertOpenAIRequestToAnthropic(parsed.value);
    JSON.stringify(mapped.upstream.body);
    const reply = convertAnthropicResponseToOpenAI(JSON.parse(anthropicReply), { context: mapped.context, environment });
    return JSON.stringify(reply.response);
  },
  gateway: async () => (await memoryGateway(new Request('http://gateway/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: requestText }))).text(),
  fetch: async () => (await fetch(`${upstreamUrl}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: requestText })).text(),
  'node:http': () => nodeHttpPost(upstream.address().port, '/v1/messages', requestText),
  full: async () => (await fullGateway(new Request('http://gateway/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: requestText }))).text(),
  ...(getRequestListener ? { 'hono+full': () => nodeHttpPost(gatewayServer.address().port, '/v1/chat/completions', requestText) } : {}),
  'http:trivial': () => nodeHttpPost(trivialServer.address().port, '/v1/chat/completions', requestText),
  ...(getRequestListener ? { 'hono:trivial': () => nodeHttpPost(honoServer.address().port, '/v1/chat/completions', requestText) } : {}),
};

const result = { iterations: ITERATIONS, note: 'CPU µs per request of this whole process (the loopback upstream included where it is called)' };
for (const [name, stage] of Object.entries(stages)) {
  for (let i = 0; i < 300; i++) await stage();
  const samples = [];
  for (let run = 0; run < 5; run++) {
    const before = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < ITERATIONS / 5; i++) await stage();
    const cpu = process.cpuUsage(before);
    samples.push({ cpu: (cpu.user + cpu.system) / (ITERATIONS / 5), wall: ((performance.now() - started) * 1000) / (ITERATIONS / 5) });
  }
  samples.sort((a, b) => a.cpu - b.cpu);
  result[name] = { cpuMicros: Math.round(samples[2].cpu), wallMicros: Math.round(samples[2].wall) };
}
process.stdout.write(`${JSON.stringify(result)}\n`);
upstream.close();
gatewayServer.close();
trivialServer.close();
honoServer.close();
agent.destroy();

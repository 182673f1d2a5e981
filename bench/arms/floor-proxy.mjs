#!/usr/bin/env node
// The floor arms: bare node:http proxies with zero dependencies, the least a Node gateway can do.
//
//   FLOOR_MODE=pass       pure pass-through: the client's body is forwarded unchanged to UPSTREAM + the same path,
//                         the reply's status, content-type and bytes come back unchanged.
//   FLOOR_MODE=translate  the same minimal JSON translation work a translating gateway cannot avoid: parse the OpenAI
//                         body, build a trivial provider body (model, messages as text, max_tokens/stream), forward,
//                         parse the reply, build a trivial OpenAI reply. Streams: split the SSE lines, JSON.parse
//                         each event, JSON.stringify one OpenAI chunk per text delta, write it at once.
//
//   FLOOR_HOST=express    (diagnostics) the same handler as the one route of an Express app, served as the Express
//                         arm serves the shipped router (`createExpressServer(app)` from @interlingua/express, the
//                         same server options): what Express itself costs around the floor's work, so that the
//                         Express arm can be compared on equal terms.
//
// The provider follows the model name: claude* → Anthropic /v1/messages, gemini* → Gemini, anything else → OpenAI.
// Usage: UPSTREAM=http://127.0.0.1:PORT FLOOR_MODE=translate node bench/arms/floor-proxy.mjs --port N
import { Agent, createServer, request as httpRequest } from 'node:http';
import { PassThrough } from 'node:stream';
import { Agent as UndiciAgent } from 'undici';

const upstream = new URL(process.env.UPSTREAM ?? 'http://127.0.0.1:8080');
const mode = process.env.FLOOR_MODE ?? 'translate';
const agent = new Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 1024 });

/**
 * FLOOR_CLIENT=undici (diagnostics only): the same forward on undici's `dispatch()` with a minimal handler, the reply
 * body a `PassThrough` so the translation code stays the same. Shows what the HTTP client alone costs.
 */
const undiciAgent = process.env.FLOOR_CLIENT === 'undici' ? new UndiciAgent({ headersTimeout: 0, bodyTimeout: 0 }) : undefined;
function forwardUndici(response, method, path, headers, body, onResponse, onError) {
  let controller;
  let ended = false;
  let reply;
  undiciAgent.dispatch(
    { origin: upstream.origin, path, method, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, body },
    {
      onRequestStart(c) { controller = c; },
      onResponseStart(c, statusCode, responseHeaders) {
        reply = new PassThrough();
        reply.statusCode = statusCode;
        reply.headers = responseHeaders;
        onResponse(reply);
      },
      onResponseData(c, chunk) { reply.write(chunk); },
      onResponseEnd() { ended = true; reply.end(); },
      onResponseError(c, error) { ended = true; if (reply) reply.destroy(error); else onError(error); },
    },
  );
  response.once('close', () => {
    if (!ended) controller?.abort(new Error('client closed'));
  });
}

/** Forwards one request; when the client goes away before the upstream reply ended, the upstream request is dropped. */
function forward(response, method, path, headers, body, onResponse, onError) {
  if (undiciAgent) return forwardUndici(response, method, path, headers, body, onResponse, onError);
  let ended = false;
  const outgoing = httpRequest(
    { host: upstream.hostname, port: upstream.port, method, path, headers: { ...headers, 'content-length': Buffer.byteLength(body) }, agent },
    (upstreamResponse) => {
      upstreamResponse.once('end', () => (ended = true));
      onResponse(upstreamResponse);
    },
  );
  response.once('close', () => {
    if (!ended) outgoing.destroy();
  });
  outgoing.on('error', onError);
  outgoing.setNoDelay(true);
  outgoing.end(body);
  return outgoing;
}

function readAll(stream, done) {
  const chunks = [];
  stream.on('data', (chunk) => chunks.push(chunk));
  stream.on('end', () => done(Buffer.concat(chunks)));
}

let sequence = 0;
const chunkHead = (id, model) => `{"id":"${id}","object":"chat.completion.chunk","created":${Math.floor(Date.now() / 1000)},"model":${JSON.stringify(model)},"choices":[`;

function translateRequest(openai) {
  const model = String(openai.model);
  const text = openai.messages.map((message) => (typeof message.content === 'string' ? message.content : '')).join('\n');
  if (model.startsWith('claude')) {
    return {
      kind: 'anthropic',
      path: '/v1/messages',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': 'bench' },
      body: JSON.stringify({ model, max_tokens: openai.max_completion_tokens ?? openai.max_tokens ?? 4096, messages: [{ role: 'user', content: [{ type: 'text', text }] }], ...(openai.stream ? { stream: true } : {}) }),
    };
  }
  if (model.startsWith('gemini')) {
    return {
      kind: 'gemini',
      path: `/v1beta/models/${model}:${openai.stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
      headers: { 'content-type': 'application/json', 'x-goog-api-key': 'bench' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text }] }] }),
    };
  }
  return { kind: 'openai', path: '/v1/chat/completions', headers: { 'content-type': 'application/json', authorization: 'Bearer bench' }, body: JSON.stringify(openai) };
}

function translateReply(kind, model, reply) {
  if (kind === 'openai') return reply;
  const id = `chatcmpl-floor${++sequence}`;
  const created = Math.floor(Date.now() / 1000);
  let content = '';
  let usage;
  if (kind === 'anthropic') {
    for (const block of reply.content) if (block.type === 'text') content += block.text;
    usage = { prompt_tokens: reply.usage.input_tokens, completion_tokens: reply.usage.output_tokens, total_tokens: reply.usage.input_tokens + reply.usage.output_tokens };
  } else {
    for (const part of reply.candidates[0].content.parts) if (part.text) content += part.text;
    const meta = reply.usageMetadata;
    usage = { prompt_tokens: meta.promptTokenCount, completion_tokens: meta.candidatesTokenCount, total_tokens: meta.totalTokenCount };
  }
  return { id, object: 'chat.completion', created, model, choices: [{ index: 0, message: { role: 'assistant', content }, logprobs: null, finish_reason: 'stop' }], usage };
}

/** The streamed reply: upstream SSE lines → one OpenAI chunk per text delta, written as soon as its line is complete. */
function translateStream(kind, model, upstreamResponse, response) {
  const head = chunkHead(`chatcmpl-floor${++sequence}`, model);
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  response.write(`data: ${head}{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}\n\n`);
  let pending = '';
  upstreamResponse.setEncoding('utf8');
  upstreamResponse.on('data', (text) => {
    pending += text;
    let out = '';
    let newline;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      if (!line.startsWith('data: ')) continue;
      const event = JSON.parse(line.slice(6));
      let delta = '';
      let finish = null;
      if (kind === 'anthropic') {
        if (event.type === 'content_block_delta') delta = event.delta.text ?? '';
        else if (event.type === 'message_delta') finish = 'stop';
        else continue;
      } else {
        const candidate = event.candidates[0];
        for (const part of candidate.content.parts) if (part.text) delta += part.text;
        if (candidate.finishReason) finish = 'stop';
      }
      out += `data: ${head}${JSON.stringify({ index: 0, delta: delta ? { content: delta } : {}, logprobs: null, finish_reason: finish })}]}\n\n`;
    }
    if (out) response.write(out);
  });
  upstreamResponse.on('end', () => response.end('data: [DONE]\n\n'));
}

function handle(request, response) {
  readAll(request, (body) => {
    const fail = () => {
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' });
      response.end('{"error":{"message":"upstream failed"}}');
    };
    if (mode === 'pass') {
      forward(response, request.method, request.url, { 'content-type': request.headers['content-type'] ?? 'application/json' }, body, (upstreamResponse) => {
        response.writeHead(upstreamResponse.statusCode, { 'content-type': upstreamResponse.headers['content-type'] ?? 'application/json' });
        upstreamResponse.pipe(response);
      }, fail);
      return;
    }
    const openai = JSON.parse(body.toString());
    const target = translateRequest(openai);
    forward(response, 'POST', target.path, target.headers, target.body, (upstreamResponse) => {
      if (openai.stream) return translateStream(target.kind, openai.model, upstreamResponse, response);
      readAll(upstreamResponse, (replyBody) => {
        const reply = JSON.stringify(translateReply(target.kind, openai.model, JSON.parse(replyBody.toString())));
        response.writeHead(upstreamResponse.statusCode, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(reply) });
        response.end(reply);
      });
    }, fail);
  });
}

const serverOptions = { noDelay: true, keepAliveTimeout: 60_000, requestTimeout: 0, headersTimeout: 0 };
const server = process.env.FLOOR_HOST === 'express' ? await createExpressHost(serverOptions) : createServer(serverOptions, handle);
server.on('connection', (socket) => socket.setNoDelay(true));

/** FLOOR_HOST=express: `handle` as an Express app's one route, served as bench/arms/express-arm.mjs serves the router. */
async function createExpressHost(options) {
  const { default: express } = await import('express');
  const { createExpressServer } = await import('@interlingua/express');
  const app = express();
  app.disable('x-powered-by');
  app.post(/.*/, handle);
  const hosted = createExpressServer(app, options);
  hosted.keepAliveTimeout = 60_000;
  hosted.requestTimeout = 0;
  hosted.headersTimeout = 0;
  return hosted;
}

const portFlag = process.argv.indexOf('--port');
server.listen(portFlag > 0 ? Number(process.argv[portFlag + 1]) : 0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));

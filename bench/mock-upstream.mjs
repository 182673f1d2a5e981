#!/usr/bin/env node
// The benchmarks' upstream: one zero-dependency node:http server that answers like OpenAI, Anthropic and Gemini with
// bodies taken from the recorded fixtures (fixtures/anthropic/text, fixtures/anthropic/text-stream,
// fixtures/gemini/js-genai-text, fixtures/gemini/google-text-stream, fixtures/anthropic/text expected reply for
// OpenAI), so the benchmarks and the tests share their data.
//
// Routes:
//   POST /v1/chat/completions                         fixed OpenAI chat.completion body
//   POST /v1/messages                                 Anthropic message; with "stream":true, SSE
//   POST /v1beta/models/<model>:generateContent       Gemini reply
//   POST /v1beta/models/<model>:streamGenerateContent Gemini SSE (CRLF framing, no [DONE])
//   GET  /__knobs, POST /__knobs {json}               read or change the knobs below at run time
//
// Knobs (environment at start, or POST /__knobs): MOCK_CHUNKS (64; 0 = replay the recorded stream as it is),
// MOCK_INTERVAL_MS (0: every event written at once, a burst), MOCK_TTFT_MS (0: delay before the first event),
// MOCK_CHUNK_BYTES (0: the recorded delta texts in turn; n: each delta text n bytes long).
// A stream is: the opening events (Anthropic message_start + content_block_start; Gemini the first delta), after
// MOCK_TTFT_MS; then the deltas, each MOCK_INTERVAL_MS after the previous; then the closing events with the last delta.
//
// Usage: node bench/mock-upstream.mjs [--port N]   (prints {"port":N} on stdout once listening)
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixture = (path) => readFileSync(join(root, 'fixtures', path), 'utf8');

const knobs = {
  chunks: Number(process.env.MOCK_CHUNKS ?? 64),
  intervalMs: Number(process.env.MOCK_INTERVAL_MS ?? 0),
  ttftMs: Number(process.env.MOCK_TTFT_MS ?? 0),
  chunkBytes: Number(process.env.MOCK_CHUNK_BYTES ?? 0),
};

// ---- bodies from the fixtures ---------------------------------------------------------------------------------
const openaiBody = Buffer.from(JSON.stringify(JSON.parse(fixture('anthropic/text/expected-response.json')).body));
const anthropicBody = Buffer.from(JSON.stringify(JSON.parse(fixture('anthropic/text/upstream-response.json')).body));
const geminiBody = Buffer.from(JSON.stringify(JSON.parse(fixture('gemini/js-genai-text/upstream-response.json')).body));

/** Splits recorded SSE text into {event?, data} records (the fixtures are well-formed; no general SSE parser needed). */
function readRecordedEvents(text) {
  return text
    .replace(/\r\n/g, '\n')
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const record = {};
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) record.event = line.slice(7);
        else if (line.startsWith('data: ')) record.data = line.slice(6);
      }
      return record;
    });
}

const anthropicRecorded = readRecordedEvents(fixture('anthropic/text-stream/upstream-response.sse'));
const geminiRecorded = readRecordedEvents(fixture('gemini/google-text-stream/upstream-response.sse'));
const anthropicFrame = (type, payload) => `event: ${type}\ndata: ${payload}\n\n`;
const geminiFrame = (payload) => `data: ${payload}\r\n\r\n`;

const anthropicEvents = anthropicRecorded.map((record) => ({ type: record.event, json: JSON.parse(record.data) }));
const anthropicDeltaTexts = anthropicEvents.filter((e) => e.type === 'content_block_delta').map((e) => e.json.delta.text);
const geminiEvents = geminiRecorded.map((record) => JSON.parse(record.data));
const geminiTextEvent = geminiEvents[0]; // a text part with usage, the shape of every delta

function deltaText(i) {
  if (knobs.chunkBytes > 0) return 'x'.repeat(knobs.chunkBytes);
  return anthropicDeltaTexts[i % anthropicDeltaTexts.length];
}

/** Frames of one stream as [opening[], deltas[], closing[]] (strings), per the knobs. */
function anthropicStream() {
  if (knobs.chunks === 0) {
    const frames = anthropicRecorded.map((r) => anthropicFrame(r.event, r.data));
    return [frames.slice(0, 2), frames.slice(2, -3), frames.slice(-3)];
  }
  const start = anthropicEvents.find((e) => e.type === 'message_start').json;
  const opening = [
    anthropicFrame('message_start', JSON.stringify(start)),
    anthropicFrame('content_block_start', JSON.stringify({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } })),
  ];
  const deltas = [];
  for (let i = 0; i < knobs.chunks; i++) {
    deltas.push(anthropicFrame('content_block_delta', JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: deltaText(i) } })));
  }
  const messageDelta = anthropicEvents.find((e) => e.type === 'message_delta').json;
  const closing = [
    anthropicFrame('content_block_stop', JSON.stringify({ type: 'content_block_stop', index: 0 })),
    anthropicFrame('message_delta', JSON.stringify({ ...messageDelta, usage: { ...messageDelta.usage, output_tokens: knobs.chunks } })),
    anthropicFrame('message_stop', JSON.stringify({ type: 'message_stop' })),
  ];
  return [opening, deltas, closing];
}

function geminiStream() {
  if (knobs.chunks === 0) {
    const frames = geminiRecorded.map((r) => geminiFrame(r.data));
    return [frames.slice(0, 1), frames.slice(1, -1), frames.slice(-1)];
  }
  const event = (i, last) => {
    const candidate = { ...geminiTextEvent.candidates[0], content: { parts: [{ text: deltaText(i) }], role: 'model' } };
    if (last) candidate.finishReason = 'STOP';
    const usage = { ...geminiTextEvent.usageMetadata, candidatesTokenCount: i + 1, totalTokenCount: geminiTextEvent.usageMetadata.promptTokenCount + i + 1 };
    return geminiFrame(JSON.stringify({ ...geminiTextEvent, candidates: [candidate], usageMetadata: usage }));
  };
  // The Gemini stream has no separate opening: the first event already carries text (the role chunk comes from it).
  const opening = [event(0, false)];
  const deltas = [];
  for (let i = 1; i < knobs.chunks; i++) deltas.push(event(i, false));
  const closing = [event(knobs.chunks, true)];
  return [opening, deltas, closing];
}

// A cache of the frames for the current knobs (building them per request would bill the mock, not the SUT).
let cache = null;
function streamFrames(kind) {
  const key = JSON.stringify(knobs);
  if (!cache || cache.key !== key) cache = { key, anthropic: anthropicStream(), gemini: geminiStream() };
  return cache[kind];
}

function writeStream(response, kind) {
  const [opening, deltas, closing] = streamFrames(kind);
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  response.flushHeaders();
  const { intervalMs, ttftMs } = knobs;
  if (intervalMs === 0 && ttftMs === 0) {
    // Burst: every event its own write(), all at once (exposes write batching in the SUT).
    for (const frame of opening) response.write(frame);
    for (const frame of deltas) response.write(frame);
    for (const frame of closing) response.write(frame);
    response.end();
    return;
  }
  let i = 0;
  let timer = null;
  response.on('close', () => clearTimeout(timer));
  const next = () => {
    if (response.destroyed) return;
    if (i < deltas.length) {
      response.write(deltas[i++]);
      timer = setTimeout(next, intervalMs);
    } else {
      for (const frame of closing) response.write(frame);
      response.end();
    }
  };
  timer = setTimeout(() => {
    for (const frame of opening) response.write(frame);
    timer = setTimeout(next, intervalMs);
  }, ttftMs);
}

function sendJson(response, body) {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  response.end(body);
}

const server = createServer({ noDelay: true, keepAliveTimeout: 60_000, requestTimeout: 0, headersTimeout: 0 }, (request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const url = request.url;
    if (url === '/__knobs') {
      if (request.method === 'POST') Object.assign(knobs, JSON.parse(Buffer.concat(chunks).toString() || '{}'));
      sendJson(response, Buffer.from(JSON.stringify(knobs)));
      return;
    }
    if (request.method !== 'POST') {
      response.writeHead(404).end();
      return;
    }
    if (url.startsWith('/v1/chat/completions')) return sendJson(response, openaiBody);
    if (url.startsWith('/v1/messages')) {
      // Cheap stream detection: the body is ours or the SUT's rendering of it; both spell it "stream":true.
      const text = Buffer.concat(chunks).toString();
      if (/"stream"\s*:\s*true/.test(text)) return writeStream(response, 'anthropic');
      return sendJson(response, anthropicBody);
    }
    if (url.startsWith('/v1beta/models/')) {
      if (url.includes(':streamGenerateContent')) return writeStream(response, 'gemini');
      if (url.includes(':generateContent')) return sendJson(response, geminiBody);
    }
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no route"}');
  });
});
server.on('connection', (socket) => socket.setNoDelay(true));
server.maxHeadersCount = 0;
server.keepAliveTimeout = 60_000;

const portFlag = process.argv.indexOf('--port');
const port = portFlag > 0 ? Number(process.argv[portFlag + 1]) : Number(process.env.MOCK_PORT ?? 0);
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));

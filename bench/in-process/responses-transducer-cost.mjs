#!/usr/bin/env node
// M3, Responses lane: µs per upstream stream event of the gateway's streamed POST /v1/responses on the Anthropic
// upstream, against its streamed POST /v1/chat/completions on the same upstream events, in one process, runs
// interleaved (the BUILT packages, composed as packages/gateway composes them: the Anthropic bridge's transcoder
// handing its OpenAI chunks as objects (`onFrames`) to the Responses front's transcoder (`pushFrames`,
// @interlingua/responses-transducer); see bridges/anthropic-bridge.ts, handle-translated-request.ts,
// supervise-upstream-stream.ts, fronts/responses-front.ts):
//   chat            Anthropic SSE bytes → OpenAI chunk SSE bytes (the chat lane; the same work as M3's byte path)
//   responses       Anthropic SSE bytes → OpenAI chunk objects → Responses SSE bytes (the gateway's composition)
//   responsesByBytes  the composition before the frames hand-over: Anthropic SSE bytes → OpenAI chunk SSE bytes →
//                   (decoded and parsed again) → Responses SSE bytes
//   responsesAlone  the Responses transcoder alone on the chat lane's output bytes (recorded once): the second hop by bytes
//   jsonFloor       M3's JSON floor (JSON.parse of each event + JSON.stringify of one OpenAI chunk), for scale
// The stream is M3's Anthropic stream (1000 events in the recorded shapes of fixtures/anthropic/text-stream;
// BENCH_M3_EVENTS=8 for a short answer's stream, whose per-stream costs then show); the
// Responses request is fixtures/responses/anthropic/text with stream: true, store: false. Reported: the median over
// RUNS runs of µs per upstream event, heap bytes allocated per event (needs --expose-gc --max-semi-space-size=64),
// and the ratio responses / chat. Prints one JSON object on stdout.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAnthropicToOpenAITranscoder } from '@interlingua/anthropic-transducer';
import { createFixedEnvironment } from '@interlingua/openai-schema';
import { convertResponsesRequestToChat, identifyResponse } from '../../packages/responses-mapper/dist/index.js';
import { createResponsesTranscoder } from '../../packages/responses-transducer/dist/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EVENTS = Number(process.env.BENCH_M3_EVENTS ?? 1000);
const RUNS = Number(process.env.BENCH_M3_RUNS ?? 7);
const RUN_MS = Number(process.env.BENCH_M3_RUN_MS ?? 300);
const utf8 = new TextEncoder();

function recorded(path) {
  return readFileSync(join(root, 'fixtures', path), 'utf8')
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

// ---- the Anthropic stream of transducer-cost.mjs: message_start, content_block_start, 994 text deltas, stop, delta, stop ----
const anthropicRecorded = recorded('anthropic/text-stream/upstream-response.sse');
const find = (type) => anthropicRecorded.find((record) => record.event === type).data;
const texts = anthropicRecorded.filter((record) => record.event === 'content_block_delta').map((record) => JSON.parse(record.data).delta.text);
const payloads = [
  ['message_start', find('message_start')],
  ['content_block_start', find('content_block_start')],
];
while (payloads.length < EVENTS - 3) {
  const text = texts[payloads.length % texts.length];
  payloads.push(['content_block_delta', JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } })]);
}
payloads.push(['content_block_stop', find('content_block_stop')], ['message_delta', find('message_delta')], ['message_stop', find('message_stop')]);
const chunks = payloads.map(([type, data]) => utf8.encode(`event: ${type}\ndata: ${data}\n\n`));

// ---- contexts, as the gateway builds them ----
const responsesBody = { ...JSON.parse(readFileSync(join(root, 'fixtures', 'responses', 'anthropic', 'text', 'request.json'), 'utf8')), stream: true, store: false };
const mapped = convertResponsesRequestToChat(responsesBody, { validated: false, strict: false });
if (!mapped.ok) throw new Error(`the Responses request did not map: ${JSON.stringify(mapped.error)}`);
const includeUsage = mapped.request.stream_options?.include_usage === true;
const environment = () => createFixedEnvironment({ now: 1_767_225_600 });
const chatOptions = () => ({ context: { requestedModel: 'claude-sonnet-4-5-20250929', includeUsage }, environment: environment() });

let sink = 0;

/** The Anthropic bridge's transcoder (every push encoded, as createTranscoder in the bridge does). */
function chatLane() {
  const transcoder = createAnthropicToOpenAITranscoder(chatOptions());
  return { push: (chunk) => utf8.encode(transcoder.push(chunk)), end: () => utf8.encode(transcoder.end()) };
}

/** The hub bytes of the chat lane, once, for responsesAlone (one hub chunk per upstream event, as in the gateway). */
const hubChunks = (() => {
  const lane = chatLane();
  const out = chunks.map((chunk) => lane.push(chunk));
  out.push(lane.end());
  return out;
})();

function newResponsesTranscoder() {
  const env = environment();
  return createResponsesTranscoder(identifyResponse(mapped.context, env), env);
}

const tasks = {
  chat: () => {
    const lane = chatLane();
    for (const chunk of chunks) sink += lane.push(chunk).byteLength;
    sink += lane.end().byteLength;
  },
  responses: () => {
    const front = newResponsesTranscoder();
    const frames = [];
    const transcoder = createAnthropicToOpenAITranscoder({ ...chatOptions(), onFrames: (delivered) => void frames.push(...delivered) });
    const forward = () => {
      if (frames.length === 0) return;
      sink += front.pushFrames(frames).byteLength;
      frames.length = 0;
    };
    for (const chunk of chunks) {
      transcoder.push(chunk);
      forward();
    }
    transcoder.end();
    forward();
    sink += front.end().byteLength;
  },
  responsesByBytes: () => {
    const lane = chatLane();
    const front = newResponsesTranscoder();
    for (const chunk of chunks) {
      const hub = lane.push(chunk);
      sink += (hub.byteLength > 0 ? front.push(hub) : hub).byteLength;
    }
    const last = lane.end();
    sink += (last.byteLength > 0 ? front.push(last) : last).byteLength + front.end().byteLength;
  },
  responsesAlone: () => {
    const front = newResponsesTranscoder();
    for (const hub of hubChunks) if (hub.byteLength > 0) sink += front.push(hub).byteLength;
    sink += front.end().byteLength;
  },
  jsonFloor: () => {
    for (const [, payload] of payloads) {
      const event = JSON.parse(payload);
      sink += JSON.stringify({
        id: 'chatcmpl-floor',
        object: 'chat.completion.chunk',
        created: 1_767_225_600,
        model: 'claude-sonnet-4-5-20250929',
        choices: [{ index: 0, delta: { content: event.delta?.text ?? '' }, logprobs: null, finish_reason: null }],
        usage: null,
      }).length;
    }
  },
};

function microsPerEvent(task) {
  let iterations = 0;
  const started = performance.now();
  while (performance.now() - started < RUN_MS) {
    task();
    iterations++;
  }
  return ((performance.now() - started) * 1000) / (iterations * EVENTS);
}

function bytesPerEvent(task) {
  if (typeof globalThis.gc !== 'function') return null;
  const samples = [];
  for (let i = 0; i < 5; i++) {
    globalThis.gc();
    const before = process.memoryUsage().heapUsed;
    task();
    samples.push((process.memoryUsage().heapUsed - before) / EVENTS);
  }
  return median(samples);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const round = (value, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

// A sanity check that the Responses lane produces what a client reads (deltas and one completed terminal event),
// and that the frames hand-over gives the same bytes as the byte path.
const byFrames = (() => {
  const front = newResponsesTranscoder();
  const transcoder = createAnthropicToOpenAITranscoder({ ...chatOptions(), onFrames: (frames) => void parts.push(front.pushFrames(frames)) });
  const parts = [];
  for (const chunk of chunks) transcoder.push(chunk);
  transcoder.end();
  parts.push(front.end());
  const decoder = new TextDecoder();
  return parts.map((part) => decoder.decode(part)).join('');
})();
const check = (() => {
  const lane = chatLane();
  const front = newResponsesTranscoder();
  let text = '';
  const decoder = new TextDecoder();
  for (const chunk of chunks) {
    const hub = lane.push(chunk);
    if (hub.byteLength > 0) text += decoder.decode(front.push(hub));
  }
  const last = lane.end();
  if (last.byteLength > 0) text += decoder.decode(front.push(last));
  text += decoder.decode(front.end());
  return { outputTextDeltaEvents: (text.match(/event: response\.output_text\.delta\n/g) ?? []).length, completed: text.includes('event: response.completed\n'), responsesBytes: text.length, framesEqualBytes: text === byFrames };
})();
if (!check.completed) throw new Error('the Responses lane did not end with response.completed');
if (!check.framesEqualBytes) throw new Error('the frames hand-over gave other bytes than the byte path');

for (const task of Object.values(tasks)) for (let i = 0; i < 50; i++) task();
const runs = Object.fromEntries(Object.keys(tasks).map((name) => [name, []]));
for (let run = 0; run < RUNS; run++) for (const name of Object.keys(tasks)) runs[name].push(microsPerEvent(tasks[name]));
const anthropic = {};
for (const name of Object.keys(tasks)) {
  anthropic[name] = { microsPerEventMedian: round(median(runs[name])), runs: runs[name].map((value) => round(value)), bytesAllocatedPerEvent: round(bytesPerEvent(tasks[name]) ?? NaN, 0) };
}
anthropic.responsesOverChat = round(anthropic.responses.microsPerEventMedian / anthropic.chat.microsPerEventMedian, 2);
anthropic.responsesByBytesOverChat = round(anthropic.responsesByBytes.microsPerEventMedian / anthropic.chat.microsPerEventMedian, 2);
anthropic.chatOverJsonFloor = round(anthropic.chat.microsPerEventMedian / anthropic.jsonFloor.microsPerEventMedian, 2);
anthropic.responsesOverJsonFloor = round(anthropic.responses.microsPerEventMedian / anthropic.jsonFloor.microsPerEventMedian, 2);
const result = { events: EVENTS, runs: RUNS, runMs: RUN_MS, gcExposed: typeof globalThis.gc === 'function', check, anthropic, sink: sink > 0 };
process.stdout.write(`${JSON.stringify(result)}\n`);

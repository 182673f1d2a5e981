#!/usr/bin/env node
// M3: transducer cost in process, µs per upstream stream event, for both transducers (the BUILT packages):
//   byte path    bytes in → OpenAI SSE bytes out through the synchronous core (+ TextEncoder of the output)
//   byte path, Node encoder   the same with the output encoded by Buffer.from, as @interlingua/node's encodeUtf8 does
//                (since BENCHMARKS.md item 31 what `serve` and Express run: the Node adapter passes no decoder, the
//                default whole-character one is as fast)
//   byte path, Node encoder and decoder   also the input decoded by StringDecoder, as @interlingua/node's
//                createUtf8Decoder did before item 31 (kept for comparison)
//   stream path  the same through the WHATWG TransformStream factory
//   JSON floor   JSON.parse of every event's data + JSON.stringify of one OpenAI chunk per event: the least a
//                translator that parses and re-serialises must do
// Each stream is 1000 events in the recorded fixtures' shapes (fixtures/anthropic/text-stream,
// fixtures/gemini/google-text-stream), one byte chunk per event (one network read per event). Reported: the median
// over RUNS runs of µs/event, and heap bytes allocated per event (heapUsed delta around one stream, young generation
// enlarged so no scavenge runs inside it; needs --expose-gc --max-semi-space-size=64).
// Prints one JSON object on stdout.
import { readFileSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAnthropicToOpenAIStream, createAnthropicToOpenAITranscoder } from '@interlingua/anthropic-transducer';
import { createGeminiToOpenAIStream, createGeminiToOpenAITransducer } from '@interlingua/gemini-transducer';
import { createFixedEnvironment } from '@interlingua/openai-schema';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EVENTS = 1000;
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

// ---- Anthropic: message_start, content_block_start, 996 text deltas (recorded texts in turn), stop, delta, stop ----
const anthropicRecorded = recorded('anthropic/text-stream/upstream-response.sse');
const find = (type) => anthropicRecorded.find((record) => record.event === type).data;
const anthropicTexts = anthropicRecorded.filter((record) => record.event === 'content_block_delta').map((record) => JSON.parse(record.data).delta.text);
const anthropicPayloads = [
  ['message_start', find('message_start')],
  ['content_block_start', find('content_block_start')],
];
while (anthropicPayloads.length < EVENTS - 3) {
  const text = anthropicTexts[anthropicPayloads.length % anthropicTexts.length];
  anthropicPayloads.push(['content_block_delta', JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } })]);
}
anthropicPayloads.push(['content_block_stop', find('content_block_stop')], ['message_delta', find('message_delta')], ['message_stop', find('message_stop')]);
const anthropicChunks = anthropicPayloads.map(([type, data]) => utf8.encode(`event: ${type}\ndata: ${data}\n\n`));

// ---- Gemini: 1000 events shaped like the recording's first event (text part + cumulative usage), the last one STOP ----
const geminiFirst = JSON.parse(recorded('gemini/google-text-stream/upstream-response.sse')[0].data);
const geminiPayloads = Array.from({ length: EVENTS }, (_, i) => {
  const candidate = { ...geminiFirst.candidates[0], content: { parts: [{ text: anthropicTexts[i % anthropicTexts.length] }], role: 'model' } };
  if (i === EVENTS - 1) candidate.finishReason = 'STOP';
  return JSON.stringify({ ...geminiFirst, candidates: [candidate], usageMetadata: { ...geminiFirst.usageMetadata, candidatesTokenCount: i + 1 } });
});
const geminiChunks = geminiPayloads.map((data) => utf8.encode(`data: ${data}\r\n\r\n`));

let sink = 0;
const anthropicOptions = () => ({ context: { requestedModel: 'claude-sonnet-4-5-20250929', includeUsage: true }, environment: createFixedEnvironment({ now: 1_767_225_600 }) });
const geminiOptions = () => ({ context: { model: 'gemini-3-pro-preview', includeUsage: true }, environment: createFixedEnvironment({ now: 1_767_225_600 }) });

function readableOf(items) {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < items.length) controller.enqueue(items[i++]);
      else controller.close();
    },
  });
}

async function drain(stream) {
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    sink += value.length;
  }
}

function jsonFloor(payloads, pick) {
  for (const payload of payloads) {
    const event = JSON.parse(payload);
    sink += JSON.stringify({
      id: 'chatcmpl-floor',
      object: 'chat.completion.chunk',
      created: 1_767_225_600,
      model: 'claude-sonnet-4-5-20250929',
      choices: [{ index: 0, delta: { content: pick(event) }, logprobs: null, finish_reason: null }],
      usage: null,
    }).length;
  }
}

/** The Node adapter's decoder (`@interlingua/node`'s `createUtf8Decoder`). */
const createUtf8Decoder = () => {
  const decoder = new StringDecoder('utf8');
  return { write: (bytes) => decoder.write(bytes), end: () => decoder.end() };
};

const tasks = {
  anthropic: {
    bytePath: () => {
      const transcoder = createAnthropicToOpenAITranscoder(anthropicOptions());
      for (const chunk of anthropicChunks) {
        const text = transcoder.push(chunk);
        if (text !== '') sink += utf8.encode(text).length;
      }
      sink += utf8.encode(transcoder.end()).length;
    },
    // The same with the output encoded as the Node adapter encodes it (`Buffer.from`, its `encodeUtf8`).
    bytePathNode: () => {
      const transcoder = createAnthropicToOpenAITranscoder(anthropicOptions());
      for (const chunk of anthropicChunks) {
        const text = transcoder.push(chunk);
        if (text !== '') sink += Buffer.from(text, 'utf8').length;
      }
      sink += Buffer.from(transcoder.end(), 'utf8').length;
    },
    // And the input decoded as the Node adapter decodes it (`StringDecoder`, its `createUtf8Decoder`).
    bytePathNodeIo: () => {
      const transcoder = createAnthropicToOpenAITranscoder({ ...anthropicOptions(), createUtf8Decoder });
      for (const chunk of anthropicChunks) {
        const text = transcoder.push(chunk);
        if (text !== '') sink += Buffer.from(text, 'utf8').length;
      }
      sink += Buffer.from(transcoder.end(), 'utf8').length;
    },
    streamPath: () => drain(readableOf(anthropicChunks).pipeThrough(createAnthropicToOpenAIStream(anthropicOptions()))),
    jsonFloor: () => jsonFloor(anthropicPayloads.map(([, data]) => data), (event) => event.delta?.text ?? ''),
  },
  gemini: {
    bytePath: () => {
      const transducer = createGeminiToOpenAITransducer(geminiOptions());
      for (const chunk of geminiChunks) sink += transducer.push(chunk).length;
      sink += transducer.end().length;
    },
    bytePathNode: () => {
      const transducer = createGeminiToOpenAITransducer({ ...geminiOptions(), encodeUtf8: (text) => Buffer.from(text, 'utf8') });
      for (const chunk of geminiChunks) sink += transducer.push(chunk).length;
      sink += transducer.end().length;
    },
    bytePathNodeIo: () => {
      const transducer = createGeminiToOpenAITransducer({ ...geminiOptions(), encodeUtf8: (text) => Buffer.from(text, 'utf8'), createUtf8Decoder });
      for (const chunk of geminiChunks) sink += transducer.push(chunk).length;
      sink += transducer.end().length;
    },
    streamPath: () => drain(readableOf(geminiChunks).pipeThrough(createGeminiToOpenAIStream(geminiOptions()))),
    jsonFloor: () => jsonFloor(geminiPayloads, (event) => event.candidates[0].content.parts[0].text),
  },
};

async function microsPerEvent(task) {
  let iterations = 0;
  const started = performance.now();
  while (performance.now() - started < RUN_MS) {
    await task();
    iterations++;
  }
  return ((performance.now() - started) * 1000) / (iterations * EVENTS);
}

async function bytesPerEvent(task) {
  if (typeof globalThis.gc !== 'function') return null;
  const samples = [];
  for (let i = 0; i < 5; i++) {
    globalThis.gc();
    const before = process.memoryUsage().heapUsed;
    await task();
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

const result = { events: EVENTS, runs: RUNS, runMs: RUN_MS, gcExposed: typeof globalThis.gc === 'function' };
for (const [provider, providerTasks] of Object.entries(tasks)) {
  // Warm-up: every path JIT-compiled before timing.
  for (const task of Object.values(providerTasks)) for (let i = 0; i < 50; i++) await task();
  const runs = { bytePath: [], bytePathNode: [], bytePathNodeIo: [], streamPath: [], jsonFloor: [] };
  for (let run = 0; run < RUNS; run++) for (const name of Object.keys(runs)) runs[name].push(await microsPerEvent(providerTasks[name]));
  const entry = {};
  for (const name of Object.keys(runs)) {
    entry[name] = { microsPerEventMedian: round(median(runs[name])), runs: runs[name].map((value) => round(value)), bytesAllocatedPerEvent: round((await bytesPerEvent(providerTasks[name])) ?? NaN, 0) };
  }
  entry.bytePathOverJsonFloor = round(entry.bytePath.microsPerEventMedian / entry.jsonFloor.microsPerEventMedian, 2);
  entry.bytePathNodeOverJsonFloor = round(entry.bytePathNode.microsPerEventMedian / entry.jsonFloor.microsPerEventMedian, 2);
  entry.bytePathNodeIoOverJsonFloor = round(entry.bytePathNodeIo.microsPerEventMedian / entry.jsonFloor.microsPerEventMedian, 2);
  entry.streamPathOverJsonFloor = round(entry.streamPath.microsPerEventMedian / entry.jsonFloor.microsPerEventMedian, 2);
  result[provider] = entry;
}
result.sink = sink > 0;
process.stdout.write(`${JSON.stringify(result)}\n`);

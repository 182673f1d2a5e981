#!/usr/bin/env node
// Diagnostic (not a published metric): what the native passthroughs (Messages to Anthropic, Responses to an upstream
// with `responsesApi: true`) and the OpenAI-compatible stream passthrough (Chat Completions) spend per upstream chunk
// watching for the stream's end, in ns per chunk (best of 15 runs), with the BUILT gateway of a checkout. Each stream is one chunk per event: Anthropic's recorded text stream
// (fixtures/anthropic/text-stream) with 1,000 deltas, and a Responses stream of 1,000 `response.output_text.delta`
// events. The watches are the two modules' own patterns (copied here, as each module keeps its watch private); a
// checkout from before BENCHMARKS.md item 40 names its window `tailLength` (the stream's last 4,096 or 8,192
// characters looked at after every chunk), a later one `overlap`. The OpenAI-compatible stream is 1,000 chunk frames
// and `data: [DONE]`, through the bridge's own transcoder (BENCHMARKS.md item 41).
// Usage: node bench/in-process/pass-through-watch-cost.mjs <checkout> [<checkout> …]   (`.` for this one)
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const encoder = new TextEncoder();
const anthropicEvents = readFileSync(join(root, 'fixtures/anthropic/text-stream/upstream-response.sse'), 'utf8')
  .replace(/\r\n/g, '\n')
  .split('\n\n')
  .filter((event) => event.trim() !== '')
  .map((event) => `${event}\n\n`);
const deltas = anthropicEvents.filter((event) => event.includes('content_block_delta'));
const anthropicStream = [...anthropicEvents.slice(0, 3), ...Array.from({ length: 1000 }, (_, i) => deltas[i % deltas.length]), ...anthropicEvents.slice(-3)].map((event) => encoder.encode(event));
const responsesEvent = (type, sequence, extra) => `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence, ...extra })}\n\n`;
const words = ['Hello', ' there', ', how', ' can I', ' help you', ' today?'];
const responsesStream = [
  responsesEvent('response.created', 0, { response: { id: 'resp_1', status: 'in_progress' } }),
  ...Array.from({ length: 1000 }, (_, i) => responsesEvent('response.output_text.delta', i + 1, { item_id: 'msg_1', output_index: 0, content_index: 0, delta: words[i % words.length] })),
  responsesEvent('response.completed', 1001, { response: { id: 'resp_1', status: 'completed' } }),
].map((event) => encoder.encode(event));

const openAIFrame = (content) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }] })}\n\n`;
const openAIStream = [...Array.from({ length: 1000 }, (_, i) => openAIFrame(words[i % words.length])), 'data: [DONE]\n\n'].map((frame) => encoder.encode(frame));

const TERMINAL = /"type":\s*"(response\.completed|response\.incomplete|response\.failed|error)"/;
const watchWindow = (usesOverlap, overlap, tailLength) => (usesOverlap ? { overlap } : { tailLength });
const watches = {
  anthropic: (usesOverlap) => ({ ...watchWindow(usesOverlap, 32, 4096), observe: (text) => /event: (message_stop|error)\r?\n/.test(text), errorEvent: () => ({}) }),
  responses: (usesOverlap) => {
    let last = -1;
    return {
      ...watchWindow(usesOverlap, 128, 8192),
      observe(text) {
        for (const match of text.matchAll(/"sequence_number":\s*(\d+)/g)) last = Math.max(last, Number(match[1]));
        return TERMINAL.test(text);
      },
      errorEvent: () => ({}),
    };
  },
};

for (const checkout of process.argv.slice(2)) {
  const directory = resolve(checkout);
  const file = join(directory, 'packages/gateway/dist/fronts/pass-through-native-request.js');
  const { createPassThroughTranscoders } = await import(pathToFileURL(file).href);
  const usesOverlap = readFileSync(file, 'utf8').includes('watch.overlap');
  const { openAICompatibleBridge } = await import(pathToFileURL(join(directory, 'packages/gateway/dist/bridges/openai-compatible-bridge.js')).href);
  let best = Infinity;
  for (let run = 0; run < 15; run++) {
    const started = process.hrtime.bigint();
    for (let k = 0; k < 10; k++) {
      const transcoder = openAICompatibleBridge.createTranscoder(null, {}, { maxEventBytes: 1 << 20 });
      for (const chunk of openAIStream) transcoder.push(chunk);
      if (!transcoder.settled) throw new Error(`${checkout}: the OpenAI-compatible stream was not seen complete`);
    }
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 10 / openAIStream.length);
  }
  console.log(`${checkout}: openai-compatible stream passthrough ${best.toFixed(0)} ns per chunk`);
  for (const [name, stream] of [['anthropic', anthropicStream], ['responses', responsesStream]]) {
    let best = Infinity;
    for (let run = 0; run < 15; run++) {
      const started = process.hrtime.bigint();
      for (let k = 0; k < 10; k++) {
        const { transcoder } = createPassThroughTranscoders(watches[name](usesOverlap));
        for (const chunk of stream) transcoder.push(chunk);
        if (!transcoder.settled) throw new Error(`${checkout}: the ${name} stream was not seen complete`);
      }
      best = Math.min(best, Number(process.hrtime.bigint() - started) / 10 / stream.length);
    }
    console.log(`${checkout}: ${name} passthrough watch ${best.toFixed(0)} ns per chunk`);
  }
}

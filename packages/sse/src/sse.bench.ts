/**
 * Micro-benchmark of the SSE transducers (`pnpm bench` → `vitest bench --run`); not part of the tests.
 *
 * Every task handles EVENTS events of about 300 bytes of single-line JSON (an OpenAI-style chunk), so
 * µs per event = (mean time per task in ms) × 1000 / EVENTS = 1 / (hz × EVENTS) × 1e6.
 * "One chunk per event" mirrors a network read per upstream event, the realistic streaming case.
 */
import { EventSourceParserStream } from 'eventsource-parser/stream';
import { bench, describe } from 'vitest';
import { createSseDecoder } from './create-sse-decoder.js';
import { createSseDecoderStream } from './create-sse-decoder-stream.js';
import { encodeSseEvent } from './encode-sse-event.js';
import { formatSseData } from './format-sse-data.js';
import type { SseEvent } from './sse-event.js';

const EVENTS = 1000;
const utf8 = new TextEncoder();

const payloads = Array.from({ length: EVENTS }, (_, i) =>
  JSON.stringify({
    id: 'chatcmpl-AbCdEfGhIjKlMnOpQrStUvWxYz012',
    object: 'chat.completion.chunk',
    created: 1767225600,
    model: 'claude-sonnet-4-5-20250929',
    system_fingerprint: null,
    choices: [
      {
        index: 0,
        delta: { content: `token ${i} — some streamed text, with ünïcödé and an emoji 😀 ${'x'.repeat(i % 17)}` },
        logprobs: null,
        finish_reason: null,
      },
    ],
    usage: null,
  }),
);
const lfChunks = payloads.map((p) => utf8.encode(`data: ${p}\n\n`));
const crlfChunks = payloads.map((p) => utf8.encode(`data: ${p}\r\n\r\n`));
const namedChunks = payloads.map((p) => utf8.encode(`event: content_block_delta\ndata: ${p}\n\n`));
const wholeStream = utf8.encode(payloads.map((p) => `data: ${p}\n\n`).join(''));
const events: SseEvent[] = payloads.map((data) => ({ data }));

const averageBytes = Math.round(lfChunks.reduce((sum, c) => sum + c.length, 0) / EVENTS);
let sink = 0;

function decodeSync(chunks: Uint8Array[]): void {
  const decoder = createSseDecoder((event) => {
    sink += event.data.length;
  });
  for (const chunk of chunks) decoder.push(chunk);
  decoder.end();
}

function readableOf<T>(items: T[]): ReadableStream<T> {
  let i = 0;
  return new ReadableStream<T>({
    pull(controller) {
      if (i < items.length) controller.enqueue(items[i++] as T);
      else controller.close();
    },
  });
}

async function drain<T>(stream: ReadableStream<T>, count: (item: T) => number): Promise<void> {
  const reader = stream.getReader();
  for (;;) {
    const result = await reader.read();
    if (result.done) return;
    sink += count(result.value);
  }
}

describe(`decode ${EVENTS} events (~${averageBytes} bytes each); µs/event = 1000 / hz`, () => {
  bench('sync createSseDecoder, LF, one chunk per event', () => decodeSync(lfChunks));
  bench('sync createSseDecoder, CRLF (Gemini), one chunk per event', () => decodeSync(crlfChunks));
  bench('sync createSseDecoder, event: + data:, one chunk per event', () => decodeSync(namedChunks));
  bench('sync createSseDecoder, whole stream in one chunk', () => decodeSync([wholeStream]));
  bench('sync createSseDecoder + JSON.parse each event', () => {
    const decoder = createSseDecoder((event) => {
      sink += (JSON.parse(event.data) as { created: number }).created;
    });
    for (const chunk of lfChunks) decoder.push(chunk);
    decoder.end();
  });
  bench('JSON.parse alone, same payloads', () => {
    for (const payload of payloads) sink += (JSON.parse(payload) as { created: number }).created;
  });
  bench('createSseDecoderStream (pipeThrough), one chunk per event', async () => {
    await drain(readableOf(lfChunks).pipeThrough(createSseDecoderStream()), (e) => e.data.length);
  });
  bench('baseline: TextDecoderStream + EventSourceParserStream', async () => {
    const stream = readableOf(lfChunks)
      .pipeThrough(new TextDecoderStream())
      .pipeThrough(new EventSourceParserStream());
    await drain(stream, (e) => e.data.length);
  });
});

describe(`encode ${EVENTS} events; µs/event = 1000 / hz`, () => {
  bench('formatSseData (string)', () => {
    for (const payload of payloads) sink += formatSseData(payload).length;
  });
  bench('encodeSseEvent (Uint8Array)', () => {
    for (const event of events) sink += encodeSseEvent(event).length;
  });
});

// Keep the results observable so no work is optimised away.
export const benchSink = (): number => sink;

/**
 * Micro-benchmark of the Gemini → OpenAI stream translation (`pnpm bench` → `vitest bench --run`); not a test.
 *
 * Every task translates one stream of EVENTS Gemini text events (about 330 bytes of CRLF-framed JSON each, the shape
 * of a real gemini-3 event with cumulative usage), one network read per event, so
 * µs per event = 1e6 / (hz × EVENTS).
 *
 * - byte path: the synchronous core (`createGeminiToOpenAITransducer`): bytes in → bytes out.
 * - stream path: the same through the WHATWG `TransformStream` (`createGeminiToOpenAIStream`).
 * - floor: `JSON.parse` of every upstream event plus `JSON.stringify` of one chunk per event, the least any
 *   translator that parses and re-serialises must do.
 */
import { createFixedEnvironment } from '@interlingua/openai-schema';
import { bench, describe } from 'vitest';
import { createGeminiToOpenAIStream } from './create-gemini-to-openai-stream.js';
import { createGeminiToOpenAITransducer } from './create-gemini-to-openai-transducer.js';

const EVENTS = 1000;
const utf8 = new TextEncoder();

const events = Array.from({ length: EVENTS }, (_, i) =>
  JSON.stringify({
    candidates: [
      {
        content: { parts: [{ text: `token ${i}: some streamed text, with ünïcödé and an emoji 😀 ${'x'.repeat(i % 17)}` }], role: 'model' },
        index: 0,
        ...(i === EVENTS - 1 ? { finishReason: 'STOP' } : {}),
      },
    ],
    usageMetadata: { promptTokenCount: 9, candidatesTokenCount: 5 + i, totalTokenCount: 199 + i, promptTokensDetails: [{ modality: 'TEXT', tokenCount: 9 }], thoughtsTokenCount: 185 },
    modelVersion: 'gemini-3-pro-preview',
    responseId: 'M3iLaY-AI7zTxN8P3Piw4Qg',
  }),
);
const chunks = events.map((event) => utf8.encode(`data: ${event}\r\n\r\n`));
const options = () => ({ context: { model: 'gemini-3-pro-preview', includeUsage: true }, environment: createFixedEnvironment() });
let sink = 0;

function readableOf(items: Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < items.length) controller.enqueue(items[i++]!);
      else controller.close();
    },
  });
}

describe(`Gemini → OpenAI, ${EVENTS} events per iteration (µs/event = 1e6 / (hz × ${EVENTS}))`, () => {
  bench('byte path: createGeminiToOpenAITransducer (sync core)', () => {
    const transducer = createGeminiToOpenAITransducer(options());
    for (const chunk of chunks) sink += transducer.push(chunk).length;
    sink += transducer.end().length;
  });

  bench('stream path: createGeminiToOpenAIStream (TransformStream)', async () => {
    const reader = readableOf(chunks).pipeThrough(createGeminiToOpenAIStream(options())).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      sink += value.length;
    }
  });

  bench('floor: JSON.parse + JSON.stringify per event', () => {
    for (const event of events) {
      const parsed = JSON.parse(event) as { candidates: { content: { parts: { text: string }[] } }[] };
      sink += JSON.stringify({
        id: 'chatcmpl-x',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'gemini-3-pro-preview',
        choices: [{ index: 0, delta: { content: parsed.candidates[0]!.content.parts[0]!.text }, logprobs: null, finish_reason: null }],
        usage: null,
      }).length;
    }
  });
});

export { sink };

/**
 * Micro-benchmark of the Anthropic → OpenAI stream transducer (`pnpm bench` → `vitest bench --run`); not a test.
 *
 * Every task translates one stream of EVENTS Anthropic events (message_start, a text block of text_deltas, a tool
 * block of input_json_deltas, message_delta, message_stop), each event arriving as its own byte chunk (one network
 * read per event, the realistic streaming case). µs per event = 1e6 / (hz × EVENTS).
 *
 * - "byte path": bytes in → OpenAI SSE text out through the synchronous core (SSE decoder, JSON.parse, step,
 *   formatter); the TextEncoder of the output is included.
 * - "TransformStream path": the same through `createAnthropicToOpenAIStream` (WHATWG streams, promises).
 * - "JSON floor": JSON.parse of each event's data and JSON.stringify of a chunk of the same content: the work no
 *   translation can avoid.
 */
import { createFixedEnvironment } from '@interlingua/openai-schema';
import { bench, describe } from 'vitest';
import { createAnthropicToOpenAIStream } from './create-anthropic-to-openai-stream.js';
import { createAnthropicToOpenAITranscoder } from './create-anthropic-to-openai-transcoder.js';
import { createAnthropicToOpenAIStreamState } from './anthropic-to-openai-stream-state.js';
import { stepAnthropicStreamEvent } from './step-anthropic-stream-event.js';

const EVENTS = 1000;
const utf8 = new TextEncoder();

const events: Record<string, unknown>[] = [
  {
    type: 'message_start',
    message: {
      id: 'msg_01BenchmarkBenchmark0001',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5-20250929',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 1200, cache_creation_input_tokens: 0, cache_read_input_tokens: 800, output_tokens: 1, service_tier: 'standard' },
    },
  },
  { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
];
const TEXT_DELTAS = 900;
for (let i = 0; i < TEXT_DELTAS; i++) {
  events.push({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ` token ${i} — ünïcödé 😀${'x'.repeat(i % 7)}` } });
}
events.push({ type: 'content_block_stop', index: 0 });
events.push({ type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_01BenchmarkTool000001', name: 'get_weather', input: {} } });
while (events.length < EVENTS - 3) {
  events.push({ type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"location": "Par' } });
}
events.push({ type: 'content_block_stop', index: 1 });
events.push({ type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 2048 } });
events.push({ type: 'message_stop' });

const payloads = events.map((event) => JSON.stringify(event));
const chunks = events.map((event, i) => utf8.encode(`event: ${event.type as string}\ndata: ${payloads[i]}\n\n`));

const options = () => ({
  context: { requestedModel: 'claude-sonnet-4-5', includeUsage: true },
  environment: createFixedEnvironment({ now: 1_767_225_600 }),
});

let sink = 0;

describe(`Anthropic → OpenAI stream, ${EVENTS} events, one byte chunk per event`, () => {
  bench('byte path (sync core, bytes in → bytes out)', () => {
    const transcoder = createAnthropicToOpenAITranscoder(options());
    for (const chunk of chunks) {
      const text = transcoder.push(chunk);
      if (text !== '') sink += utf8.encode(text).length;
    }
    sink += transcoder.end().length;
  });

  bench('TransformStream path (createAnthropicToOpenAIStream)', async () => {
    const readable = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk);
        controller.close();
      },
    }).pipeThrough(createAnthropicToOpenAIStream(options()));
    const reader = readable.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      sink += value.length;
    }
  });

  bench('step only (parsed events in → chunk objects out)', () => {
    const state = createAnthropicToOpenAIStreamState(options());
    for (const event of events) sink += stepAnthropicStreamEvent(event as { type: string }, state).length;
  });

  bench('JSON floor (JSON.parse of each event + JSON.stringify of a chunk)', () => {
    for (const payload of payloads) {
      const event = JSON.parse(payload) as { delta?: { text?: string; partial_json?: string } };
      sink += JSON.stringify({
        id: 'chatcmpl-fixture0',
        object: 'chat.completion.chunk',
        created: 1_767_225_600,
        model: 'claude-sonnet-4-5-20250929',
        system_fingerprint: 'fp_fixture0',
        choices: [{ index: 0, delta: { content: event.delta?.text ?? event.delta?.partial_json ?? '' }, logprobs: null, finish_reason: null }],
        usage: null,
      }).length;
    }
  });
});

export { sink };

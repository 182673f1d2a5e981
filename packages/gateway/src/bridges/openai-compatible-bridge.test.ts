/**
 * The OpenAI-compatible stream passes through byte for byte, and is complete once its bytes end with the line
 * `data: [DONE]` and line ends: checked against the whole text received so far, however the stream is cut into chunks,
 * also when a model's content spells the marker and a chunk ends right after it.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createGateway } from '../create-gateway.js';
import { openAICompatibleBridge } from './openai-compatible-bridge.js';

const encoder = new TextEncoder();
/** The reference: the whole text so far ends with a `data: [DONE]` line (at its start or after a line break). */
const complete = (text: string) => /(?:^|[\r\n])data: ?\[DONE\][\r\n]\s*$/.test(text);
const environment = {} as Parameters<typeof openAICompatibleBridge.createTranscoder>[1];
const transcoder = () => openAICompatibleBridge.createTranscoder(null, environment, { maxEventBytes: 1 << 20 });
const frame = (content: string) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;

/** `bytes` cut at `cuts` (positions, any order, repeats allowed). */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    if (point > from) chunks.push(bytes.subarray(from, point));
    from = point;
  }
  return chunks;
}

describe('the OpenAI-compatible stream transcoder', () => {
  test.prop(
    [
      // Contents that spell the marker, or end like it, do not complete the stream: only the bytes' own end does.
      fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('data: [DONE]', 'data: [DONE]\n\n', '[DONE]')), { maxLength: 6 }),
      fc.boolean(),
      fc.constantFrom('\n\n', '\r\n\r\n', '\n', ''),
      fc.array(fc.nat(), { maxLength: 12 }),
    ],
    { numRuns: 1000 },
  )('passes every chunk on as it is and is settled exactly when the text so far ends with the data: [DONE] line', (contents, done, lineEnd, cuts) => {
    const bytes = encoder.encode(contents.map(frame).join('') + (done ? `data: [DONE]${lineEnd}` : ''));
    const stream = transcoder();
    let seen = '';
    for (const chunk of split(bytes, cuts)) {
      expect(stream.push(chunk)).toBe(chunk);
      for (const byte of chunk) seen += String.fromCharCode(byte);
      expect(stream.settled).toBe(complete(seen));
      // The supervisor reads nothing more once the stream is complete.
      if (stream.settled) break;
    }
    // Without a line end after it the marker is not a whole line yet: the body's end completes such a stream.
    expect(stream.settled).toBe(done && lineEnd !== '');
  });

  it('is not complete when a chunk ends right after content that spells the marker', () => {
    const stream = transcoder();
    const text = frame('data: [DONE]');
    const cut = text.indexOf('[DONE]') + '[DONE]'.length;
    stream.push(encoder.encode(text.slice(0, cut)));
    expect(stream.settled).toBe(false);
    stream.push(encoder.encode(text.slice(cut)));
    expect(stream.settled).toBe(false);
  });

  it('is complete for a stream that is only the marker, with or without the space', () => {
    for (const marker of ['data: [DONE]\n\n', 'data:[DONE]\r\n\r\n']) {
      const stream = transcoder();
      stream.push(encoder.encode(marker));
      expect(stream.settled).toBe(true);
    }
  });

  it('sees the marker split across one-byte chunks', () => {
    const stream = transcoder();
    for (const byte of encoder.encode(`${frame('Hi')}data: [DONE]\n\n`)) stream.push(Uint8Array.of(byte));
    expect(stream.settled).toBe(true);
  });

  it('through the gateway: a stream whose content spells the marker, cut right after it, reaches the client whole', async () => {
    const upstream = `${frame('say data: [DONE]')}${frame(' and more')}data: [DONE]\n\n`;
    const cut = upstream.indexOf('[DONE]') + '[DONE]'.length;
    const handler = createGateway({
      upstreams: { 'openai-compatible': { apiKey: 'sk-test', baseUrl: 'http://openai.test/v1' } },
      prefixes: [{ prefix: 'gpt', upstream: 'openai-compatible' }],
      log: () => {},
      fetch: async () => {
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(encoder.encode(upstream.slice(0, cut)));
            controller.enqueue(encoder.encode(upstream.slice(cut)));
            controller.close();
          },
        });
        return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
      },
    });
    const reply = await handler(
      new Request('http://gateway.test/v1/chat/completions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-5.4', stream: true, messages: [{ role: 'user', content: 'Hi' }] }),
      }),
    );
    expect(await reply.text()).toBe(upstream);
  });
});

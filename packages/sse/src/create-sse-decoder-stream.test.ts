import { ParseError } from 'eventsource-parser';
import { describe, expect, it } from 'vitest';
import { createSseDecoderStream } from './create-sse-decoder-stream.js';
import { createSseEncoderStream } from './create-sse-encoder-stream.js';
import type { SseEvent } from './sse-event.js';

async function collect<T>(stream: ReadableStream<T>): Promise<T[]> {
  const items: T[] = [];
  const reader = stream.getReader();
  for (;;) {
    const result = await reader.read();
    if (result.done) return items;
    items.push(result.value);
  }
}

function readableOf<T>(items: T[]): ReadableStream<T> {
  return new ReadableStream<T>({
    start(controller) {
      for (const item of items) controller.enqueue(item);
      controller.close();
    },
  });
}

const utf8 = new TextEncoder();

describe('createSseDecoderStream', () => {
  it('decodes a byte stream through pipeThrough, including a final event without its blank line', async () => {
    const text = 'event: a\r\ndata: é\r\n\r\n: comment\ndata: 😀\ndata: [DONE]';
    const bytes = utf8.encode(text);
    const chunks = [bytes.subarray(0, 9), bytes.subarray(9, 23), bytes.subarray(23, 37), bytes.subarray(37)];
    const events = await collect(readableOf(chunks).pipeThrough(createSseDecoderStream()));
    expect(events).toEqual([{ event: 'a', data: 'é' }, { data: '😀\n[DONE]' }]);
  });

  it('accepts string chunks', async () => {
    const events = await collect(readableOf(['data: 1\n', '\ndata: 2\n\n']).pipeThrough(createSseDecoderStream()));
    expect(events).toEqual([{ data: '1' }, { data: '2' }]);
  });

  it('emits each event as soon as the chunk that completes it is written', async () => {
    const decoder = createSseDecoderStream();
    const writer = decoder.writable.getWriter();
    const reader = decoder.readable.getReader();
    void writer.write(utf8.encode('data: first\n\ndata: sec'));
    expect(await reader.read()).toEqual({ done: false, value: { data: 'first' } });
    void writer.write(utf8.encode('ond\n\n'));
    expect(await reader.read()).toEqual({ done: false, value: { data: 'second' } });
    void writer.close();
    expect((await reader.read()).done).toBe(true);
  });

  it('decodes what the encoder stream writes', async () => {
    const input: SseEvent[] = [{ event: 'x', data: 'a\nb' }, { data: '{"k":"v"}', id: '1' }];
    const output = await collect(readableOf(input).pipeThrough(createSseEncoderStream()).pipeThrough(createSseDecoderStream()));
    expect(output).toEqual(input);
  });

  it('decodes an empty stream to no events', async () => {
    expect(await collect(readableOf<Uint8Array>([]).pipeThrough(createSseDecoderStream()))).toEqual([]);
  });

  it('errors the stream when an event outgrows maxBufferSize', async () => {
    const output = readableOf([`data: ${'x'.repeat(100)}`]).pipeThrough(createSseDecoderStream({ maxBufferSize: 50 }));
    await expect(collect(output)).rejects.toBeInstanceOf(ParseError);
  });
});

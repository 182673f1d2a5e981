import { describe, expect, it } from 'vitest';
import { createSseEncoderStream } from './create-sse-encoder-stream.js';
import type { SseDone, SseEvent } from './sse-event.js';

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

describe('createSseEncoderStream', () => {
  it('enqueues one Uint8Array per event, never batching', async () => {
    const input: Array<SseEvent | SseDone> = [{ data: '{"a":1}' }, { event: 'x', data: 'two\nlines' }, '[DONE]'];
    const chunks = await collect(readableOf(input).pipeThrough(createSseEncoderStream()));
    expect(chunks).toHaveLength(3);
    expect(chunks.every((chunk) => chunk instanceof Uint8Array)).toBe(true);
    expect(chunks.map((chunk) => new TextDecoder().decode(chunk))).toEqual([
      'data: {"a":1}\n\n',
      'event: x\ndata: two\ndata: lines\n\n',
      'data: [DONE]\n\n',
    ]);
  });

  it('makes each event readable before the next one is written', async () => {
    const encoder = createSseEncoderStream();
    const writer = encoder.writable.getWriter();
    const reader = encoder.readable.getReader();
    void writer.write({ data: 'first' });
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: first\n\n');
    void writer.close();
    expect((await reader.read()).done).toBe(true);
  });

  it('errors the stream on an event name with a line break', async () => {
    const output = readableOf<SseEvent>([{ event: 'a\nb', data: '' }]).pipeThrough(createSseEncoderStream());
    await expect(collect(output)).rejects.toThrow(TypeError);
  });
});

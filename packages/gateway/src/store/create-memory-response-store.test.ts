import type { ResponseObject } from '@interlingua/responses-schema';
import { describe, expect, it } from 'vitest';
import { createMemoryResponseStore } from './create-memory-response-store.js';
import type { StoredResponse } from './response-store.js';

const entry = (id: string, text = ''): StoredResponse => ({
  response: { id, object: 'response', output: [], note: text } as unknown as ResponseObject,
  inputItems: [],
  conversation: [{ role: 'user', content: text }],
});

describe('createMemoryResponseStore', () => {
  it('gives back copies of what was put, and deletes', async () => {
    const store = createMemoryResponseStore();
    const stored = entry('resp_1', 'hello');
    await store.put(stored);
    const read = await store.get('resp_1');
    expect(read).toEqual(stored);
    expect(read).not.toBe(stored);
    expect(await store.delete('resp_1')).toBe(true);
    expect(await store.delete('resp_1')).toBe(false);
    expect(await store.get('resp_1')).toBeUndefined();
  });

  it('forgets entries after the TTL', async () => {
    let now = 1000;
    const store = createMemoryResponseStore({ ttlMs: 50, now: () => now });
    await store.put(entry('resp_1'));
    now = 1049;
    expect(await store.get('resp_1')).toBeDefined();
    now = 1050;
    expect(await store.get('resp_1')).toBeUndefined();
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const store = createMemoryResponseStore({ maxEntries: 2 });
    for (const id of ['a', 'b', 'c']) await store.put(entry(id));
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toBeDefined();
    expect(await store.get('c')).toBeDefined();
  });

  it('keeps at most maxBytes, dropping the oldest; an entry larger than the bound is not kept', async () => {
    const size = JSON.stringify(entry('x1', 'y'.repeat(100))).length;
    const store = createMemoryResponseStore({ maxBytes: size * 2 });
    for (const id of ['x1', 'x2', 'x3']) await store.put(entry(id, 'y'.repeat(100)));
    expect(await store.get('x1')).toBeUndefined();
    expect(await store.get('x3')).toBeDefined();
    await store.put(entry('big', 'z'.repeat(size * 3)));
    expect(await store.get('big')).toBeUndefined();
  });
});

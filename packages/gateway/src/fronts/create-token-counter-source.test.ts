import { describe, expect, it } from 'vitest';
import { createTokenCounterSource } from './create-token-counter-source.js';
import type { TokenCounter } from './estimate-chat-request-tokens.js';

const wordCount: TokenCounter = (text) => text.split(/\s+/).filter(Boolean).length;

/** A loader whose load the test settles by hand, counting its calls. */
function manualLoader() {
  const calls: { resolve: (counter: unknown) => void; reject: (error: Error) => void }[] = [];
  const load = () => new Promise<TokenCounter>((resolve, reject) => calls.push({ resolve: resolve as (counter: unknown) => void, reject }));
  return { load, calls };
}

describe('createTokenCounterSource', () => {
  it('a counter given at once is returned as it is, never a promise', () => {
    const source = createTokenCounterSource({ encoding: 'words', countTokens: wordCount });
    expect(source.encoding).toBe('words');
    expect(source.get()).toBe(wordCount);
    expect(source.get()).toBe(wordCount);
  });

  it('a source given is returned as it is (the gateway shares its one source with the Messages front)', () => {
    const source = createTokenCounterSource({ encoding: 'words', countTokens: wordCount });
    expect(createTokenCounterSource(source)).toBe(source);
  });

  it('a loader is not called until a counter is asked for', () => {
    const { load, calls } = manualLoader();
    createTokenCounterSource({ encoding: 'words', load });
    expect(calls).toHaveLength(0);
  });

  it('requests during the load share one load; once loaded, the counter is returned at once', async () => {
    const { load, calls } = manualLoader();
    const source = createTokenCounterSource({ encoding: 'words', load });
    const first = source.get();
    const second = source.get();
    expect(first).toBeInstanceOf(Promise);
    expect(second).toBe(first);
    expect(calls).toHaveLength(1);
    calls[0]!.resolve(wordCount);
    expect(await first).toBe(wordCount);
    expect(await second).toBe(wordCount);
    expect(source.get()).toBe(wordCount);
    expect(calls).toHaveLength(1);
  });

  it('a failed load rejects the requests waiting for it, and the next request loads again', async () => {
    const { load, calls } = manualLoader();
    const source = createTokenCounterSource({ encoding: 'words', load });
    const waiting = [source.get(), source.get()];
    calls[0]!.reject(new Error('module not found'));
    for (const pending of waiting) await expect(pending).rejects.toThrow('module not found');
    const retried = source.get();
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(wordCount);
    expect(await retried).toBe(wordCount);
    expect(source.get()).toBe(wordCount);
  });

  it('a loader that gives something other than a function fails like a failed load, naming the encoding', async () => {
    const { load, calls } = manualLoader();
    const source = createTokenCounterSource({ encoding: 'o200k_base', load });
    const pending = source.get();
    calls[0]!.resolve({ countTokens: wordCount });
    await expect(pending).rejects.toThrow("The o200k_base tokenizer's loader gave object, not a function.");
    expect(source.get()).toBeInstanceOf(Promise);
    expect(calls).toHaveLength(2);
  });
});

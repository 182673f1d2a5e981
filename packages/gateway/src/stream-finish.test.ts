import { describe, expect, it } from 'vitest';
import { StreamFinish } from './stream-finish.js';

describe('StreamFinish', () => {
  it('runs the listener once when the stream finishes after it was given', () => {
    const finish = new StreamFinish();
    const calls: string[] = [];
    finish.onFinish(() => calls.push('logged'));
    expect(calls).toEqual([]);
    finish.finish();
    finish.finish();
    expect(calls).toEqual(['logged']);
  });

  it('runs the listener at once when the stream is already over', () => {
    const finish = new StreamFinish();
    finish.finish();
    const calls: string[] = [];
    finish.onFinish(() => calls.push('logged'));
    expect(calls).toEqual(['logged']);
  });
});

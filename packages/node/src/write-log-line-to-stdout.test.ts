/// <reference types="node" />
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FLUSH_AFTER_MS, flushLogLines, writeLogLineToStdout } from './write-log-line-to-stdout.js';

afterEach(() => {
  flushLogLines(); // nothing left waiting (or timed) for the next test
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function captureStdout(): string[] {
  const written: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  return written;
}

const line = (n: number) => ({ time: '2026-12-06T18:00:00.000Z', method: 'POST', path: '/v1/chat/completions', status: 200, latency_ms: n, model: 'claude-sonnet-4-5' });
const text = (...ns: number[]) => ns.map((n) => `${JSON.stringify(line(n))}\n`).join('');

describe('writeLogLineToStdout', () => {
  it(`writes each line as one JSON line on stdout, ${FLUSH_AFTER_MS} ms after it at the latest`, async () => {
    vi.useFakeTimers();
    const written = captureStdout();
    writeLogLineToStdout(line(3));
    await vi.advanceTimersByTimeAsync(FLUSH_AFTER_MS - 1);
    expect(written).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(written).toEqual([text(3)]);
  });

  it('writes the lines that came within the wait together, in order, with one write, timed from the first', async () => {
    vi.useFakeTimers();
    const written = captureStdout();
    writeLogLineToStdout(line(0));
    for (let n = 1; n < 5; n++) {
      await vi.advanceTimersByTimeAsync(2);
      writeLogLineToStdout(line(n));
    }
    expect(written).toEqual([]);
    await vi.advanceTimersByTimeAsync(FLUSH_AFTER_MS - 8);
    expect(written).toEqual([text(0, 1, 2, 3, 4)]);
    writeLogLineToStdout(line(5));
    await vi.advanceTimersByTimeAsync(FLUSH_AFTER_MS);
    expect(written).toEqual([text(0, 1, 2, 3, 4), text(5)]);
    await vi.advanceTimersByTimeAsync(10 * FLUSH_AFTER_MS);
    expect(written).toHaveLength(2);
  });

  it('writes at once when 64 KiB of lines are waiting, and the timer set for them is cleared', async () => {
    vi.useFakeTimers();
    const written = captureStdout();
    const big = { ...line(1), error: 'x'.repeat(70_000) };
    writeLogLineToStdout(line(0));
    expect(vi.getTimerCount()).toBe(1);
    writeLogLineToStdout(big);
    expect(written).toEqual([`${text(0)}${JSON.stringify(big)}\n`]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('writes the waiting lines when the process exits', () => {
    const written = captureStdout();
    writeLogLineToStdout(line(7));
    expect(process.listeners('exit')).toContain(flushLogLines);
    flushLogLines(); // what the `exit` listener runs
    expect(written).toEqual([text(7)]);
    flushLogLines();
    expect(written).toHaveLength(1);
  });

  it('does not keep a process alive, and the process writes its waiting line as it exits', () => {
    // A process with nothing left to do but the log's timer exits at once (the timer is unref'd), and its exit
    // listener writes the line: the built module in a child process, whose timer is stretched to 60 s so that a
    // timer that held the process would fail the call at its 5 s timeout.
    const module = join(import.meta.dirname, '..', 'dist', 'write-log-line-to-stdout.js');
    const output = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', `const m = await import(${JSON.stringify(module)}); setTimeout = ((set) => (f) => set(f, 60_000))(setTimeout); m.writeLogLineToStdout(${JSON.stringify(line(9))});`],
      { encoding: 'utf8', timeout: 5_000 },
    );
    expect(output).toBe(text(9));
  });

  // A write that fails later (a closed pipe, EPIPE): the write's callback gets the error, then the stream emits its
  // `error` event. Node calls the callback on the next tick for a stdout written synchronously; a stream may call it
  // during the write.
  for (const [when, report] of [
    ['on the next tick, as Node reports it', (callback: () => void) => process.nextTick(callback)],
    ['during the write', (callback: () => void) => callback()],
  ] as const) {
    it(`leaves the process running when a write's failure is reported ${when}, as console.log does, and no listener behind`, async () => {
      expect(process.stdout.listenerCount('error')).toBe(0);
      vi.spyOn(process.stdout, 'write').mockImplementation(((_chunk: string, callback: (error: Error) => void) => {
        const error = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
        report(() => {
          callback(error);
          process.nextTick(() => process.stdout.emit('error', error));
        });
        return false;
      }) as typeof process.stdout.write);
      writeLogLineToStdout(line(0));
      flushLogLines();
      // With no listener, the `error` event would throw an uncaught exception here, and the run would fail.
      await new Promise((resolve) => setImmediate(resolve));
      expect(process.stdout.listenerCount('error')).toBe(0);
    });
  }

  it('leaves the process running when a write fails at once (a file, a terminal), and no listener behind', () => {
    expect(process.stdout.listenerCount('error')).toBe(0);
    vi.spyOn(process.stdout, 'write').mockImplementation((() => {
      process.stdout.emit('error', Object.assign(new Error('write EIO'), { code: 'EIO' }));
      return false;
    }) as typeof process.stdout.write);
    writeLogLineToStdout(line(0));
    expect(() => flushLogLines()).not.toThrow();
    expect(process.stdout.listenerCount('error')).toBe(0);
  });

  it("leaves a failure to the application's own error listener on stdout", () => {
    const seen: string[] = [];
    const own = (error: Error) => void seen.push(error.message);
    process.stdout.on('error', own);
    try {
      vi.spyOn(process.stdout, 'write').mockImplementation((() => {
        process.stdout.emit('error', new Error('write EIO'));
        return false;
      }) as typeof process.stdout.write);
      writeLogLineToStdout(line(0));
      flushLogLines();
      expect(seen).toEqual(['write EIO']);
      expect(process.stdout.listeners('error')).toEqual([own]);
    } finally {
      process.stdout.off('error', own);
    }
  });
});

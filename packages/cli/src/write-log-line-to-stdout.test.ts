/// <reference types="node" />
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushLogLines, writeLogLineToStdout } from './write-log-line-to-stdout.js';

afterEach(() => {
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

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

const line = (n: number) => ({ time: '2026-12-06T18:00:00.000Z', method: 'POST', path: '/v1/chat/completions', status: 200, latency_ms: n, model: 'claude-sonnet-4-5' });

describe('writeLogLineToStdout', () => {
  it('writes each line as one JSON line on stdout, by the end of the event-loop turn', async () => {
    const written = captureStdout();
    writeLogLineToStdout(line(3));
    await nextTurn();
    expect(written).toEqual([`${JSON.stringify(line(3))}\n`]);
  });

  it('writes the lines of one turn together, in order, with one write', async () => {
    const written = captureStdout();
    for (let n = 0; n < 5; n++) writeLogLineToStdout(line(n));
    expect(written).toEqual([]);
    await nextTurn();
    expect(written).toEqual([[0, 1, 2, 3, 4].map((n) => `${JSON.stringify(line(n))}\n`).join('')]);
    writeLogLineToStdout(line(5));
    await nextTurn();
    expect(written).toEqual([written[0], `${JSON.stringify(line(5))}\n`]);
  });

  it('writes at once when 64 KiB of lines are waiting, without waiting for the turn to end', () => {
    const written = captureStdout();
    const big = { ...line(1), error: 'x'.repeat(70_000) };
    writeLogLineToStdout(line(0));
    writeLogLineToStdout(big);
    expect(written).toEqual([`${JSON.stringify(line(0))}\n${JSON.stringify(big)}\n`]);
  });

  it('writes the waiting lines when the process exits', () => {
    const written = captureStdout();
    writeLogLineToStdout(line(7));
    expect(process.listeners('exit')).toContain(flushLogLines);
    flushLogLines(); // what the `exit` listener runs
    expect(written).toEqual([`${JSON.stringify(line(7))}\n`]);
    flushLogLines();
    expect(written).toHaveLength(1);
  });

  it('leaves the gateway running when stdout fails, as console.log does', async () => {
    captureStdout();
    writeLogLineToStdout(line(0));
    await nextTurn();
    // An EPIPE on a closed pipe arrives as an `error` event: with no listener, Node would throw it.
    expect(() => process.stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).not.toThrow();
  });
});

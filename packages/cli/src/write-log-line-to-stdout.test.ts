/// <reference types="node" />
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeLogLineToStdout } from './write-log-line-to-stdout.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('writeLogLineToStdout', () => {
  it('writes the line as one JSON line on stdout', () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const line = { time: '2026-12-06T18:00:00.000Z', method: 'POST', path: '/v1/chat/completions', status: 200, latency_ms: 3, model: 'claude-sonnet-4-5' };
    writeLogLineToStdout(line);
    expect(written).toEqual([`${JSON.stringify(line)}\n`]);
  });

  it('leaves the gateway running when stdout fails, as console.log does', () => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    writeLogLineToStdout({ time: '2026-12-06T18:00:00.000Z', method: 'GET', path: '/v1/models', status: 200, latency_ms: 0 });
    // An EPIPE on a closed pipe arrives as an `error` event: with no listener, Node would throw it.
    expect(() => process.stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).not.toThrow();
  });
});

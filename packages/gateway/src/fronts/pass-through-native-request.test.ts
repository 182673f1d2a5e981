import { describe, expect, it } from 'vitest';
import { createPassThroughTranscoders } from './pass-through-native-request.js';

const encoder = new TextEncoder();

describe('createPassThroughTranscoders', () => {
  it('passes bytes through unchanged and sees each stream whole, even with a character split across chunks while another stream runs', () => {
    const seen: Record<string, string> = { a: '', b: '' };
    const make = (name: 'a' | 'b') =>
      createPassThroughTranscoders({
        overlap: 64,
        observe: (tail) => {
          seen[name] = tail;
          return tail.includes('message_stop');
        },
        errorEvent: (error) => ({ type: 'error', error }),
      });
    const a = make('a');
    const b = make('b');
    const word = encoder.encode('café ');
    const first = word.subarray(0, 4); // "caf" and the first byte of "é"
    const rest = word.subarray(4);
    expect(a.transcoder.push(first)).toBe(first);
    b.transcoder.push(encoder.encode('naïve '));
    a.transcoder.push(rest);
    a.transcoder.push(encoder.encode('event: message_stop\n\n'));
    expect(seen.a).toBe('café event: message_stop\n\n');
    expect(seen.b).toBe('naïve ');
    expect(a.transcoder.settled).toBe(true);
    expect(b.transcoder.settled).toBe(false);
  });

  it('shows observe each chunk whole after the last `overlap` characters before it, so a text split across chunks is seen', () => {
    const seen: string[] = [];
    const { transcoder } = createPassThroughTranscoders({
      overlap: 24, // the pattern is 20 characters
      observe: (text) => {
        seen.push(text);
        return /event: message_stop\n/.test(text);
      },
      errorEvent: (error) => ({ type: 'error', error }),
    });
    const long = `data: ${'x'.repeat(5000)}\n\nevent: mes`;
    transcoder.push(encoder.encode(long));
    expect(transcoder.settled).toBe(false);
    transcoder.push(encoder.encode('sage_stop\ndata: {}\n\n'));
    expect(seen).toEqual([long, `${long.slice(-24)}sage_stop\ndata: {}\n\n`]);
    expect(transcoder.settled).toBe(true);
  });

  it("rewrites only the gateway's own failure frame as the client API's error event", () => {
    const { clientTranscoder } = createPassThroughTranscoders({
      overlap: 16,
      observe: () => false,
      errorEvent: (error) => ({ type: 'error', error: { type: error?.code, message: error?.message } }),
    });
    const upstream = encoder.encode('event: content_block_delta\ndata: {"type":"content_block_delta"}\n\n');
    expect(clientTranscoder.push(upstream)).toBe(upstream);
    const failure = encoder.encode('data: {"error":{"message":"idle","type":"timeout_error","param":null,"code":"upstream_idle_timeout"}}\n\n');
    expect(new TextDecoder().decode(clientTranscoder.push(failure))).toBe(
      'event: error\ndata: {"type":"error","error":{"type":"upstream_idle_timeout","message":"idle"}}\n\n',
    );
  });
});

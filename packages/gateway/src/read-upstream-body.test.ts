import { describe, expect, it } from 'vitest';
import type { UpstreamResponse } from './gateway-exchange.js';
import { readUpstreamBody } from './read-upstream-body.js';
import { LazyAbortController } from './lazy-abort-controller.js';

function response(chunks: number[][]): UpstreamResponse {
  return {
    status: 200,
    headers: { get: () => null },
    body: (async function* () {
      for (const chunk of chunks) yield new Uint8Array(chunk);
    })(),
  };
}

const read = (chunks: number[][], maxBytes = 1024, truncate = false) =>
  readUpstreamBody(response(chunks), { controller: new LazyAbortController(), idleTimeoutMs: 10_000, maxBytes, truncate });

// UTF-8 (RFC 3629): "é" is C3 A9, "€" is E2 82 AC; an incomplete sequence at the end decodes to U+FFFD, and a
// leading BOM (EF BB BF) is not part of the text (WHATWG Encoding, "UTF-8 decode").
describe('readUpstreamBody', () => {
  it('reads an empty body as empty text', async () => {
    expect(await read([])).toEqual({ ok: true, text: '', truncated: false });
  });

  it('joins a character split across chunks', async () => {
    expect(await read([[0x7b, 0x22, 0xc3], [0xa9, 0x22], [0x3a, 0x31, 0x7d]])).toEqual({ ok: true, text: '{"é":1}', truncated: false });
  });

  it('drops a leading BOM once', async () => {
    expect(await read([[0xef, 0xbb], [0xbf, 0x61, 0xef, 0xbb, 0xbf]])).toEqual({ ok: true, text: 'a\uFEFF', truncated: false });
  });

  it('fails over the limit, or keeps the first maxBytes when truncating', async () => {
    expect(await read([[0x61, 0x62], [0x63, 0x64]], 3)).toEqual({ ok: false, reason: 'too_large' });
    expect(await read([[0x61, 0x62], [0x63, 0x64]], 3, true)).toEqual({ ok: true, text: 'abc', truncated: true });
  });

  it('ends a character cut by the limit with U+FFFD', async () => {
    expect(await read([[0x61], [0xe2, 0x82, 0xac]], 3, true)).toEqual({ ok: true, text: 'a\uFFFD', truncated: true });
  });
});

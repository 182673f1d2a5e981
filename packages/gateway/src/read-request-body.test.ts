import { describe, expect, it } from 'vitest';
import type { GatewayRequest } from './gateway-exchange.js';
import { readRequestBody } from './read-request-body.js';

function request(chunks: Uint8Array[]): GatewayRequest {
  return {
    method: 'POST',
    path: '/v1/chat/completions',
    header: () => null,
    body: (async function* () {
      yield* chunks;
    })(),
  };
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe('readRequestBody', () => {
  it('parses a body that arrives in one chunk, and keeps its text', async () => {
    expect(await readRequestBody(request([bytes('{"model":"m","n":1}')]), 1024)).toEqual({ ok: true, json: { model: 'm', n: 1 }, text: '{"model":"m","n":1}' });
  });

  it('joins chunks, also inside a character ("é" is C3 A9 in UTF-8)', async () => {
    const whole = bytes('{"text":"café"}');
    const cut = whole.indexOf(0xc3) + 1;
    expect(await readRequestBody(request([whole.subarray(0, cut), whole.subarray(cut)]), 1024)).toEqual({ ok: true, json: { text: 'café' }, text: '{"text":"café"}' });
  });

  it('answers 400 invalid_json for a body that is not JSON, and 413 past the limit', async () => {
    const invalid = await readRequestBody(request([bytes('{"model":')]), 1024);
    expect(invalid.ok).toBe(false);
    expect(!invalid.ok && invalid.error.status).toBe(400);
    expect(!invalid.ok && invalid.error.body.error.code).toBe('invalid_json');
    const large = await readRequestBody(request([bytes('{"a":"'), bytes('x'.repeat(64)), bytes('"}')]), 32);
    expect(!large.ok && large.error.status).toBe(413);
  });

  it('answers 408 when the deadline passes while the body is still arriving, and 400 when the body breaks', async () => {
    const { createDeadline } = await import('./create-deadline.js');
    const deadline = createDeadline(30);
    const slow: GatewayRequest = { ...request([]), body: (async function* () { yield bytes('{"a":'); await new Promise(() => {}); })() };
    const late = await readRequestBody(slow, 1024, deadline);
    deadline.dispose();
    expect(!late.ok && [late.error.status, late.error.body.error.code]).toEqual([408, 'request_timeout']);
    const broken: GatewayRequest = { ...request([]), body: (async function* () { yield bytes('{"a":'); throw new Error('reset'); })() };
    const failed = await readRequestBody(broken, 1024, createDeadline(10_000));
    expect(!failed.ok && [failed.error.status, failed.error.body.error.code]).toEqual([400, 'invalid_body']);
  });
});

/// <reference types="node" />
/**
 * `encodeUtf8` (how stream output text becomes bytes; the Node adapter passes `Buffer.from`) and `createUtf8Decoder`
 * (how upstream stream bytes become text; here a `StringDecoder`): every translated streamed reply —
 * Chat Completions and Responses on the Anthropic and the Gemini bridge, Messages on Gemini — is byte for byte what
 * the defaults (`TextEncoder`, whole characters through a `TextDecoder`) give, and the given encoder and decoder are the
 * ones used.
 */
import { StringDecoder } from 'node:string_decoder';
import { fixturesRoot, loadFixtureCases } from '@interlingua/conformance/node';
import { createFixedEnvironment } from '@interlingua/openai-schema';
import { describe, expect, it } from 'vitest';
import { createGateway } from './create-gateway.js';
import type { GatewayOptions } from './gateway-options.js';

const cases = new Map(loadFixtureCases(fixturesRoot()).map((c) => [c.id, c]));
const sse = (id: string): string => {
  const upstream = cases.get(id)?.upstreamResponse;
  if (upstream?.kind !== 'sse') throw new Error(`${id} has no recorded stream`);
  return upstream.text;
};

function gateway(options: Partial<GatewayOptions>) {
  return createGateway({
    upstreams: { anthropic: { apiKey: 'sk-ant-test', baseUrl: 'http://anthropic.test' }, gemini: { apiKey: 'gemini-test', baseUrl: 'http://gemini.test' } },
    prefixes: [
      { prefix: 'claude', upstream: 'anthropic' },
      { prefix: 'gemini', upstream: 'gemini' },
    ],
    fetch: async (url) => new Response(sse(url.includes('anthropic') ? 'anthropic/text-stream' : 'gemini/google-text-stream'), { headers: { 'content-type': 'text/event-stream' } }),
    createEnvironment: () => createFixedEnvironment({ now: 1_750_000_000 }),
    log: () => {},
    ...options,
  });
}

const requests: Array<[string, string, unknown]> = [];
for (const model of ['claude-sonnet-4-5', 'gemini-2.5-flash']) {
  requests.push(
    ['chat', '/v1/chat/completions', { model, stream: true, messages: [{ role: 'user', content: 'Hello' }] }],
    ['responses', '/v1/responses', { model, stream: true, store: false, input: 'Hello' }],
  );
}
// A Messages request for a Claude model is passed through to Anthropic as it is (nothing encoded): Gemini only.
requests.push(['messages', '/v1/messages', { model: 'gemini-2.5-flash', stream: true, max_tokens: 64, messages: [{ role: 'user', content: 'Hello' }] }]);

const post = (g: ReturnType<typeof gateway>, path: string, body: unknown) =>
  g(new Request(`http://gateway.test${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));

/** The reply of `makeGateway` with the default decoder, and with a counting `StringDecoder`: the same bytes, decoder used. */
async function expectSameBytesThroughStringDecoder(makeGateway: (options: Partial<GatewayOptions>) => ReturnType<typeof gateway>, path: string, body: unknown) {
  const plain = new Uint8Array(await (await post(makeGateway({}), path, body)).arrayBuffer());
  let writes = 0;
  const createUtf8Decoder = () => {
    const decoder = new StringDecoder('utf8');
    return { write: (bytes: Uint8Array) => (writes++, decoder.write(bytes)), end: () => decoder.end() };
  };
  const decoded = await post(makeGateway({ createUtf8Decoder }), path, body);
  expect(decoded.status).toBe(200);
  expect(plain.byteLength).toBeGreaterThan(100);
  expect(new Uint8Array(await decoded.arrayBuffer())).toEqual(plain);
  expect(writes).toBeGreaterThan(0);
}

describe('the createUtf8Decoder option', () => {
  for (const [api, path, body] of requests) {
    it(`${api}, ${(body as { model: string }).model}: the same bytes, through the given decoder`, () => expectSameBytesThroughStringDecoder(gateway, path, body));
  }
});

describe('the createUtf8Decoder option, on the client APIs\' byte path', () => {
  // An OpenAI-compatible upstream streams hub chunks as bytes, which the Responses and Messages transcoders decode:
  // here the gateway's own Chat Completions stream (of the recorded Anthropic stream) stands in for that upstream.
  for (const [api, path, body] of [
    ['responses', '/v1/responses', { model: 'gpt-upstream', stream: true, store: false, input: 'Hello' }],
    ['messages', '/v1/messages', { model: 'gpt-upstream', stream: true, max_tokens: 64, messages: [{ role: 'user', content: 'Hello' }] }],
  ] as const) {
    it(`${api}: the same bytes, through the given decoder`, async () => {
      const hub = await (await post(gateway({}), '/v1/chat/completions', { model: 'claude-sonnet-4-5', stream: true, messages: [{ role: 'user', content: 'Hello' }] })).text();
      expect(hub).toContain('data: [DONE]');
      const viaOpenAI = (options: Partial<GatewayOptions>) =>
        gateway({
          upstreams: { 'openai-compatible': { apiKey: 'sk-test', baseUrl: 'http://openai.test/v1' } },
          prefixes: [{ prefix: '', upstream: 'openai-compatible' }],
          fetch: async () => new Response(hub, { headers: { 'content-type': 'text/event-stream' } }),
          ...options,
        });
      await expectSameBytesThroughStringDecoder(viaOpenAI, path, body);
    });
  }
});

describe('the encodeUtf8 option', () => {
  for (const [api, path, body] of requests) {
    it(`${api}, ${(body as { model: string }).model}: the same bytes, through the given encoder`, async () => {
      const plain = await post(gateway({}), path, body);
      let calls = 0;
      const encoded = await post(
        gateway({
          encodeUtf8: (text) => {
            calls++;
            return Buffer.from(text, 'utf8');
          },
        }),
        path,
        body,
      );
      expect(encoded.status).toBe(200);
      const expected = new Uint8Array(await plain.arrayBuffer());
      expect(expected.byteLength).toBeGreaterThan(100);
      expect(new Uint8Array(await encoded.arrayBuffer())).toEqual(expected);
      expect(calls).toBeGreaterThan(0);
    });
  }
});

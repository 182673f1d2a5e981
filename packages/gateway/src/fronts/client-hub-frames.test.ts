/// <reference types="node" />
/**
 * The Responses and Messages streams with the hub frames passed as objects (the bridge's `onFrames` into the client
 * front's `pushFrames`, what the gateway does for fronts with `readsHubFrames`) give exactly what the byte path
 * gives (the bridge's OpenAI SSE bytes into the front's `push`): the same client bytes and the same warnings (and for
 * Responses the same final Response). For every streamed Anthropic and Gemini fixture (recorded streams, mid-stream
 * errors and truncations among them), with the upstream bytes split at arbitrary points. The fixture cases of
 * `fixtures/responses/` and `fixtures/messages/` check the gateway's output itself against reviewed expectations.
 */
import type { FixtureCase } from '@interlingua/conformance';
import { createCaseEnvironment, fixturesRoot, loadFixtureCases } from '@interlingua/conformance/node';
import type { ChatCompletionRequest, OpenAIStreamFrame } from '@interlingua/openai-schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BRIDGES } from '../handle-translated-request.js';
import type { ClientFront } from './client-front.js';
import { messagesFront } from './messages-front.js';
import { createResponsesFront } from './responses-front.js';

const FRONTS: Array<{ name: string; front: ClientFront; request: (model: string) => unknown }> = [
  { name: 'responses', front: createResponsesFront({ strict: false }), request: (model) => ({ model, input: 'hi', stream: true, store: false }) },
  { name: 'messages', front: messagesFront, request: (model) => ({ model, max_tokens: 64, messages: [{ role: 'user', content: 'hi' }], stream: true }) },
];

const streams = loadFixtureCases(fixturesRoot()).filter(
  (c): c is FixtureCase & { upstreamResponse: { kind: 'sse'; text: string } } =>
    (c.provider === 'anthropic' || c.provider === 'gemini') && c.client === undefined && c.upstreamResponse?.kind === 'sse',
);

const utf8 = new TextEncoder();
const decode = (parts: Uint8Array[]): string => {
  const decoder = new TextDecoder();
  return parts.map((part) => decoder.decode(part, { stream: true })).join('') + decoder.decode();
};

async function upstreamContext(fixtureCase: FixtureCase): Promise<unknown> {
  const bridge = BRIDGES[fixtureCase.provider as 'anthropic' | 'gemini'];
  const mapped = await bridge.mapRequest(fixtureCase.request as ChatCompletionRequest, { strict: false });
  if (!mapped.ok) throw new Error(`${fixtureCase.id}: the request did not map`);
  return mapped.upstream.context;
}

const NO_HEADERS = { method: 'POST', path: '/', header: () => null, body: null, signal: new AbortController().signal };

/** The upstream bytes through the bridge and the front's stream transcoder, by bytes or by frames. */
async function run(fixtureCase: FixtureCase, client: (typeof FRONTS)[number], context: unknown, pieces: Uint8Array[], path: 'bytes' | 'frames') {
  const bridge = BRIDGES[fixtureCase.provider as 'anthropic' | 'gemini'];
  const environment = createCaseEnvironment(fixtureCase);
  const mapped = await client.front.toChatRequest(client.request(String((fixtureCase.request as { model: string }).model)), NO_HEADERS);
  if (!mapped.ok) throw new Error(`the ${client.name} request did not map`);
  const responses = client.front.createStreamTranscoder!(mapped.context, environment);
  const frames: OpenAIStreamFrame[] = [];
  const hub = bridge.createTranscoder(context, environment, {
    maxEventBytes: 16 * 1024 * 1024,
    ...(path === 'frames' ? { onFrames: (delivered: readonly OpenAIStreamFrame[]) => void frames.push(...delivered) } : {}),
  });
  const out: Uint8Array[] = [];
  const seen = { frames: 0, hubBytes: 0 };
  const forward = (bytes: Uint8Array): void => {
    seen.hubBytes += bytes.byteLength;
    seen.frames += frames.length;
    if (frames.length) {
      out.push(responses.pushFrames!(frames));
      frames.length = 0;
    }
    if (bytes.byteLength) out.push(responses.push(bytes));
  };
  for (const piece of pieces) {
    if (hub.settled) break;
    forward(hub.push(piece));
  }
  if (!hub.settled) forward(hub.end());
  out.push(responses.end());
  return { seen, result: { text: decode(out), warnings: [...(hub.warnings ?? []), ...(responses.warnings ?? [])] } };
}

describe('client streams: hub frames as objects equal the byte path', () => {
  it('has streams of both providers', () => {
    expect(streams.filter((c) => c.provider === 'anthropic').length).toBeGreaterThan(10);
    expect(streams.filter((c) => c.provider === 'gemini').length).toBeGreaterThan(10);
  });

  it('the fronts that read frames say so', () => {
    for (const { front } of FRONTS) expect(front.readsHubFrames).toBe(true);
  });

  for (const fixtureCase of streams) for (const client of FRONTS) {
    it(`${client.name}: ${fixtureCase.id}`, async () => {
      const context = await upstreamContext(fixtureCase);
      const whole = [utf8.encode(fixtureCase.upstreamResponse.text)];
      const { result: bytes, seen: byBytes } = await run(fixtureCase, client, context, whole, 'bytes');
      expect(bytes.text).toMatch(client.name === 'responses' ? /event: response\.(completed|incomplete|failed)\n/ : /event: (message_stop|error)\n/);
      expect(byBytes.frames).toBe(0);
      const { result: frames, seen: byFrames } = await run(fixtureCase, client, context, whole, 'frames');
      // The frames path really ran: objects delivered, no hub bytes made.
      expect(byFrames.frames).toBeGreaterThan(0);
      expect(byFrames.hubBytes).toBe(0);
      expect(frames).toEqual(bytes);
      // The upstream split anywhere: still the same bytes as the byte path on the whole stream.
      const all = whole[0]!;
      await fc.assert(
        fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, all.byteLength - 1) }), { maxLength: 12 }), async (cuts) => {
          const points = [0, ...cuts.sort((a, b) => a - b), all.byteLength];
          const pieces = points.slice(1).map((end, i) => all.subarray(points[i], end));
          expect((await run(fixtureCase, client, context, pieces, 'frames')).result).toEqual(bytes);
        }),
        { numRuns: 10 },
      );
    });
  }
});

/// <reference types="node" />
/**
 * The Responses stream with the hub frames passed as objects (the bridge's `onFrames` into the Responses
 * transcoder's `pushFrames`, what the gateway does) gives exactly what the byte path gives (the bridge's OpenAI SSE
 * bytes into the transcoder's `push`): the same Responses bytes, the same final Response, the same warnings. For
 * every streamed Anthropic and Gemini fixture (recorded streams, mid-stream errors and truncations among them),
 * with the upstream bytes split at arbitrary points; and through the gateway for a recorded stream whose expected
 * Responses events are reviewed in `fixtures/responses/`.
 */
import type { FixtureCase } from '@interlingua/conformance';
import { createCaseEnvironment, fixturesRoot, loadFixtureCases } from '@interlingua/conformance/node';
import type { ChatCompletionRequest, OpenAIStreamFrame } from '@interlingua/openai-schema';
import { convertResponsesRequestToChat, identifyResponse } from '@interlingua/responses-mapper';
import { createResponsesTranscoder } from '@interlingua/responses-transducer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BRIDGES } from '../handle-translated-request.js';

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

/** The upstream bytes through the bridge and the Responses transcoder, by bytes or by frames. */
function run(fixtureCase: FixtureCase, context: unknown, pieces: Uint8Array[], path: 'bytes' | 'frames') {
  const bridge = BRIDGES[fixtureCase.provider as 'anthropic' | 'gemini'];
  const environment = createCaseEnvironment(fixtureCase);
  const mapped = convertResponsesRequestToChat({ model: String((fixtureCase.request as { model: string }).model), input: 'hi', stream: true }, { environment });
  if (!mapped.ok) throw new Error('the Responses request did not map');
  const responses = createResponsesTranscoder(identifyResponse(mapped.context, environment), environment);
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
      out.push(responses.pushFrames(frames));
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
  return { seen, result: { text: decode(out), response: responses.response, warnings: [...(hub.warnings ?? []), ...responses.warnings] } };
}

describe('Responses streams: hub frames as objects equal the byte path', () => {
  it('has streams of both providers', () => {
    expect(streams.filter((c) => c.provider === 'anthropic').length).toBeGreaterThan(10);
    expect(streams.filter((c) => c.provider === 'gemini').length).toBeGreaterThan(10);
  });

  for (const fixtureCase of streams) {
    it(fixtureCase.id, async () => {
      const context = await upstreamContext(fixtureCase);
      const whole = [utf8.encode(fixtureCase.upstreamResponse.text)];
      const { result: bytes, seen: byBytes } = run(fixtureCase, context, whole, 'bytes');
      expect(bytes.text).toMatch(/event: response\.(completed|incomplete|failed)\n/);
      expect(byBytes.frames).toBe(0);
      const { result: frames, seen: byFrames } = run(fixtureCase, context, whole, 'frames');
      // The frames path really ran: objects delivered, no hub bytes made.
      expect(byFrames.frames).toBeGreaterThan(0);
      expect(byFrames.hubBytes).toBe(0);
      expect(frames).toEqual(bytes);
      // The upstream split anywhere: still the same bytes as the byte path on the whole stream.
      const all = whole[0]!;
      fc.assert(
        fc.property(fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, all.byteLength - 1) }), { maxLength: 12 }), (cuts) => {
          const points = [0, ...cuts.sort((a, b) => a - b), all.byteLength];
          const pieces = points.slice(1).map((end, i) => all.subarray(points[i], end));
          expect(run(fixtureCase, context, pieces, 'frames').result).toEqual(bytes);
        }),
        { numRuns: 15 },
      );
    });
  }
});

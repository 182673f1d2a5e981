import { findSecrets } from '@interlingua/conformance/node';
import { createSseDecoder, formatSseEvent, type SseEvent } from '@interlingua/sse';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkReply,
  fixtureCases,
  FUZZ_RUNS,
  FUZZ_SEED,
  FUZZ_TIMEOUT_MS,
  fuzzGateway,
  internalErrors,
  jsonMutationArbitrary,
  MODEL,
  mutateJson,
  post,
  PROVIDERS,
  reportRun,
  SECRETS,
  type Provider,
} from './fuzz-support.js';

// Property: whatever bytes an upstream sends, split however the network splits them, the client gets valid chunks
// ending with [DONE] or with one error payload (and, without stream, a valid completion or an OpenAI error).
// The inputs are the recorded and synthetic fixture replies, mutated: events dropped, duplicated, reordered,
// truncated and corrupted, unknown events inserted, and the bytes split at random points.

interface Recording {
  request: Record<string, unknown>;
  events: SseEvent[];
  crlf: boolean;
}

function streamRecordings(provider: Provider): Recording[] {
  return fixtureCases()
    .filter((fixture) => fixture.provider === provider && fixture.upstreamResponse?.kind === 'sse')
    .map((fixture) => {
      const events: SseEvent[] = [];
      const decoder = createSseDecoder((decoded) => events.push(decoded));
      const text = (fixture.upstreamResponse as { text: string }).text;
      decoder.push(text);
      decoder.end();
      return { request: { ...(fixture.request as Record<string, unknown>), model: MODEL[provider], stream: true }, events, crlf: text.includes('\r\n') };
    })
    .filter((recording) => recording.events.length > 0);
}

function jsonRecordings(provider: Provider): { request: Record<string, unknown>; body: unknown }[] {
  return fixtureCases()
    .filter((fixture) => fixture.provider === provider && fixture.upstreamResponse?.kind === 'json')
    .map((fixture) => fixture.upstreamResponse as { kind: 'json'; response: { status: number; body: unknown } })
    .filter((reply) => reply.response.status === 200)
    .map((reply) => reply.response.body)
    .flatMap((body) => [{ request: { model: MODEL[provider], messages: [{ role: 'user', content: 'Hi' }] }, body }]);
}

type EventMutation =
  | { op: 'drop' | 'duplicate'; at: number }
  | { op: 'swap'; at: number; with: number }
  | { op: 'corrupt-data'; at: number; position: number; insert: string }
  | { op: 'replace-data'; at: number; data: string }
  | { op: 'mutate-json'; at: number; mutations: fc.JsonValue[] | unknown[] }
  | { op: 'unknown-event'; at: number; name: string };

const eventMutation: fc.Arbitrary<EventMutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('drop' as const, 'duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ op: fc.constant('corrupt-data' as const), at: fc.nat(), position: fc.nat(), insert: fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('"', '}', '\n', '\r\n\r\n', '\u0000', '\ud800', 'data: ')) }),
  fc.record({ op: fc.constant('replace-data' as const), at: fc.nat(), data: fc.oneof(fc.string(), fc.json({ maxDepth: 2 }), fc.constantFrom('[DONE]', '', '{}', 'null')) }),
  fc.record({ op: fc.constant('mutate-json' as const), at: fc.nat(), mutations: fc.array(jsonMutationArbitrary, { minLength: 1, maxLength: 3 }) }),
  fc.record({ op: fc.constant('unknown-event' as const), at: fc.nat(), name: fc.stringMatching(/^[a-z_]{1,12}$/) }),
);

function applyEventMutations(events: readonly SseEvent[], mutations: readonly EventMutation[]): SseEvent[] {
  const list = events.map((event) => ({ ...event }));
  for (const mutation of mutations) {
    if (list.length === 0) break;
    const at = mutation.at % list.length;
    switch (mutation.op) {
      case 'drop':
        list.splice(at, 1);
        break;
      case 'duplicate':
        list.splice(at, 0, { ...list[at]! });
        break;
      case 'swap': {
        const other = mutation.with % list.length;
        [list[at], list[other]] = [list[other]!, list[at]!];
        break;
      }
      case 'corrupt-data': {
        const data = list[at]!.data;
        const position = mutation.position % (data.length + 1);
        list[at] = { ...list[at]!, data: data.slice(0, position) + mutation.insert + data.slice(position + 1) };
        break;
      }
      case 'replace-data':
        list[at] = { ...list[at]!, data: mutation.data };
        break;
      case 'mutate-json': {
        let parsed: unknown;
        try {
          parsed = JSON.parse(list[at]!.data);
        } catch {
          break;
        }
        list[at] = { ...list[at]!, data: JSON.stringify(mutateJson(parsed, mutation.mutations as never)) ?? 'null' };
        break;
      }
      case 'unknown-event':
        list.splice(at, 0, { event: mutation.name, data: JSON.stringify({ type: mutation.name, value: 1 }) });
        break;
    }
  }
  return list;
}

/** `arbitrary` once in `oneIn` runs, null otherwise. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, oneIn: number) =>
  fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });

/** The upstream bytes: the mutated events re-framed, maybe truncated, maybe with a corrupted byte, split at random. */
const streamInput = (recordings: Recording[]) =>
  fc
    .record({
      recording: fc.constantFrom(...recordings),
      mutations: fc.oneof({ weight: 1, arbitrary: fc.constant([]) }, { weight: 3, arbitrary: fc.array(eventMutation, { minLength: 1, maxLength: 4 }) }),
      truncateAt: sometimes(fc.double({ min: 0, max: 1, noNaN: true }), 4),
      flipByte: sometimes(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), 6),
      splits: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }),
      raw: sometimes(fc.uint8Array({ maxLength: 300 }), 20),
    })
    .map(({ recording, mutations, truncateAt, flipByte, splits, raw }) => {
      let bytes: Uint8Array;
      if (raw) bytes = raw;
      else {
        let text = applyEventMutations(recording.events, mutations)
          .map((event) => formatSseEvent(event))
          .join('');
        if (recording.crlf) text = text.replace(/\n/g, '\r\n');
        bytes = new TextEncoder().encode(text);
        if (truncateAt !== null) bytes = bytes.subarray(0, Math.floor(bytes.length * truncateAt));
        if (flipByte !== null && bytes.length) {
          bytes = bytes.slice();
          bytes[Math.floor(flipByte[0] * (bytes.length - 1))] = flipByte[1];
        }
      }
      const cuts = [...new Set(splits.map((split) => Math.floor(split * bytes.length)))].sort((a, b) => a - b);
      const chunks: Uint8Array[] = [];
      let start = 0;
      for (const cut of [...cuts, bytes.length]) {
        if (cut > start) chunks.push(bytes.subarray(start, cut));
        start = Math.max(start, cut);
      }
      return { request: recording.request, chunks };
    });

function fetchReplying(chunks: readonly Uint8Array[], status = 200): typeof fetch {
  return (async () =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(chunk);
          controller.close();
        },
      }),
      { status, headers: { 'content-type': 'text/event-stream' } },
    )) as unknown as typeof fetch;
}

/** Keeps the recordings whose client request the gateway accepts (some fixtures hold requests it refuses). */
async function acceptedRequests<T extends { request: Record<string, unknown> }>(recordings: T[], reply: (recording: T) => Uint8Array[]): Promise<T[]> {
  const kept: T[] = [];
  for (const recording of recordings) {
    const { gateway } = fuzzGateway(fetchReplying(reply(recording)));
    const response = await gateway(post(JSON.stringify(recording.request)));
    await response.body?.cancel();
    if (response.status === 200) kept.push(recording);
  }
  return kept;
}

describe.each(PROVIDERS)('fuzzed upstream replies ← %s', (provider) => {
  it(
    `every upstream byte stream becomes valid chunks ending with [DONE] or an error payload (${FUZZ_RUNS} runs)`,
    async () => {
      const recordings = await acceptedRequests(streamRecordings(provider), (recording) => [
        new TextEncoder().encode(recording.events.map((event) => formatSseEvent(event)).join('')),
      ]);
      expect(recordings.length).toBeGreaterThan(3);
      let current: readonly Uint8Array[] = [];
      const { gateway, logs } = fuzzGateway(((...args: Parameters<typeof fetch>) => fetchReplying(current)(...args)) as typeof fetch);
      const texts: string[] = [];
      const endings = { done: 0, error: 0 };
      const started = Date.now();
      await fc.assert(
        fc.asyncProperty(streamInput(recordings), async ({ request, chunks }) => {
          current = chunks;
          const response = await gateway(post(JSON.stringify(request)));
          expect(response.status).toBe(200);
          const { problems, text } = await checkReply(response);
          if (text.endsWith('data: [DONE]\n\n')) endings.done++;
          else endings.error++;
          if (texts.length < 2000) texts.push(text);
          expect(problems).toEqual([]);
        }),
        { numRuns: FUZZ_RUNS, ...(FUZZ_SEED === undefined ? {} : { seed: FUZZ_SEED }) },
      );
      reportRun(`upstream streams ${provider} (${JSON.stringify(endings)})`, FUZZ_RUNS, started);
      expect(internalErrors(logs)).toEqual([]);
      expect(findSecrets([...texts, ...logs.map((line) => JSON.stringify(line))], SECRETS)).toEqual([]);
      // Both endings are reached: the mutations are neither all harmless nor all fatal.
      expect(endings.done).toBeGreaterThan(0);
      expect(endings.error).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    `every mutated non-stream upstream body becomes a valid completion or an OpenAI error (${FUZZ_RUNS} runs)`,
    async () => {
      const recordings = jsonRecordings(provider);
      expect(recordings.length).toBeGreaterThan(3);
      let current: readonly Uint8Array[] = [];
      const { gateway, logs } = fuzzGateway(((...args: Parameters<typeof fetch>) => fetchReplying(current)(...args)) as typeof fetch);
      const started = Date.now();
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...recordings),
          fc.array(jsonMutationArbitrary, { maxLength: 4 }),
          sometimes(fc.double({ min: 0, max: 1, noNaN: true }), 4),
          async ({ request, body }, mutations, truncateAt) => {
            let text = JSON.stringify(mutateJson(body, mutations)) ?? 'null';
            if (truncateAt !== null) text = text.slice(0, Math.floor(text.length * truncateAt));
            current = [new TextEncoder().encode(text)];
            const response = await gateway(post(JSON.stringify(request)));
            expect((await checkReply(response)).problems).toEqual([]);
          },
        ),
        { numRuns: FUZZ_RUNS, ...(FUZZ_SEED === undefined ? {} : { seed: FUZZ_SEED }) },
      );
      reportRun(`upstream bodies ${provider}`, FUZZ_RUNS, started);
      expect(internalErrors(logs)).toEqual([]);
    },
    FUZZ_TIMEOUT_MS,
  );
});

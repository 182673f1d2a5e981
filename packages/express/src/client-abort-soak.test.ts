/// <reference types="node" />
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { appendFileSync } from 'node:fs';
import { createFaultyUpstream, findSecrets, type FaultyReplyStep, type FaultyUpstream, type LoopbackServer } from '@interlingua/conformance/node';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInterlinguaRouter } from './create-interlingua-router.js';

// Client-abort soak: many streams through Express, each aborted by its client at a random point (before the
// headers, after them, mid-stream). Every upstream request must be aborted in turn, no socket may stay open, no
// stream slot may leak, and the heap must come back near its baseline. CI runs INTERLINGUA_SOAK_STREAMS (default
// 1,000); `pnpm fuzz` runs 10,000.
const STREAMS = Number(process.env.INTERLINGUA_SOAK_STREAMS ?? 1000);
const CLIENT_CONCURRENCY = 32;
const MAX_CONCURRENT_STREAMS = 48;
const UPSTREAM_KEY = 'sk-ant-soak-secret-0123456789';

const event = (type: string, data: unknown) => `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
const HEAD =
  event('message_start', {
    type: 'message_start',
    message: { id: 'msg_soak', type: 'message', role: 'assistant', model: 'claude-3-5-haiku', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } },
  }) + event('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
// A long answer: a delta every 5 ms for 2,000 deltas (10 s), far longer than any client here waits.
const STEPS: FaultyReplyStep[] = [{ write: HEAD }];
for (let index = 0; index < 2000; index++) {
  STEPS.push({ wait: 5 }, { write: event('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: `word${index} ` } }) });
}

let upstream: FaultyUpstream;
let gateway: LoopbackServer;
const logs: string[] = [];

beforeAll(async () => {
  upstream = await createFaultyUpstream(() => ({ headers: { 'content-type': 'text/event-stream' }, steps: STEPS }));
  const app = express();
  app.use(
    createInterlinguaRouter({
      upstreams: { anthropic: { apiKey: UPSTREAM_KEY, baseUrl: upstream.url } },
      prefixes: [{ prefix: 'claude', upstream: 'anthropic' }],
      limits: { maxConcurrentStreams: MAX_CONCURRENT_STREAMS },
      log: (line) => {
        if (logs.length < 5000) logs.push(JSON.stringify(line));
      },
    }),
  );
  gateway = await new Promise<LoopbackServer>((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        server: server as unknown as LoopbackServer['server'],
        close: () => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }),
      });
    });
  });
});

afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
});

function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const BODY = JSON.stringify({ model: 'claude-3-5-haiku', messages: [{ role: 'user', content: 'Tell me a long story' }], stream: true });

/** One stream, aborted by its client after `waitMs` and after reading up to `chunks` chunks. Returns the status seen. */
async function abortedStream(waitMs: number, chunks: number): Promise<number | 'aborted-before-headers'> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), waitMs);
  try {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: BODY,
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    for (let index = 0; index < chunks; index++) {
      const { done } = await reader.read();
      if (done) break;
    }
    controller.abort();
    await reader.cancel().catch(() => {});
    return response.status;
  } catch {
    return 'aborted-before-headers';
  } finally {
    clearTimeout(timer);
  }
}

async function runStreams(count: number, random: () => number): Promise<Map<string, number>> {
  const outcomes = new Map<string, number>();
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENT_CONCURRENCY }, async () => {
      while (next < count) {
        next++;
        // One in five aborts within 20 ms (before the gateway answers, often before it calls the upstream); the others
        // after reading 1 to 8 chunks (mid-stream), with a 10 s safety timer.
        const early = random() < 0.2;
        const outcome = String(await abortedStream(early ? Math.floor(random() * 20) : 10_000, early ? 8 : 1 + Math.floor(random() * 8)));
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }
    }),
  );
  return outcomes;
}

/** A small deterministic generator (mulberry32), so a failing run can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

describe('client aborts', () => {
  it(
    `${STREAMS} streams aborted at random points: every upstream request aborted, no socket or slot leaked, heap bounded`,
    async () => {
      const random = seeded(Number(process.env.INTERLINGUA_SOAK_SEED ?? 20251011));
      // Warm up (JIT, connection pools, module caches), then take the baseline.
      await runStreams(200, random);
      await upstream.settled(30_000);
      collectGarbage();
      const baseline = process.memoryUsage().heapUsed;
      const before = { ...upstream.stats };
      const started = Date.now();

      const outcomes = await runStreams(STREAMS, random);
      await upstream.settled(60_000);
      const seconds = (Date.now() - started) / 1000;
      collectGarbage();
      const growth = process.memoryUsage().heapUsed - baseline;

      const requests = upstream.stats.requests - before.requests;
      const aborted = upstream.stats.abortedByClient - before.abortedByClient;
      const summary = { streams: STREAMS, seconds, upstreamRequests: requests, upstreamAborted: aborted, heapGrowthMiB: Math.round((growth / 1048576) * 10) / 10, outcomes: Object.fromEntries(outcomes) };
      console.log(`[soak] ${JSON.stringify(summary)}`);
      if (process.env.INTERLINGUA_FUZZ_SUMMARY) appendFileSync(process.env.INTERLINGUA_FUZZ_SUMMARY, JSON.stringify({ property: 'client-abort soak', ...summary }) + '\n');

      // No stream was refused for lack of slots: every finished stream gave its slot back.
      expect(outcomes.get('429') ?? 0).toBe(0);
      // Every request that reached the upstream was aborted by the gateway, none ran to its end.
      expect(requests).toBeGreaterThan(STREAMS / 2);
      expect(outcomes.get('200') ?? 0).toBeGreaterThan(STREAMS / 2);
      expect(aborted).toBe(requests);
      expect(upstream.stats.completed).toBe(0);
      expect(upstream.stats.openConnections).toBe(0);
      // Bounded: a leak of even 10 KiB per stream would show at these counts.
      expect(growth).toBeLessThan(32 * 1024 * 1024);
    },
    600_000,
  );

  it('frees every stream slot: the full limit of streams can be open at once afterwards', async () => {
    const controllers = Array.from({ length: MAX_CONCURRENT_STREAMS }, () => new AbortController());
    const responses = await Promise.all(
      controllers.map((controller) =>
        fetch(`${gateway.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY, signal: controller.signal }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(responses.map(() => 200));
    const refused = await fetch(`${gateway.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY });
    expect(refused.status).toBe(429);
    logs.push(await refused.text());
    for (const controller of controllers) controller.abort();
    await upstream.settled(30_000);
    expect(upstream.stats.openConnections).toBe(0);
  });

  it('logged no upstream key', () => {
    expect(logs.length).toBeGreaterThan(0);
    expect(findSecrets(logs, [UPSTREAM_KEY])).toEqual([]);
  });
});

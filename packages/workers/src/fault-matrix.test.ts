/// <reference types="node" />
import {
  checkFaultOutcome,
  createFaultScenarios,
  createFaultyUpstream,
  createOpenAISpecValidator,
  FAULT_GATEWAY_LIMITS,
  faultScenarioRequest,
  findSecrets,
  planFaultScenario,
  reserveRefusedUrl,
  type FaultyUpstream,
} from '@interlingua/conformance/node';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type StartedWorker } from '../test/start-worker.js';

// The fault matrix through the Worker in workerd (miniflare): the same faults, providers, stream and non-stream as
// through Express, with the same defined client outcomes. Everything the Worker answers or prints is kept for the
// secret check at the end.
const ANTHROPIC_KEY = 'sk-ant-workers-fault-secret-0123456789';
const GEMINI_KEY = 'AIza-workers-fault-secret-0123456789';
const scenarios = createFaultScenarios();
const validator = createOpenAISpecValidator();
const collected: string[] = [];

let upstream: FaultyUpstream;
const workers: StartedWorker[] = [];
let baseUrl = '';
let refusedBaseUrl = '';

async function startFaultWorker(upstreamUrl: string): Promise<string> {
  const collect = (stream: Readable) => stream.on('data', (chunk: Buffer) => collected.push(chunk.toString('utf8')));
  const worker = await startWorker({
    bindings: {
      ANTHROPIC_API_KEY: ANTHROPIC_KEY,
      ANTHROPIC_BASE_URL: upstreamUrl,
      GEMINI_API_KEY: GEMINI_KEY,
      GEMINI_BASE_URL: upstreamUrl,
      INTERLINGUA_CONFIG: JSON.stringify({ limits: FAULT_GATEWAY_LIMITS }),
    },
    handleRuntimeStdio(stdout: Readable, stderr: Readable) {
      collect(stdout);
      collect(stderr);
    },
  });
  workers.push(worker);
  return worker.baseURL.replace(/\/v1$/, '');
}

beforeAll(async () => {
  upstream = await createFaultyUpstream((request) => planFaultScenario(request, scenarios));
  baseUrl = await startFaultWorker(upstream.url);
  refusedBaseUrl = await startFaultWorker(await reserveRefusedUrl());
}, 120_000);

afterAll(async () => {
  for (const worker of workers) await worker.dispose();
  await upstream?.close();
});

describe.concurrent('fault matrix through the Worker', () => {
  it.each(scenarios.map((scenario) => [scenario.name, scenario] as const))('%s', async (_name, scenario) => {
    const base = scenario.plan === 'refused' ? refusedBaseUrl : baseUrl;
    const response = await fetch(`${base}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(faultScenarioRequest(scenario, scenarios)),
    });
    const text = await response.text();
    collected.push(text, JSON.stringify([...response.headers]));
    expect(checkFaultOutcome(scenario, { status: response.status, headers: response.headers, text }, validator)).toEqual([]);
  });
});

describe('after the matrix', () => {
  it('aborted every stalled upstream request and left no connection open', async () => {
    await upstream.settled(20_000);
    const stalled = scenarios.filter((scenario) => scenario.fault.startsWith('stall')).length;
    expect(upstream.stats.abortedByClient).toBeGreaterThanOrEqual(stalled);
    expect(upstream.stats.openConnections).toBe(0);
  });

  it('never showed an upstream key to the client or in its output', () => {
    expect(collected.some((text) => text.includes('"path":"/v1/chat/completions"'))).toBe(true);
    expect(findSecrets(collected, [ANTHROPIC_KEY, GEMINI_KEY])).toEqual([]);
  });
});

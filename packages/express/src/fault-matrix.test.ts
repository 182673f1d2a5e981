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
  type LoopbackServer,
} from '@interlingua/conformance/node';
import type { GatewayOptions } from '@interlingua/gateway';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInterlinguaRouter } from './create-interlingua-router.js';

// The fault matrix through Express: every fault of the faulty upstream, both providers, stream and non-stream, each
// with its defined client outcome. Everything the gateway answers or logs is kept for the secret check at the end.
const ANTHROPIC_KEY = 'sk-ant-fault-matrix-secret-0123456789';
const GEMINI_KEY = 'AIza-fault-matrix-secret-0123456789';
const scenarios = createFaultScenarios();
const validator = createOpenAISpecValidator();
const collected: string[] = [];

let upstream: FaultyUpstream;
let gateway: LoopbackServer;
let refusedGateway: LoopbackServer;

async function listen(options: GatewayOptions): Promise<LoopbackServer> {
  const app = express();
  app.use(createInterlinguaRouter(options));
  return new Promise<LoopbackServer>((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        server: server as unknown as LoopbackServer['server'],
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

function gatewayOptions(baseUrl: string): GatewayOptions {
  return {
    upstreams: { anthropic: { apiKey: ANTHROPIC_KEY, baseUrl }, gemini: { apiKey: GEMINI_KEY, baseUrl } },
    prefixes: [
      { prefix: 'claude', upstream: 'anthropic' },
      { prefix: 'gemini', upstream: 'gemini' },
    ],
    limits: FAULT_GATEWAY_LIMITS,
    log: (line) => collected.push(JSON.stringify(line)),
  };
}

beforeAll(async () => {
  upstream = await createFaultyUpstream((request) => planFaultScenario(request, scenarios));
  gateway = await listen(gatewayOptions(upstream.url));
  refusedGateway = await listen(gatewayOptions(await reserveRefusedUrl()));
});

afterAll(async () => {
  await gateway?.close();
  await refusedGateway?.close();
  await upstream?.close();
});

describe.concurrent('fault matrix through Express', () => {
  it.each(scenarios.map((scenario) => [scenario.name, scenario] as const))('%s', async (_name, scenario) => {
    const base = scenario.plan === 'refused' ? refusedGateway.url : gateway.url;
    const response = await fetch(`${base}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer client-key' },
      body: JSON.stringify(faultScenarioRequest(scenario, scenarios)),
    });
    const text = await response.text();
    collected.push(text, JSON.stringify([...response.headers]));
    expect(checkFaultOutcome(scenario, { status: response.status, headers: response.headers, text }, validator)).toEqual([]);
  });
});

describe('after the matrix', () => {
  it('aborted every stalled upstream request and left no connection open', async () => {
    await upstream.settled(15_000);
    const stalled = scenarios.filter((scenario) => scenario.fault.startsWith('stall')).length;
    expect(upstream.stats.abortedByClient).toBeGreaterThanOrEqual(stalled);
    expect(upstream.stats.openConnections).toBe(0);
  });

  it('never showed an upstream key to the client or the log', () => {
    expect(collected.length).toBeGreaterThan(scenarios.length);
    expect(findSecrets(collected, [ANTHROPIC_KEY, GEMINI_KEY])).toEqual([]);
  });
});

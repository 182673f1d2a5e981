/// <reference types="node" />
import type { Server } from 'node:http';
import { fixturesRoot, loadFixtureCases } from '@interlingua/conformance/node';
import { formatConformanceReport, interlinguaGatewayConfig, runConformance, startMockUpstream, type MockUpstream } from '@interlingua/conformance/runner';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInterlinguaRouter } from './create-interlingua-router.js';

// The conformance kit's black-box runner on the Responses API cases (fixtures/responses/, POST /v1/responses) and the
// Messages API cases (fixtures/messages/, POST /v1/messages): every case through HTTP to the Express adapter, the
// kit's mock upstream on 127.0.0.1 as every provider.
const CLIENTS = [
  { client: 'responses', cases: loadFixtureCases(fixturesRoot(), { client: 'responses' }) },
  { client: 'messages', cases: loadFixtureCases(fixturesRoot(), { client: 'messages' }) },
] as const;
let mock: MockUpstream;
let server: Server | undefined;
let gatewayUrl: string;

beforeAll(async () => {
  mock = await startMockUpstream();
  const app = express();
  app.use(createInterlinguaRouter({ ...interlinguaGatewayConfig(mock.url, CLIENTS.flatMap(({ cases }) => cases)), log: () => {} }));
  gatewayUrl = await new Promise((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server!.address() as { port: number }).port}/v1`));
  });
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await mock?.close();
});

describe.each(CLIENTS)('the conformance kit on the $client API cases against the Express adapter', ({ client, cases }) => {
  it('scores 100% on every case', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(9);
    const report = await runConformance({ gatewayUrl, mock, cases, label: `interlingua (express, /v1/${client})` });
    if (report.total.score < 1) console.log(formatConformanceReport(report, { failuresOnly: true }));
    expect(report.cases.filter((result) => result.status !== 'pass').map((result) => [result.id, result.reasons])).toEqual([]);
    expect(report.total).toEqual({ passed: cases.length, failed: 0, skipped: 0, total: cases.length, score: 1 });
  }, 120_000);
});

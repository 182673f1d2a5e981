/// <reference types="node" />
import { writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { fixturesRoot, loadFixtureCases } from '@interlingua/conformance/node';
import { formatConformanceReport, interlinguaGatewayConfig, runConformance, startMockUpstream, type MockUpstream } from '@interlingua/conformance/runner';
import type { GatewayOptions } from '@interlingua/gateway';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInterlinguaRouter } from './create-interlingua-router.js';

// The conformance kit's black-box runner against the Express adapter: every case, through HTTP, with the kit's mock
// upstream on 127.0.0.1 as every provider.
const cases = loadFixtureCases(fixturesRoot());
let mock: MockUpstream;
const servers: Server[] = [];

/**
 * The gateway's SSRF-guarded resolver refuses loopback addresses, and the kit serves case media from its loopback mock,
 * so this test gives the gateway a plain resolver (the guard has its own tests in the gateway package).
 */
const resolveMedia: GatewayOptions['resolveMedia'] = async (url) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`media ${url}: ${response.status}`);
  return { mimeType: response.headers.get('content-type') ?? 'application/octet-stream', data: Buffer.from(await response.arrayBuffer()).toString('base64') };
};

async function serveGateway(strict: boolean, fetchesImages: boolean): Promise<string> {
  const app = express();
  app.use(createInterlinguaRouter({ ...interlinguaGatewayConfig(mock.url, cases, { strict }), ...(fetchesImages ? { resolveMedia } : {}), log: () => {} }));
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      servers.push(server);
      resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}/v1`);
    });
  });
}

let gatewayUrl: string;
let strictGatewayUrl: string;
let imageFetchingGatewayUrl: string;
/** Cases that list media need a gateway that fetches images; the others show what happens without one. */
const gatewayUrlFor = (fixtureCase: (typeof cases)[number]) => (fixtureCase.description.options?.media ? imageFetchingGatewayUrl : undefined);

beforeAll(async () => {
  mock = await startMockUpstream();
  gatewayUrl = await serveGateway(false, false);
  strictGatewayUrl = await serveGateway(true, false);
  imageFetchingGatewayUrl = await serveGateway(false, true);
});

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await mock?.close();
});

describe('the conformance kit against the Express adapter', () => {
  it.each([
    { strictStreams: false, extensions: false },
    { strictStreams: true, extensions: true },
  ])('scores 100%% on every case (%o)', async (mode) => {
    const report = await runConformance({ gatewayUrl, strictGatewayUrl, gatewayUrlFor, mock, cases, label: 'interlingua (express)', ...mode });
    if (report.total.score < 1) console.log(formatConformanceReport(report, { failuresOnly: true }));
    // scripts/conformance/score-portkey.mjs sets this to collect the reports for CONFORMANCE.md.
    const resultsDir = process.env.CONFORMANCE_RESULTS_DIR;
    if (resultsDir) writeFileSync(`${resultsDir}/interlingua-express${mode.strictStreams ? '-strict' : ''}.json`, JSON.stringify(report, null, 2) + '\n');
    expect(report.cases.filter((result) => result.status !== 'pass').map((result) => result.id)).toEqual([]);
    expect(report.total).toEqual({ passed: cases.length, failed: 0, skipped: 0, total: cases.length, score: 1 });
    expect(report.categories.every((category) => category.score === 1)).toBe(true);
  }, 120_000);
});

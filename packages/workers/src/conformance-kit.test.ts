/// <reference types="node" />
import { writeFileSync } from 'node:fs';
import { fixturesRoot, loadFixtureCases } from '@interlingua/conformance/node';
import { formatConformanceReport, interlinguaGatewayConfig, runConformance, startMockUpstream, type MockUpstream } from '@interlingua/conformance/runner';
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type StartedWorker } from '../test/start-worker.js';

// The conformance kit's black-box runner against the Worker in workerd (miniflare): every case over HTTP, with the
// kit's mock upstream on 127.0.0.1 as every provider. The gateway config reaches the Worker as INTERLINGUA_CONFIG.
const cases = loadFixtureCases(fixturesRoot());
let mock: MockUpstream;
const instances: StartedWorker[] = [];

/**
 * The Worker bundled like scripts/bundle-worker.mjs, from an entry that adds a media resolver: the kit serves case
 * media from its loopback mock, so the Worker used for the media cases fetches images without the SSRF guard (which
 * has its own tests in the gateway package).
 */
async function bundle(fetchesImages: boolean): Promise<string> {
  const source = join(dirname(fileURLToPath(import.meta.url)), 'create-worker.ts');
  const entry = fetchesImages
    ? `import { createWorker } from ${JSON.stringify(source)};
       const resolveMedia = async (url) => {
         const response = await fetch(url);
         if (!response.ok) throw new Error('media ' + url + ': ' + response.status);
         const bytes = new Uint8Array(await response.arrayBuffer());
         let binary = '';
         for (const byte of bytes) binary += String.fromCharCode(byte);
         return { mimeType: response.headers.get('content-type') ?? 'application/octet-stream', data: btoa(binary) };
       };
       export default createWorker({ resolveMedia, log: () => {} });`
    : `import { createWorker } from ${JSON.stringify(source)}; export default createWorker({ log: () => {} });`;
  const result = await build({
    stdin: { contents: entry, resolveDir: dirname(source), loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@interlingua/source', 'workerd', 'worker', 'browser'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

async function startKitWorker(script: string, strict: boolean): Promise<string> {
  const worker = await startWorker({ script, bindings: { INTERLINGUA_CONFIG: JSON.stringify(interlinguaGatewayConfig(mock.url, cases, { strict })) } });
  instances.push(worker);
  return worker.baseURL;
}

let gatewayUrl: string;
let strictGatewayUrl: string;
let imageFetchingGatewayUrl: string;

beforeAll(async () => {
  mock = await startMockUpstream();
  const plain = await bundle(false);
  gatewayUrl = await startKitWorker(plain, false);
  strictGatewayUrl = await startKitWorker(plain, true);
  imageFetchingGatewayUrl = await startKitWorker(await bundle(true), false);
}, 120_000);

afterAll(async () => {
  for (const worker of instances) await worker.dispose();
  await mock?.close();
});

describe('the conformance kit against the Worker (workerd)', () => {
  it.each([
    { strictStreams: false, extensions: false },
    { strictStreams: true, extensions: true },
  ])('scores 100%% on every case (%o)', async (mode) => {
    const report = await runConformance({
      gatewayUrl,
      strictGatewayUrl,
      // Cases that list media need a Worker that fetches images; the others show what happens without one.
      gatewayUrlFor: (fixtureCase) => (fixtureCase.description.options?.media ? imageFetchingGatewayUrl : undefined),
      mock,
      cases,
      label: 'interlingua (workers)',
      ...mode,
    });
    if (report.total.score < 1) console.log(formatConformanceReport(report, { failuresOnly: true }));
    // scripts/conformance/score-portkey.mjs sets this to collect the reports for CONFORMANCE.md.
    const resultsDir = process.env.CONFORMANCE_RESULTS_DIR;
    if (resultsDir) writeFileSync(`${resultsDir}/interlingua-workers${mode.strictStreams ? '-strict' : ''}.json`, JSON.stringify(report, null, 2) + '\n');
    expect(report.cases.filter((result) => result.status !== 'pass').map((result) => result.id)).toEqual([]);
    expect(report.total).toEqual({ passed: cases.length, failed: 0, skipped: 0, total: cases.length, score: 1 });
  }, 180_000);
});

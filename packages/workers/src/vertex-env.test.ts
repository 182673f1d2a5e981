/// <reference types="node" />
import { fixturesRoot, loadFixtureCases } from '@interlingua/conformance/node';
import { formatConformanceReport, interlinguaGatewayConfig, runConformance, startMockUpstream, type MockUpstream } from '@interlingua/conformance/runner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type StartedWorker } from '../test/start-worker.js';

// Vertex AI configured the way a Worker is deployed: env bindings only (the key's JSON as a secret, the location and
// a base URL as vars), no INTERLINGUA_CONFIG. In workerd the gateway signs its JWT with Web Crypto, trades it at the
// kit's mock token endpoint, and serves the kit's vertex cases (`vertex/<model>` routed by the default prefix).
const cases = loadFixtureCases(fixturesRoot()).filter((fixtureCase) => fixtureCase.provider === 'vertex');
let mock: MockUpstream;
let worker: StartedWorker;
let gatewayUrl: string;

beforeAll(async () => {
  mock = await startMockUpstream();
  // The kit's throwaway service-account key (project conformance-project, token_uri on the mock).
  const key = interlinguaGatewayConfig(mock.url, []).upstreams.vertex.credentials;
  worker = await startWorker({ bindings: { GOOGLE_APPLICATION_CREDENTIALS_JSON: JSON.stringify(key), GOOGLE_CLOUD_LOCATION: 'us-east5', GOOGLE_VERTEX_BASE_URL: mock.url } });
  gatewayUrl = worker.baseURL;
}, 60_000);

afterAll(async () => {
  await worker?.dispose();
  await mock?.close();
});

describe('Vertex AI from a Worker\'s env bindings', () => {
  it('serves every vertex case', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(5);
    const report = await runConformance({ gatewayUrl, mock, cases, label: 'interlingua (workers, vertex env)' });
    if (report.total.score < 1) console.log(formatConformanceReport(report, { failuresOnly: true }));
    expect(report.cases.filter((result) => result.status !== 'pass').map((result) => result.id)).toEqual([]);
  }, 60_000);
});

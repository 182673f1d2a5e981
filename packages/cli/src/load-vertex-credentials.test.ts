import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadGatewayOptions } from './load-gateway-options.js';

const directory = mkdtempSync(join(tmpdir(), 'interlingua-vertex-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const KEY = JSON.stringify({ type: 'service_account', project_id: 'p', client_email: 'a@p.iam.gserviceaccount.com', private_key: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n' });

describe('serve: the Vertex AI key file', () => {
  it('reads GOOGLE_APPLICATION_CREDENTIALS into upstreams.vertex.credentials and serves real upstreams', () => {
    const path = join(directory, 'key.json');
    writeFileSync(path, KEY);
    const { options, replayOnly } = loadGatewayOptions(undefined, { GOOGLE_APPLICATION_CREDENTIALS: path, GOOGLE_CLOUD_LOCATION: 'us-east5' }, { allowImageUrls: false });
    expect(options.upstreams?.vertex).toEqual({ credentialsFile: path, credentials: KEY, location: 'us-east5' });
    expect(replayOnly).toBe(false);
    expect(options.prefixes).toEqual([{ prefix: 'vertex/', upstream: 'vertex', stripPrefix: true }]);
  });

  it('reads upstreams.vertex.credentialsFile of a config file', () => {
    const keyPath = join(directory, 'config-key.json');
    writeFileSync(keyPath, KEY);
    const configPath = join(directory, 'gateway.json');
    writeFileSync(configPath, JSON.stringify({ upstreams: { vertex: { credentialsFile: keyPath, project: 'my-project' } } }));
    const { options } = loadGatewayOptions(configPath, {}, { allowImageUrls: false });
    expect(options.upstreams?.vertex?.credentials).toBe(KEY);
  });

  it('fails with the path and the reason when the file cannot be read', () => {
    const path = join(directory, 'missing.json');
    expect(() => loadGatewayOptions(undefined, { GOOGLE_APPLICATION_CREDENTIALS: path }, { allowImageUrls: false })).toThrow(
      `cannot read the Vertex AI credentials file ${path}: ENOENT`,
    );
  });
});

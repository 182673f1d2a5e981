import { describe, expect, it } from 'vitest';
import { parseGatewayConfigFile } from '../parse-gateway-config-file.js';
import { readGatewayConfigFromEnv } from '../read-gateway-config-from-env.js';

const KEY_JSON = JSON.stringify({ type: 'service_account', client_email: 'a@p.iam.gserviceaccount.com', private_key: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n' });

describe('Vertex AI from the environment', () => {
  it('reads the key JSON, project and location, and routes vertex/<model> there', () => {
    const config = readGatewayConfigFromEnv({
      GOOGLE_APPLICATION_CREDENTIALS_JSON: KEY_JSON,
      GOOGLE_CLOUD_PROJECT: 'my-project',
      GOOGLE_CLOUD_LOCATION: 'us-east5',
    });
    expect(config.upstreams?.vertex).toEqual({ credentials: KEY_JSON, project: 'my-project', location: 'us-east5' });
    expect(config.prefixes).toEqual([{ prefix: 'vertex/', upstream: 'vertex', stripPrefix: true }]);
  });

  it('takes the key file path (for the Node adapters to read) and the express-mode key', () => {
    expect(readGatewayConfigFromEnv({ GOOGLE_APPLICATION_CREDENTIALS: '/secrets/key.json' }).upstreams?.vertex).toEqual({
      credentialsFile: '/secrets/key.json',
    });
    expect(readGatewayConfigFromEnv({ GOOGLE_VERTEX_API_KEY: 'AQ.express', GOOGLE_VERTEX_BASE_URL: 'http://127.0.0.1:9999' }).upstreams?.vertex).toEqual({
      apiKey: 'AQ.express',
      baseUrl: 'http://127.0.0.1:9999',
    });
  });

  it('does not make a vertex upstream from a project or location alone, but adds them to one the config has', () => {
    expect(readGatewayConfigFromEnv({ GOOGLE_CLOUD_PROJECT: 'p', GOOGLE_CLOUD_LOCATION: 'global' }).upstreams?.vertex).toBeUndefined();
    const merged = readGatewayConfigFromEnv({ GOOGLE_CLOUD_PROJECT: 'env-project' }, { upstreams: { vertex: { credentialsFile: 'key.json', location: 'europe-west1' } } });
    expect(merged.upstreams?.vertex).toEqual({ credentialsFile: 'key.json', location: 'europe-west1', project: 'env-project' });
  });

  it('puts the vertex/ prefix before the OpenAI-compatible catch-all', () => {
    const config = readGatewayConfigFromEnv({ GOOGLE_VERTEX_API_KEY: 'k', OPENAI_API_KEY: 'o', ANTHROPIC_API_KEY: 'a' });
    expect(config.prefixes?.map((route) => route.prefix)).toEqual(['claude', 'vertex/', '']);
  });
});

describe('Vertex AI in the config file', () => {
  it('accepts the vertex settings and routes to vertex', () => {
    const config = {
      upstreams: { vertex: { project: 'my-project', location: 'global', credentials: JSON.parse(KEY_JSON), baseUrl: 'https://proxy.example/v' } },
      models: [{ name: 'sonnet', upstream: 'vertex', upstreamModel: 'claude-sonnet-4-5@20250929' }],
      prefixes: [{ prefix: 'gemini', upstream: 'vertex' }],
    };
    expect(parseGatewayConfigFile(config)).toEqual({ ok: true, config });
    expect(parseGatewayConfigFile({ upstreams: { vertex: { credentialsFile: './key.json', apiKey: 'k' } } }).ok).toBe(true);
  });

  it('names the path of a bad location or key, without quoting the key', () => {
    const bad = parseGatewayConfigFile({ upstreams: { vertex: { location: 'us-east5/x', credentials: { client_email: 'a@b', private_key: '' } } } });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.message).toContain('upstreams.vertex.location');
    expect(bad.message).toContain('upstreams.vertex.credentials');
    const secret = parseGatewayConfigFile({ upstreams: { vertex: { credentials: { private_key: 'SECRET-PEM-BODY' } } } });
    expect(!secret.ok && secret.message).not.toContain('SECRET-PEM-BODY');
  });
});

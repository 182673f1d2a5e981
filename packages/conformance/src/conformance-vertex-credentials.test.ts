import { createSign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interlinguaGatewayConfig } from './conformance-targets.js';
import { conformanceVertexCredentials, MOCK_TOKEN_PATH, MOCK_VERTEX_ACCESS_TOKEN } from './conformance-vertex-credentials.js';
import { startMockUpstream, type MockUpstream } from './start-mock-upstream.js';

let mock: MockUpstream;
beforeAll(async () => {
  mock = await startMockUpstream();
});
afterAll(() => mock.close());

function jwt(claims: Record<string, unknown>): string {
  const key = conformanceVertexCredentials(mock.url);
  const input = `${Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(key.private_key).toString('base64url')}`;
}

async function tokenRequest(assertion: string, grantType = 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
  const response = await fetch(mock.url + MOCK_TOKEN_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: grantType, assertion }).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the kit\'s Vertex AI credentials and token endpoint', () => {
  const now = Math.floor(Date.now() / 1000);
  const claims = () => ({ iss: 'conformance@conformance-project.iam.gserviceaccount.com', scope: 'https://www.googleapis.com/auth/cloud-platform', aud: mock.url + MOCK_TOKEN_PATH, iat: now, exp: now + 3600 });

  it('puts a service-account key whose token_uri is the mock into the gateway config, with the vertex/ prefix', () => {
    const config = interlinguaGatewayConfig(mock.url, []);
    expect(config.upstreams.vertex.credentials.token_uri).toBe(mock.url + MOCK_TOKEN_PATH);
    expect(config.upstreams.vertex.credentials.private_key).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(config.prefixes).toEqual([{ prefix: 'vertex/', upstream: 'vertex', stripPrefix: true }]);
  });

  it('hands out the access token for a JWT with the documented claims, without recording a call', async () => {
    mock.arm({ id: 'vertex/none' } as never);
    expect(await tokenRequest(jwt(claims()))).toEqual({ status: 200, body: { access_token: MOCK_VERTEX_ACCESS_TOKEN, expires_in: 3600, token_type: 'Bearer' } });
    expect(mock.disarm()).toEqual([]);
  });

  it('refuses a wrong grant type, scope, audience or lifetime', async () => {
    expect((await tokenRequest(jwt(claims()), 'client_credentials')).status).toBe(400);
    expect((await tokenRequest(jwt({ ...claims(), scope: 'https://www.googleapis.com/auth/drive' }))).body.error_description).toContain('scope');
    expect((await tokenRequest(jwt({ ...claims(), aud: 'https://oauth2.googleapis.com/token' }))).body.error_description).toContain('aud');
    expect((await tokenRequest(jwt({ ...claims(), exp: now + 7200 }))).body.error_description).toContain('exp');
    expect((await tokenRequest('not-a-jwt')).status).toBe(400);
  });
});

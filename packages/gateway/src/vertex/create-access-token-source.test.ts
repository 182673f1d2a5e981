import { findSecrets } from '@interlingua/conformance/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestServiceAccount, startMockTokenEndpoint, type MockTokenEndpoint, type TestServiceAccount } from '../../test/vertex/google-test-servers.js';
import { AccessTokenError, createAccessTokenSource } from './create-access-token-source.js';
import { parseServiceAccountKey } from './parse-service-account-key.js';

let endpoint: MockTokenEndpoint;
let account: TestServiceAccount;
let clock: number;
const now = () => clock;

beforeAll(async () => {
  endpoint = await startMockTokenEndpoint();
  account = await createTestServiceAccount(endpoint.tokenUri);
});
afterAll(() => endpoint.close());
beforeEach(() => {
  clock = Date.UTC(2026, 11, 6, 12, 0, 0);
  endpoint.account = account;
  endpoint.now = now;
  endpoint.expiresIn = 3600;
  endpoint.failWith = undefined;
  endpoint.gate = undefined;
  endpoint.grants.length = 0;
  endpoint.rejections.length = 0;
});

function source() {
  const parsed = parseServiceAccountKey(JSON.stringify(account.key));
  if (!parsed.ok) throw new Error(parsed.message);
  return createAccessTokenSource(parsed.key, { fetch, now });
}

async function failure(promise: Promise<unknown>): Promise<AccessTokenError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AccessTokenError);
  return error as AccessTokenError;
}

describe('createAccessTokenSource', () => {
  it('posts a JWT the token endpoint verifies with the public key, with the documented claims, and uses the token it gets', async () => {
    const token = await source().getToken();
    expect(endpoint.rejections).toEqual([]);
    expect(endpoint.grants).toHaveLength(1);
    const grant = endpoint.grants[0]!;
    expect(token).toBe(grant.token);
    expect(grant.header).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'test-key-id-1' });
    const iat = Math.floor(clock / 1000);
    expect(grant.claims).toEqual({
      iss: 'gateway@test-project.iam.gserviceaccount.com',
      scope: 'https://www.googleapis.com/auth/cloud-platform',
      aud: endpoint.tokenUri,
      iat,
      exp: iat + 3600,
    });
  });

  it('reuses the token until five minutes before it expires, then fetches a new one', async () => {
    const tokens = source();
    const first = await tokens.getToken();
    clock += 55 * 60 * 1000 - 1000; // 54:59 after: still more than five minutes left
    expect(await tokens.getToken()).toBe(first);
    expect(endpoint.grants).toHaveLength(1);
    clock += 2000; // 55:01 after: inside the last five minutes
    const second = await tokens.getToken();
    expect(second).not.toBe(first);
    expect(endpoint.grants).toHaveLength(2);
    expect(endpoint.grants[1]!.claims.iat).toBe(Math.floor(clock / 1000));
    expect(await tokens.getToken()).toBe(second);
    expect(endpoint.grants).toHaveLength(2);
  });

  it('refreshes a short-lived token at half its lifetime', async () => {
    endpoint.expiresIn = 60;
    const tokens = source();
    const first = await tokens.getToken();
    clock += 29_000;
    expect(await tokens.getToken()).toBe(first);
    clock += 2_000;
    expect(await tokens.getToken()).not.toBe(first);
    expect(endpoint.grants).toHaveLength(2);
  });

  it('makes one token request for many concurrent callers', async () => {
    let open!: () => void;
    endpoint.gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const tokens = source();
    const requestsBefore = endpoint.requests;
    const waiting = Array.from({ length: 25 }, () => tokens.getToken());
    await new Promise((resolve) => setTimeout(resolve, 50));
    open();
    const all = await Promise.all(waiting);
    expect(endpoint.requests - requestsBefore).toBe(1);
    expect(new Set(all)).toEqual(new Set([endpoint.grants[0]!.token]));
  });

  it('does not cache a failure: a rejected grant is reported without secrets, and the next call tries again', async () => {
    endpoint.failWith = { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' } };
    const tokens = source();
    const error = await failure(tokens.getToken());
    expect(error.code).toBe('token_endpoint_rejected');
    expect(error.message).toBe('the token endpoint answered 400: invalid_grant (Invalid JWT Signature.).');
    endpoint.failWith = undefined;
    const token = await tokens.getToken();
    expect(token).toBe(endpoint.grants[0]!.token);
  });

  it('reports a 5xx and a reply without a token as token_endpoint_failed', async () => {
    endpoint.failWith = { status: 503, body: { error: 'backend_error' } };
    expect((await failure(source().getToken())).code).toBe('token_endpoint_failed');
    endpoint.failWith = { status: 200, body: { token_type: 'Bearer' } };
    const error = await failure(source().getToken());
    expect(error.code).toBe('token_endpoint_failed');
    expect(error.message).toContain('without an access_token');
  });

  it('blanks out anything token-like an endpoint echoes in its error', async () => {
    const echoed = `ya29.${'a'.repeat(60)}`;
    endpoint.failWith = { status: 400, body: { error: 'invalid_request', error_description: `bad assertion ${echoed}` } };
    const error = await failure(source().getToken());
    expect(error.message).not.toContain(echoed);
    expect(error.message).toContain('[redacted]');
  });

  it('is refused by the endpoint when signed with another key, and says so without quoting either key', async () => {
    const other = await createTestServiceAccount(endpoint.tokenUri);
    const parsed = parseServiceAccountKey({ ...account.key, private_key: other.key.private_key });
    if (!parsed.ok) throw new Error(parsed.message);
    const error = await failure(createAccessTokenSource(parsed.key, { fetch, now }).getToken());
    expect(endpoint.rejections).toEqual(['Invalid JWT Signature.']);
    expect(error.code).toBe('token_endpoint_rejected');
    expect(findSecrets([error.message], [account.key.private_key, other.key.private_key])).toEqual([]);
  });

  it('calls its fetch unbound (a Worker\'s fetch refuses to be called as another object\'s method)', async () => {
    const parsed = parseServiceAccountKey(account.key);
    if (!parsed.ok) throw new Error(parsed.message);
    const workerLikeFetch = function (this: unknown, url: string, init: Parameters<typeof fetch>[1]) {
      if (this !== undefined) throw new TypeError('Illegal invocation');
      return fetch(url, init);
    };
    const token = await createAccessTokenSource(parsed.key, { fetch: workerLikeFetch as never, now }).getToken();
    expect(token).toBe(endpoint.grants.at(-1)!.token);
  });

  it('takes a private key whose newlines arrive escaped (a key pasted into an environment variable)', async () => {
    const escaped = account.key.private_key.replace(/\n/g, '\\n');
    expect(escaped).not.toContain('\n');
    const parsed = parseServiceAccountKey({ ...account.key, private_key: escaped });
    if (!parsed.ok) throw new Error(parsed.message);
    const token = await createAccessTokenSource(parsed.key, { fetch, now }).getToken();
    expect(endpoint.rejections).toEqual([]);
    expect(token).toBe(endpoint.grants.at(-1)!.token);
  });

  it('reports an unreachable endpoint', async () => {
    const parsed = parseServiceAccountKey({ ...account.key, token_uri: 'http://127.0.0.1:9/token' });
    if (!parsed.ok) throw new Error(parsed.message);
    const error = await failure(createAccessTokenSource(parsed.key, { fetch, now }).getToken());
    expect(error.code).toBe('token_endpoint_failed');
    expect(error.message).toBe('the token endpoint could not be reached.');
  });

  it('gives up on a token endpoint that does not answer, or stops sending its reply, within timeoutMs', async () => {
    const parsed = parseServiceAccountKey(JSON.stringify(account.key));
    if (!parsed.ok) throw new Error(parsed.message);
    const silent: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => init!.signal!.addEventListener('abort', () => reject(new Error('aborted'))));
    const silence = await failure(createAccessTokenSource(parsed.key, { fetch: silent, now, timeoutMs: 50 }).getToken());
    expect([silence.code, silence.message]).toEqual(['token_endpoint_failed', 'the token endpoint did not answer within 50 ms.']);
    const stalled: typeof fetch = async () =>
      new Response(new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode('{"access_token":')) }), { status: 200 });
    const started = Date.now();
    const stall = await failure(createAccessTokenSource(parsed.key, { fetch: stalled, now, timeoutMs: 50 }).getToken());
    expect([stall.code, stall.message]).toEqual(['token_endpoint_failed', "the token endpoint's reply could not be read (aborted)."]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('reports a private key Web Crypto cannot import as invalid_credentials, without quoting it', async () => {
    const broken = '-----BEGIN PRIVATE KEY-----\nTUlJQ2VnSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NBbUF3Z2dKY0FnRUFBb0dCQUxQ\n-----END PRIVATE KEY-----\n';
    const parsed = parseServiceAccountKey({ ...account.key, private_key: broken });
    if (!parsed.ok) throw new Error(parsed.message);
    const error = await failure(createAccessTokenSource(parsed.key, { fetch, now }).getToken());
    expect(error.code).toBe('invalid_credentials');
    expect(error.message).not.toContain('TUlJQ2Vn');
    expect(endpoint.grants).toHaveLength(0);
  });
});

describe('parseServiceAccountKey', () => {
  it('reads the key file as text or object and defaults token_uri to Google\'s', () => {
    const { token_uri: _uri, ...withoutUri } = account.key;
    const parsed = parseServiceAccountKey(JSON.stringify(withoutUri));
    expect(parsed.ok && parsed.key.token_uri).toBe('https://oauth2.googleapis.com/token');
    expect(parsed.ok && parsed.key.client_email).toBe(account.key.client_email);
  });

  it('names what is wrong and never quotes the key', () => {
    const results = [
      parseServiceAccountKey('{"private_key": "-----BEGIN PRIVATE KEY-----SECRETSECRET' as string),
      parseServiceAccountKey({ ...account.key, client_email: '' }),
      parseServiceAccountKey({ ...account.key, type: 'authorized_user' }),
      parseServiceAccountKey({ ...account.key, private_key: 'SECRETSECRET' }),
    ];
    const messages = results.map((result) => (result.ok ? 'ok' : result.message));
    expect(messages).toEqual([
      'the Vertex AI credentials are not valid JSON (expected a service-account key file).',
      'the Vertex AI credentials are not a service-account key (field client_email missing or invalid).',
      'the Vertex AI credentials are of type "authorized_user"; only service-account keys ("service_account") are supported.',
      'the service-account key\'s private_key is not a PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----").',
    ]);
    expect(findSecrets(messages, ['SECRETSECRET', account.key.private_key])).toEqual([]);
  });
});

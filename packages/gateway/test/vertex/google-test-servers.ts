/**
 * Stand-ins for Google on 127.0.0.1, for the Vertex tests: a service-account key pair made for the test, an OAuth 2.0
 * token endpoint that checks the signed JWT like Google's does (signature with the key's public half, `iss`, `scope`,
 * `aud`, `iat`/`exp`), and a Vertex AI upstream that records what it is sent. Nothing here calls a Google host.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestServiceAccount {
  /** The key file's content, as the Cloud console would download it (the token URI points at the mock). */
  key: {
    type: 'service_account';
    project_id: string;
    private_key_id: string;
    private_key: string;
    client_email: string;
    client_id: string;
    token_uri: string;
  };
  publicKey: CryptoKey;
}

function toPem(der: ArrayBuffer): string {
  const base64 = Buffer.from(der).toString('base64');
  return `-----BEGIN PRIVATE KEY-----\n${base64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END PRIVATE KEY-----\n`;
}

/** A fresh RSA key pair (RS256) and the service-account key file around its private half. */
export async function createTestServiceAccount(tokenUri: string, projectId = 'test-project'): Promise<TestServiceAccount> {
  const pair = (await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', pair.privateKey);
  return {
    key: {
      type: 'service_account',
      project_id: projectId,
      private_key_id: 'test-key-id-1',
      private_key: toPem(pkcs8),
      client_email: `gateway@${projectId}.iam.gserviceaccount.com`,
      client_id: '100000000000000000001',
      token_uri: tokenUri,
    },
    publicKey: pair.publicKey,
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function decodeSegment(segment: string): unknown {
  return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
}

export interface TokenGrant {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** The token handed out. */
  token: string;
}

export interface MockTokenEndpoint {
  /** The token URI (`http://127.0.0.1:<port>/token`). */
  tokenUri: string;
  /** Every token request, accepted or not. */
  readonly requests: number;
  /** Every token handed out, with the JWT it was handed out for. */
  readonly grants: TokenGrant[];
  /** Problems found in rejected requests (a test expecting none checks this is empty). */
  readonly rejections: string[];
  /** The service account the endpoint accepts (set once the key exists: the key's token URI is the endpoint's). */
  account: TestServiceAccount | undefined;
  /** `expires_in` of the next tokens, in seconds (default 3600). */
  expiresIn: number;
  /** Milliseconds since the epoch, for checking `iat` (default `Date.now`; tests with a fake clock share theirs). */
  now: () => number;
  /** Answers the next requests with this status and body instead of a token (until cleared). */
  failWith: { status: number; body: unknown } | undefined;
  /** Holds each reply until this promise settles (to let concurrent requests pile up). */
  gate: Promise<void> | undefined;
  close(): Promise<void>;
}

/** A token endpoint that verifies the assertion as Google documents it and hands out numbered tokens. */
export async function startMockTokenEndpoint(): Promise<MockTokenEndpoint> {
  let requests = 0;
  const grants: TokenGrant[] = [];
  const rejections: string[] = [];
  const server = createServer((request, response) => void handle(request, response));
  const endpoint: MockTokenEndpoint = {
    tokenUri: '',
    get requests() {
      return requests;
    },
    grants,
    rejections,
    account: undefined,
    expiresIn: 3600,
    now: Date.now,
    failWith: undefined,
    gate: undefined,
    close: () => close(server),
  };

  function reject(response: ServerResponse, problem: string): void {
    rejections.push(problem);
    response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_grant', error_description: problem }));
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    requests++;
    const text = await readBody(request);
    if (endpoint.gate) await endpoint.gate;
    if (endpoint.failWith) {
      response.writeHead(endpoint.failWith.status, { 'content-type': 'application/json' }).end(JSON.stringify(endpoint.failWith.body));
      return;
    }
    if (request.method !== 'POST' || request.url !== '/token') return reject(response, `unexpected ${request.method} ${request.url}`);
    if (!String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded')) return reject(response, 'not a form post');
    const form = new URLSearchParams(text);
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return reject(response, `grant_type ${form.get('grant_type')}`);
    const assertion = form.get('assertion') ?? '';
    const parts = assertion.split('.');
    if (parts.length !== 3) return reject(response, 'the assertion is not a JWT');
    const [headerPart, claimsPart, signaturePart] = parts as [string, string, string];
    const account = endpoint.account;
    if (!account) return reject(response, 'no service account registered');
    const valid = await crypto.subtle.verify(
      'RSASSA-PKCS1-v1_5',
      account.publicKey,
      Buffer.from(signaturePart, 'base64url'),
      new TextEncoder().encode(`${headerPart}.${claimsPart}`),
    );
    if (!valid) return reject(response, 'Invalid JWT Signature.');
    const header = decodeSegment(headerPart) as Record<string, unknown>;
    const claims = decodeSegment(claimsPart) as Record<string, unknown>;
    if (header.alg !== 'RS256' || header.typ !== 'JWT') return reject(response, `header ${JSON.stringify(header)}`);
    if (claims.iss !== account.key.client_email) return reject(response, `iss ${String(claims.iss)}`);
    if (claims.scope !== 'https://www.googleapis.com/auth/cloud-platform') return reject(response, `scope ${String(claims.scope)}`);
    if (claims.aud !== endpoint.tokenUri) return reject(response, `aud ${String(claims.aud)}`);
    const iat = claims.iat as number;
    const exp = claims.exp as number;
    const nowSeconds = endpoint.now() / 1000;
    if (!Number.isInteger(iat) || !Number.isInteger(exp)) return reject(response, 'iat/exp not integers');
    if (Math.abs(iat - nowSeconds) > 60) return reject(response, `iat ${iat} is not now (${nowSeconds})`);
    if (exp <= iat || exp - iat > 3600) return reject(response, `exp ${exp} not within an hour of iat ${iat}`);
    const token = `ya29.test-access-token-${grants.length + 1}`;
    grants.push({ header, claims, token });
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ access_token: token, expires_in: endpoint.expiresIn, token_type: 'Bearer' }));
  }

  endpoint.tokenUri = `${await listen(server)}/token`;
  return endpoint;
}

export interface RecordedVertexCall {
  method: string;
  /** Path and query. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface MockVertexReply {
  status: number;
  headers?: Record<string, string>;
  /** A JSON value, or text sent as it is (an SSE stream). */
  body: unknown;
}

export interface MockVertexUpstream {
  url: string;
  readonly calls: RecordedVertexCall[];
  /** How to answer a call (default: 500 saying no reply was set). */
  reply: (call: RecordedVertexCall) => MockVertexReply;
  close(): Promise<void>;
}

/** A Vertex AI stand-in that records each call and answers with `reply`. */
export async function startMockVertexUpstream(): Promise<MockVertexUpstream> {
  const calls: RecordedVertexCall[] = [];
  const upstream: MockVertexUpstream = {
    url: '',
    calls,
    reply: () => ({ status: 500, body: { error: { code: 500, message: 'no reply set', status: 'INTERNAL' } } }),
    close: () => close(server),
  };
  const server = createServer((request, response) => {
    void readBody(request).then((text) => {
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // kept as text
      }
      const call: RecordedVertexCall = { method: request.method ?? '', path: request.url ?? '', headers: request.headers, body };
      calls.push(call);
      const reply = upstream.reply(call);
      const isText = typeof reply.body === 'string';
      response.writeHead(reply.status, { 'content-type': isText ? 'text/event-stream' : 'application/json', ...reply.headers });
      response.end(isText ? (reply.body as string) : JSON.stringify(reply.body));
    });
  });
  upstream.url = await listen(server);
  return upstream;
}

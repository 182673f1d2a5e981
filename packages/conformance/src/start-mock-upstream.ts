import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeRequestListener } from './create-node-request-listener.js';
import { MOCK_TOKEN_PATH, MOCK_VERTEX_ACCESS_TOKEN } from './conformance-vertex-credentials.js';
import { isGeminiJsonArrayStream, upstreamPathMatches, type ObservedUpstreamRequest } from './compare-upstream-request.js';
import { parseOpenAISse } from './parse-openai-sse.js';
import type { FixtureCase } from './fixture-case.js';

/** One request the mock upstream received. */
export interface MockUpstreamCall extends ObservedUpstreamRequest {
  /** The body as text. */
  text: string;
  /** Set when the mock refused the call (wrong path, no case armed, or a case that expects no call). */
  refused?: string;
}

export interface MockUpstream {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Arms the mock for one case: requests are recorded and answered with the case's recorded upstream reply. */
  arm(fixtureCase: FixtureCase): void;
  /** Disarms the mock and returns the requests received while armed. */
  disarm(): MockUpstreamCall[];
  /** The URL at which the mock serves one of the armed case's media (`options.media`), by its original URL. */
  mediaUrl(fixtureCase: FixtureCase, originalUrl: string): string | undefined;
  close(): Promise<void>;
}

export interface StartMockUpstreamOptions {
  /** Port to listen on (default: a free one). */
  port?: number;
  /** Address to bind (default 127.0.0.1; the mock is meant for loopback only). */
  host?: string;
}

function refuse(message: string): Response {
  return new Response(JSON.stringify({ error: { type: 'conformance_mock_error', message: `conformance mock upstream: ${message}` } }), {
    status: 500,
    headers: { 'content-type': 'application/json' },
  });
}

function replayStream(text: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  // One write per event, as a provider sends them.
  const frames = text.split(/(?<=\r?\n\r?\n)/).filter(Boolean);
  return new ReadableStream({
    pull(controller) {
      const frame = frames.shift();
      if (frame === undefined) controller.close();
      else controller.enqueue(encoder.encode(frame));
    },
  });
}

/**
 * The same events as Gemini's default (non-`alt=sse`) stream: one JSON array written element by element
 * (`[{…}` then `\n,\r\n{…}` per event, then `\n]`), for gateways that ask for that form.
 */
function replayJsonArrayStream(text: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const events = parseOpenAISse(text).flatMap((frame) => (frame.kind === 'json' ? [JSON.stringify(frame.value)] : []));
  const pieces = events.length ? events.map((event, index) => (index === 0 ? `[${event}` : `\n,\r\n${event}`)).concat('\n]') : ['[]'];
  return new ReadableStream({
    pull(controller) {
      const piece = pieces.shift();
      if (piece === undefined) controller.close();
      else controller.enqueue(encoder.encode(piece));
    },
  });
}

function decodeJwtSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Google's OAuth 2.0 token endpoint as the service-account flow uses it ("Using OAuth 2.0 for Server to Server
 * Applications"): a form post of `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer` and a signed JWT whose
 * claims name the cloud-platform scope, this endpoint as `aud`, and an `exp` at most an hour after `iat`. The claims
 * are checked, not the signature (the key is made by whoever printed the setup, maybe another process).
 */
function answerTokenRequest(form: string): Response {
  const fail = (description: string) =>
    new Response(JSON.stringify({ error: 'invalid_grant', error_description: description }), { status: 400, headers: { 'content-type': 'application/json' } });
  const params = new URLSearchParams(form);
  if (params.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return fail('grant_type must be urn:ietf:params:oauth:grant-type:jwt-bearer');
  const parts = (params.get('assertion') ?? '').split('.');
  const header = parts.length === 3 ? decodeJwtSegment(parts[0]!) : undefined;
  const claims = parts.length === 3 ? decodeJwtSegment(parts[1]!) : undefined;
  if (!header || !claims || !parts[2]) return fail('the assertion is not a signed JWT');
  if (header.alg !== 'RS256') return fail('the assertion must be signed RS256');
  if (claims.scope !== 'https://www.googleapis.com/auth/cloud-platform') return fail('scope must be https://www.googleapis.com/auth/cloud-platform');
  let audiencePath = '';
  try {
    audiencePath = new URL(String(claims.aud)).pathname;
  } catch {
    // not a URL
  }
  if (audiencePath !== MOCK_TOKEN_PATH) return fail('aud must be the token endpoint');
  const { iat, exp, iss } = claims;
  if (typeof iss !== 'string' || !iss) return fail('iss must be the service account email');
  if (typeof iat !== 'number' || typeof exp !== 'number' || exp <= iat || exp - iat > 3600) return fail('exp must be within an hour after iat');
  return new Response(JSON.stringify({ access_token: MOCK_VERTEX_ACCESS_TOKEN, expires_in: 3600, token_type: 'Bearer' }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
}

function base64ToBytes(data: string): Uint8Array<ArrayBuffer> {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/**
 * Starts the mock upstream on 127.0.0.1. It stands in for Anthropic, Gemini and OpenAI-compatible APIs at once, one
 * case at a time: armed with a case, it records every request, answers 500 with a clear message when the path is not
 * the expected one (or when the case expects no upstream call), and otherwise replays the recorded reply (JSON with
 * its status and headers, or the SSE stream one event per write). `GET /__media/<n>` serves the armed case's media.
 */
export async function startMockUpstream(options: StartMockUpstreamOptions = {}): Promise<MockUpstream> {
  let armed: FixtureCase | undefined;
  let calls: MockUpstreamCall[] = [];

  const handler = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const path = url.pathname + url.search;
    const media = url.pathname.match(/^\/__media\/(\d+)$/);
    if (media && request.method === 'GET') {
      const entries = Object.values(armed?.description.options?.media ?? {});
      const entry = entries[Number(media[1])];
      if (!entry) return new Response('no such medium', { status: 404 });
      return new Response(base64ToBytes(entry.data), { status: 200, headers: { 'content-type': entry.mimeType } });
    }
    if (url.pathname === MOCK_TOKEN_PATH && request.method === 'POST') return answerTokenRequest(await request.text());
    const text = await request.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // recorded as text
    }
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    const call: MockUpstreamCall = { method: request.method, path, headers, body, text };
    calls.push(call);
    if (!armed) {
      call.refused = 'no case is running';
      return refuse(call.refused);
    }
    const expected = armed.upstreamRequest;
    const recorded = armed.upstreamResponse;
    if (!expected || !recorded) {
      call.refused = `case ${armed.id} expects the gateway to answer without calling the upstream`;
      return refuse(call.refused);
    }
    if (armed.provider === 'vertex' && headers.authorization !== `Bearer ${MOCK_VERTEX_ACCESS_TOKEN}`) {
      call.refused = `case ${armed.id} expects a Vertex AI call with the access token of the mock's token endpoint (${MOCK_TOKEN_PATH}), got ${headers.authorization ? 'another authorization' : 'none'}`;
      return refuse(call.refused);
    }
    if (!upstreamPathMatches(expected.path, path) || request.method !== expected.method) {
      call.refused = `case ${armed.id} expects ${expected.method} ${expected.path}, got ${request.method} ${path}`;
      return refuse(call.refused);
    }
    if (recorded.kind === 'sse' && isGeminiJsonArrayStream(expected.path, path)) {
      return new Response(replayJsonArrayStream(recorded.text), { status: 200, headers: { 'content-type': 'application/json' } });
    }
    if (recorded.kind === 'sse') {
      return new Response(replayStream(recorded.text), { status: 200, headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' } });
    }
    const responseHeaders = { 'content-type': 'application/json', ...(recorded.response.headers ?? {}) };
    return new Response(JSON.stringify(recorded.response.body), { status: recorded.response.status, headers: responseHeaders });
  };

  const server: Server = createServer(createNodeRequestListener(handler));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url: base,
    port,
    arm(fixtureCase) {
      armed = fixtureCase;
      calls = [];
    },
    disarm() {
      armed = undefined;
      const received = calls;
      calls = [];
      return received;
    },
    mediaUrl(fixtureCase, originalUrl) {
      const keys = Object.keys(fixtureCase.description.options?.media ?? {});
      const index = keys.indexOf(originalUrl);
      return index < 0 ? undefined : `${base}/__media/${index}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

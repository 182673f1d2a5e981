import { createCaseEnvironment, fixturesRoot, loadFixtureCases } from '@interlingua/conformance/node';
import { recordedUpstreamReply, type FixtureCase } from '@interlingua/conformance';
import { interlinguaGatewayConfig } from '@interlingua/conformance/runner';
import { describe, expect, it } from 'vitest';
import { createGateway } from './create-gateway.js';
import type { GatewayOptions } from './gateway-options.js';

const cases = loadFixtureCases(fixturesRoot());
const BASE = { anthropic: 'http://anthropic.test', gemini: 'http://gemini.test', 'openai-compatible': 'http://openai.test/v1', vertex: 'http://vertex.test' } as const;
/** The kit's vertex settings (a throwaway service-account key whose token_uri is on the vertex base), pointed at BASE.vertex. */
const VERTEX = interlinguaGatewayConfig(BASE.vertex, []).upstreams.vertex;
const VERTEX_TOKEN = 'vertex-token-test-secret';

/** A fetch standing in for the upstream: records what the gateway sent and answers with the case's recorded reply. */
function upstreamFor(fixtureCase: FixtureCase) {
  const calls: { url: string; headers: Headers; body: unknown }[] = [];
  const fetchImplementation = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (String(input) === VERTEX.credentials.token_uri) {
      return new Response(JSON.stringify({ access_token: VERTEX_TOKEN, expires_in: 3600, token_type: 'Bearer' }), { status: 200 });
    }
    calls.push({ url: String(input), headers: new Headers(init?.headers), body: JSON.parse(String(init?.body)) });
    return recordedUpstreamReply(fixtureCase);
  }) as typeof fetch;
  return { calls, fetchImplementation };
}

/** Warning codes of the gateway's `: x-interlingua-warnings: code(param), …` comments in a stream. */
function commentWarnings(text: string): string[] {
  return text
    .split('\n\n')
    .filter((frame) => frame.startsWith(': x-interlingua-warnings: '))
    .flatMap((frame) => frame.slice(': x-interlingua-warnings: '.length).split(', '));
}

/** The data frames of a stream (the gateway's warnings comment is checked apart). */
function sseFrames(text: string): unknown[] {
  expect(text.endsWith('\n\n')).toBe(true);
  return text
    .slice(0, -2)
    .split('\n\n')
    .filter((frame) => !frame.startsWith(': x-interlingua-warnings: '))
    .map((frame) => {
      expect(frame.startsWith('data: ')).toBe(true);
      const data = frame.slice(6);
      return data === '[DONE]' ? data : JSON.parse(data);
    });
}

describe.each(cases.map((c) => [c.id, c] as const))('gateway replays %s', (_id, fixtureCase) => {
  it('sends the expected upstream request and answers with the expected reply', async () => {
    const { calls, fetchImplementation } = upstreamFor(fixtureCase);
    const media = fixtureCase.description.options?.media ?? {};
    const options: GatewayOptions = {
      upstreams: {
        anthropic: { apiKey: 'sk-ant-test-secret', baseUrl: BASE.anthropic },
        gemini: { apiKey: 'gemini-test-secret', baseUrl: BASE.gemini },
        'openai-compatible': { apiKey: 'sk-openai-test-secret', baseUrl: BASE['openai-compatible'] },
        vertex: VERTEX,
      },
      prefixes: [fixtureCase.provider === 'vertex' ? { prefix: 'vertex/', upstream: 'vertex', stripPrefix: true } : { prefix: '', upstream: fixtureCase.provider }],
      strict: fixtureCase.description.options?.strict === true,
      fetch: fetchImplementation,
      createEnvironment: () => createCaseEnvironment(fixtureCase),
      ...(fixtureCase.description.options?.media ? { resolveMedia: async (url: string) => {
        const found = media[url];
        if (!found) throw new Error(`no media for ${url}`);
        return found;
      } } : {}),
      log: () => {},
    };
    const response = await createGateway(options)(
      new Request('http://gateway.test/v1/chat/completions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(fixtureCase.request),
      }),
    );

    if (fixtureCase.upstreamRequest) {
      expect(calls).toHaveLength(1);
      const call = calls[0]!;
      const base = BASE[fixtureCase.provider];
      const expectedPath = fixtureCase.provider === 'openai-compatible' ? fixtureCase.upstreamRequest.path.replace(/^\/v1/, '') : fixtureCase.upstreamRequest.path;
      expect(call.url).toBe(base + expectedPath);
      expect(call.body).toEqual(fixtureCase.upstreamRequest.body);
      for (const [name, value] of Object.entries(fixtureCase.upstreamRequest.headers ?? {})) expect(call.headers.get(name)).toBe(value);
      const auth = { anthropic: 'x-api-key', gemini: 'x-goog-api-key', 'openai-compatible': 'authorization', vertex: 'authorization' }[fixtureCase.provider];
      expect(call.headers.get(auth)).toContain('test-secret');
    } else {
      expect(calls).toHaveLength(0);
    }

    const expected = fixtureCase.expectedResponse;
    const text = await response.text();
    expect(text).not.toContain('test-secret');
    // Every lossy step reaches the client: in the header, or (found during a stream) in the stream's last comment.
    const reported = [...(response.headers.get('x-interlingua-warnings')?.split(', ') ?? []), ...commentWarnings(text)].join(' ');
    for (const code of fixtureCase.description.expectedWarnings ?? []) expect(reported, `warning ${code}`).toContain(`${code}(`);
    if (expected.kind === 'sse') {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/event-stream');
      expect(sseFrames(text)).toEqual(sseFrames(expected.text));
    } else {
      expect(response.status).toBe(expected.response.status);
      expect(JSON.parse(text)).toEqual(expected.response.body);
      for (const [name, value] of Object.entries(expected.response.headers ?? {})) {
        if (name !== 'content-type') expect(response.headers.get(name)).toBe(value);
      }
    }
  });
});

/// <reference types="node" />
/**
 * Every Responses API case (`fixtures/responses/<provider>/<case>/`) through the gateway's `POST /v1/responses`,
 * the recorded upstream reply standing in for the upstream: the upstream request equals the case's (the same as
 * the Chat Completions case it is built on), the reply equals the expected one byte for byte (streams: the event
 * text, the gateway's warnings comment aside), and the request, the Response and every event validate against the
 * vendored OpenAI spec and the Response and every event against the vendored Open Responses spec; the conformance
 * kit's comparison agrees. Requests are also checked against Open Responses' `CreateResponseBody`: every case's
 * request is one an Open Responses client may send, except the cases named below with what
 * OpenAI's spec allows there and Open Responses does not.
 */
import { checkResponsesEventGrammar, compareGatewayReply, parseResponsesSse, recordedUpstreamReply } from '@interlingua/conformance';
import { createCaseEnvironment, createOpenResponsesSpecValidator, createResponsesSpecValidator, fixturesRoot, loadFixtureCases } from '@interlingua/conformance/node';
import { describe, expect, it } from 'vitest';
import { createGateway } from '../create-gateway.js';

const spec = createResponsesSpecValidator();
const openResponses = createOpenResponsesSpecValidator();
/** Cases whose request Open Responses does not define, and why. */
const BEYOND_OPEN_RESPONSES: Record<string, string> = {
  'responses/anthropic/bad-hosted-tool': 'sends a hosted tool, refused with a 400',
  // OpenAI's `FunctionTool.strict` is `boolean | null`; Open Responses' `FunctionToolParam.strict` is a boolean.
  'responses/anthropic/tool-use-stream': 'a function tool with strict: null',
  'responses/gemini/google-tool-call-gemini3': 'a function tool with strict: null',
};
const cases = loadFixtureCases(fixturesRoot(), { client: 'responses' });
const BASE = { anthropic: 'http://anthropic.test', gemini: 'http://gemini.test', 'openai-compatible': 'http://openai.test/v1', vertex: 'http://vertex.test' } as const;

describe('Responses fixture cases through POST /v1/responses', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThanOrEqual(9));
  for (const fixtureCase of cases) {
    it(fixtureCase.id, async () => {
      expect(fixtureCase.client).toBe('responses');
      expect(spec.request(fixtureCase.request)).toEqual([]);
      if (BEYOND_OPEN_RESPONSES[fixtureCase.id] === undefined) expect(openResponses.request(fixtureCase.request)).toEqual([]);
      else expect(openResponses.request(fixtureCase.request)).not.toEqual([]);
      const calls: Array<{ url: string; body: unknown }> = [];
      const gateway = createGateway({
        upstreams: {
          anthropic: { apiKey: 'sk-ant-test-secret', baseUrl: BASE.anthropic },
          gemini: { apiKey: 'gemini-test-secret', baseUrl: BASE.gemini },
        },
        prefixes: [{ prefix: '', upstream: fixtureCase.provider as 'anthropic' | 'gemini' }],
        strict: fixtureCase.description.options?.strict === true,
        createEnvironment: () => createCaseEnvironment(fixtureCase),
        log: () => {},
        fetch: async (url, init) => {
          calls.push({ url, body: JSON.parse(init.body) });
          return recordedUpstreamReply(fixtureCase);
        },
      });
      const reply = await gateway(
        new Request('http://gateway.test/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fixtureCase.request) }),
      );
      const text = await reply.text();
      if (fixtureCase.upstreamRequest) {
        expect(calls).toHaveLength(1);
        expect(calls[0]!.url).toBe(BASE[fixtureCase.provider] + fixtureCase.upstreamRequest.path);
        expect(calls[0]!.body).toEqual(fixtureCase.upstreamRequest.body);
      } else {
        expect(calls).toHaveLength(0);
      }
      const warnings = reply.headers.get('x-interlingua-warnings');
      for (const code of fixtureCase.description.expectedWarnings ?? []) expect(warnings ?? '').toContain(code);

      const expected = fixtureCase.expectedResponse;
      if (expected.kind === 'json') {
        expect(reply.status).toBe(expected.response.status);
        const body = JSON.parse(text);
        expect(body).toEqual(expected.response.body);
        expect(reply.status === 200 ? spec.response(body) : spec.error(body)).toEqual([]);
      } else {
        expect(reply.status).toBe(200);
        expect(text.replace(/: x-interlingua-warnings[^\n]*\n\n/g, '')).toBe(expected.text);
        const events = parseResponsesSse(text);
        for (const { data } of events) expect(spec.event(data)).toEqual([]);
        expect(checkResponsesEventGrammar(events)).toEqual([]);
      }
      const headers: Record<string, string> = {};
      reply.headers.forEach((value, name) => (headers[name] = value));
      expect(compareGatewayReply(fixtureCase, { status: reply.status, headers, text }).problems).toEqual([]);
    });
  }
});

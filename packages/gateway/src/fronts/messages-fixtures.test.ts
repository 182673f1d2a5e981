/// <reference types="node" />
/**
 * Every Messages API case (`fixtures/messages/<provider>/<case>/`) through the gateway's `POST /v1/messages`, the
 * recorded upstream reply standing in for the upstream: the upstream request equals the case's, the reply equals the
 * expected one (streams: the event text byte for byte, the gateway's warnings comment aside), the request, the
 * Message and every event validate against the vendored Anthropic spec (with its 2026 additions), and the
 * conformance kit's comparison agrees.
 */
import { checkMessagesEventGrammar, compareGatewayReply, parseMessagesSse, recordedUpstreamReply } from '@interlingua/conformance';
import { createCaseEnvironment, fixturesRoot, loadFixtureCases } from '@interlingua/conformance/node';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { createAnthropicSpecValidators } from '../../../messages-schema/test/anthropic-spec-validator.js';
import { createGateway } from '../create-gateway.js';

const spec = createAnthropicSpecValidators();
const cases = loadFixtureCases(fixturesRoot(), { client: 'messages' });
const BASE = { anthropic: 'http://anthropic.test', gemini: 'http://gemini.test', 'openai-compatible': 'http://openai.test/v1', vertex: 'http://vertex.test' } as const;

describe('Messages fixture cases through POST /v1/messages', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThanOrEqual(9));
  for (const fixtureCase of cases) {
    it(fixtureCase.id, async () => {
      expect(fixtureCase.client).toBe('messages');
      if (!fixtureCase.description.categories.includes('bad-input')) expect(spec.createMessageParams(fixtureCase.request), JSON.stringify(spec.createMessageParams.errors)).toBe(true);
      const calls: Array<{ url: string; headers: Record<string, string>; body: unknown }> = [];
      const gateway = createGateway({
        upstreams: {
          anthropic: { apiKey: 'sk-ant-test-secret', baseUrl: BASE.anthropic },
          gemini: { apiKey: 'gemini-test-secret', baseUrl: BASE.gemini },
        },
        prefixes: [{ prefix: '', upstream: fixtureCase.provider as 'anthropic' | 'gemini' }],
        createEnvironment: () => createCaseEnvironment(fixtureCase),
        // As the Node adapter does: message_start's input_tokens is this tokenizer's estimate.
        tokenCounter: { encoding: 'o200k_base', countTokens },
        log: () => {},
        fetch: async (url, init) => {
          calls.push({ url, headers: init.headers, body: JSON.parse(init.body) });
          return recordedUpstreamReply(fixtureCase);
        },
      });
      const reply = await gateway(
        new Request('http://gateway.test/v1/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fixtureCase.request) }),
      );
      const text = await reply.text();
      if (fixtureCase.upstreamRequest) {
        expect(calls).toHaveLength(1);
        expect(calls[0]!.url).toBe(BASE[fixtureCase.provider] + fixtureCase.upstreamRequest.path);
        expect(calls[0]!.body).toEqual(fixtureCase.upstreamRequest.body);
        expect(calls[0]!.headers).toMatchObject(fixtureCase.upstreamRequest.headers ?? {});
      } else {
        expect(calls).toHaveLength(0);
      }
      const expected = fixtureCase.expectedResponse;
      // Anthropic's own replies pass through untouched: they are what Anthropic sent (recorded), not what the spec
      // subset says (they carry newer fields such as inference_geo and omit some the v195 spec requires).
      const translated = fixtureCase.provider !== 'anthropic';
      if (expected.kind === 'json') {
        expect(reply.status).toBe(expected.response.status);
        const body = JSON.parse(text);
        expect(body).toEqual(expected.response.body);
        if (translated) expect(reply.status === 200 ? spec.message(body) : spec.errorResponse(body)).toBe(true);
      } else {
        expect(reply.status).toBe(200);
        expect(text.replace(/: x-interlingua-warnings[^\n]*\n\n/g, '')).toBe(expected.text);
        const events = parseMessagesSse(text);
        if (translated) for (const event of events) expect(spec.streamEvent(event).ok, JSON.stringify(event)).toBe(true);
        expect(checkMessagesEventGrammar(events)).toEqual([]);
      }
      const headers: Record<string, string> = {};
      reply.headers.forEach((value, name) => (headers[name] = value));
      expect(compareGatewayReply(fixtureCase, { status: reply.status, headers, text }).problems).toEqual([]);
    });
  }
});

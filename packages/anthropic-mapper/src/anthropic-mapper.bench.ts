/// <reference types="node" />
import { fixturesRoot, loadFixtureCase } from '@interlingua/conformance/node';
import { createFixedEnvironment } from '@interlingua/openai-schema';
import { bench, describe } from 'vitest';
import { convertAnthropicResponseToOpenAI } from './convert-anthropic-response-to-openai.js';
import { convertOpenAIRequestToAnthropic } from './convert-openai-request-to-anthropic.js';

/**
 * µs per request mapping and per reply mapping, beside JSON.parse + JSON.stringify of the same payloads (the floor
 * any gateway that reads and re-serialises a body pays anyway). Payloads are fixture cases, shared with the tests.
 * Run: `pnpm --filter @interlingua/anthropic-mapper bench` (vitest bench --run). Not a test: nothing is asserted.
 */

const requestCases = ['media-and-roles', 'parallel-tools', 'redacted-thinking'].map((name) => loadFixtureCase(fixturesRoot(), 'anthropic', name));
const responseCases = ['parallel-tools', 'thinking-signature', 'web-search-citations'].map((name) => loadFixtureCase(fixturesRoot(), 'anthropic', name));
const environment = createFixedEnvironment();

for (const fixtureCase of requestCases) {
  const text = JSON.stringify(fixtureCase.request);
  describe(`request ${fixtureCase.name} (${text.length} bytes)`, () => {
    bench('convertOpenAIRequestToAnthropic (from parsed JSON)', () => {
      convertOpenAIRequestToAnthropic(fixtureCase.request);
    });
    bench('JSON.parse + JSON.stringify of the request', () => {
      JSON.stringify(JSON.parse(text));
    });
  });
}

for (const fixtureCase of responseCases) {
  const mapped = convertOpenAIRequestToAnthropic(fixtureCase.request);
  if (!mapped.ok || fixtureCase.upstreamResponse?.kind !== 'json') throw new Error(`${fixtureCase.id} is not a mapped non-stream case`);
  const body = fixtureCase.upstreamResponse.response.body;
  const text = JSON.stringify(body);
  const context = mapped.context;
  describe(`reply ${fixtureCase.name} (${text.length} bytes)`, () => {
    bench('convertAnthropicResponseToOpenAI (from parsed JSON)', () => {
      convertAnthropicResponseToOpenAI(body, { context, environment });
    });
    bench('JSON.parse + JSON.stringify of the reply', () => {
      JSON.stringify(JSON.parse(text));
    });
  });
}

/// <reference types="node" />
/**
 * The official `openai` SDK as the client: `responses.stream()` over the transcoder's bytes (served through the
 * SDK's `fetch` option) ends with the same final Response as `responses.parse()` (`create()` plus the same finalizing step) over the non-stream mapping of
 * the same hub reply — on every complete streamed fixture. On a failed stream the SDK's final Response is the
 * failed one, with its error.
 */
import { accumulateOpenAIStream, parseOpenAISse } from '@interlingua/conformance';
import { fixturesRoot, loadFixtureCases } from '@interlingua/conformance/node';
import { createFixedEnvironment, type ChatCompletion } from '@interlingua/openai-schema';
import { convertChatCompletionToResponse } from '@interlingua/responses-mapper';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createResponsesTranscoder } from './create-responses-transcoder.js';
import { responsesContext } from '../test/responses-test-context.js';

const environment = () => createFixedEnvironment({ now: 1_750_000_100 });

function clientServing(body: string, contentType: string): OpenAI {
  return new OpenAI({
    apiKey: 'test',
    baseURL: 'http://127.0.0.1:9/v1',
    maxRetries: 0,
    fetch: async () => new Response(body, { status: 200, headers: { 'content-type': contentType } }),
  });
}

/**
 * The SDK's stream finalizer adds `parsed: null` to every content part, its `parse()` only to `output_text` parts
 * (openai 6.x `lib/ResponsesParser`): an SDK difference, not the server's; `parsed: null` is removed on both sides.
 */
function withoutNullParsed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNullParsed);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, entry]) => !(key === 'parsed' && entry === null))
      .map(([key, entry]) => [key, withoutNullParsed(entry)]),
  );
}

const streams = loadFixtureCases(fixturesRoot()).filter((c) => c.expectedResponse.kind === 'sse');

describe('openai SDK: responses.stream() final response = responses.parse() of the same reply', () => {
  for (const fixture of streams) {
    const hub = (fixture.expectedResponse as { text: string }).text;
    const merged = accumulateOpenAIStream(parseOpenAISse(hub));
    it(fixture.id, async () => {
      const transcoder = createResponsesTranscoder(responsesContext(), environment());
      const sse = new TextDecoder().decode(transcoder.push(new TextEncoder().encode(hub))) + new TextDecoder().decode(transcoder.end());
      const stream = clientServing(sse, 'text/event-stream').responses.stream({ model: 'any-model', input: 'hi' });
      if (!merged.done || merged.errors.length) {
        const failed = await stream.finalResponse();
        expect(failed.status).toBe('failed');
        expect(failed.error?.message).toBeTruthy();
        return;
      }
      const streamed = await stream.finalResponse();
      const nonStream = convertChatCompletionToResponse(merged.completion as unknown as ChatCompletion, { context: responsesContext(), environment: environment() }).response;
      // `parse()` is the non-stream call that finalizes the Response as `stream()` does (it adds `output_parsed`).
      const created = await clientServing(JSON.stringify(nonStream), 'application/json').responses.parse({ model: 'any-model', input: 'hi' });
      expect(withoutNullParsed(streamed)).toEqual(withoutNullParsed(created));
      expect(streamed.output_text).toBe(created.output_text);
    });
  }
});

/// <reference types="node" />
import { convertAnthropicErrorToOpenAI, convertAnthropicResponseToOpenAI, convertOpenAIRequestToAnthropic } from '@interlingua/anthropic-mapper';
import { createAnthropicToOpenAIStream } from '@interlingua/anthropic-transducer';
import { runConformanceInProcess, type InProcessTranslator } from '@interlingua/conformance';
import { fixturesRoot, loadFixtureCases } from '@interlingua/conformance/node';
import { convertGeminiErrorToOpenAI, convertGeminiResponseToOpenAI, convertOpenAIRequestToGemini } from '@interlingua/gemini-mapper';
import { createGeminiToOpenAIStream } from '@interlingua/gemini-transducer';
import { parseChatCompletionRequest } from '@interlingua/openai-schema';
import { describe, expect, it } from 'vitest';

// The conformance kit's in-process runner scores Interlingua's mapper and transducer packages (the gateway's
// OpenAI-compatible pass-through has no mapper package, so its case is skipped here and scored black-box).
const anthropic: InProcessTranslator = {
  mapRequest: (request, options) => convertOpenAIRequestToAnthropic(request, { strict: options.strict }),
  mapResponse: (body, options) => convertAnthropicResponseToOpenAI(body, options),
  mapError: (status, body, headers) => convertAnthropicErrorToOpenAI(status, body, headers),
  createStream: (options) => createAnthropicToOpenAIStream(options),
};
const gemini: InProcessTranslator = {
  mapRequest: (request, options) => convertOpenAIRequestToGemini(request, options),
  mapResponse: (body, options) => convertGeminiResponseToOpenAI(body, options),
  mapError: (status, body, headers) => convertGeminiErrorToOpenAI(status, body, headers),
  createStream: (options) => createGeminiToOpenAIStream(options),
};
const cases = loadFixtureCases(fixturesRoot());
const parseRequest = (json: unknown) => {
  const parsed = parseChatCompletionRequest(json);
  return parsed.ok ? { ok: true as const, value: parsed.value } : { ok: false as const, status: parsed.status, error: parsed.error };
};

describe('the conformance kit, in process, on Interlingua mappers and transducers', () => {
  it.each([
    { strictStreams: false, extensions: false },
    { strictStreams: true, extensions: true },
  ])('passes every Anthropic and Gemini case (%o)', async (mode) => {
    const report = await runConformanceInProcess({ cases, translators: { anthropic, gemini }, parseRequest, ...mode });
    const failures = report.cases.filter((result) => result.status === 'fail');
    expect(failures.map((failure) => `${failure.id}: ${failure.reasons.join('; ')}\n${failure.diff ?? ''}`)).toEqual([]);
    // Skipped: the OpenAI-compatible cases (passthrough) and the Vertex AI ones (their path and OAuth are the gateway's;
    // their bodies are the Anthropic and Gemini mappers', scored here through those providers' own cases).
    expect(report.cases.filter((result) => result.status === 'skip').map((result) => result.id)).toEqual(
      cases.filter((fixtureCase) => fixtureCase.provider === 'openai-compatible' || fixtureCase.provider === 'vertex').map((fixtureCase) => fixtureCase.id),
    );
    expect(report.total.passed).toBe(cases.length - report.total.skipped);
    expect(report.total.score).toBe(1);
  });

  it('fails a translator that reports the wrong finish_reason, naming the case and the field', async () => {
    const broken: InProcessTranslator = {
      ...anthropic,
      mapResponse: (body, options) => {
        const result = convertAnthropicResponseToOpenAI(body, options);
        if (!result.ok) return result;
        const response = structuredClone(result.response);
        for (const choice of response.choices) if (choice.finish_reason === 'tool_calls') choice.finish_reason = 'stop';
        return { ...result, response };
      },
    };
    const report = await runConformanceInProcess({ cases: cases.filter((c) => c.id === 'anthropic/tool-use' || c.id === 'anthropic/text'), translators: { anthropic: broken } });
    expect(report.cases.map((result) => [result.id, result.status])).toEqual([
      ['anthropic/text', 'pass'],
      ['anthropic/tool-use', 'fail'],
    ]);
    expect(report.cases[1]!.diff).toContain('$.choices[0].finish_reason: expected "tool_calls", got "stop"');
    expect(report.total.score).toBe(0.5);
  });
});

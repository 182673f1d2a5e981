// A consumer's TypeScript file, type-checked against the installed tarballs under `moduleResolution` node16 and
// bundler (skipLibCheck off, so every shipped .d.ts is checked too). It touches every package's public entry.
import { createDefaultEnvironment, parseChatCompletionRequest, type ChatCompletion, type ChatCompletionChunk, type ChatCompletionRequest, type TranslationWarning } from '@interlingua/openai-schema';
import { createSseDecoderStream, formatSseData, type SseEvent } from '@interlingua/sse';
import { convertAnthropicResponseToOpenAI, convertOpenAIRequestToAnthropic, type AnthropicTranslationContext } from '@interlingua/anthropic-mapper';
import { createAnthropicToOpenAIStream } from '@interlingua/anthropic-transducer';
import { convertOpenAIRequestToGemini, type GeminiTranslationContext } from '@interlingua/gemini-mapper';
import { createGeminiToOpenAIStream } from '@interlingua/gemini-transducer';
import { createGateway, defaultReplayModels, type GatewayOptions } from '@interlingua/gateway';
import { createInterlinguaRouter } from '@interlingua/express';
import worker, { createWorker, type InterlinguaWorkerEnv } from '@interlingua/workers';
import { compareJsonValues, type FixtureCase } from '@interlingua/conformance';
import { createCaseEnvironment, fixturesRoot, loadFixtureCases } from '@interlingua/conformance/node';
import { runConformance, startMockUpstream } from '@interlingua/conformance/runner';
import express from 'express';

const request: ChatCompletionRequest = { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hello' }] };
const parsed = parseChatCompletionRequest(request);
if (parsed.ok) {
  const anthropic = convertOpenAIRequestToAnthropic(parsed.value);
  if (anthropic.ok) {
    const context: AnthropicTranslationContext = anthropic.context;
    const environment = createDefaultEnvironment();
    const reply = convertAnthropicResponseToOpenAI({}, { context, environment });
    const completion: ChatCompletion | undefined = reply.ok ? reply.response : undefined;
    const stream: TransformStream<Uint8Array, Uint8Array> = createAnthropicToOpenAIStream({ context, environment });
    const warnings: TranslationWarning[] = anthropic.warnings;
    void completion;
    void stream;
    void warnings;
  }
}

export async function gemini(): Promise<ReadableStream<Uint8Array> | undefined> {
  const mapped = await convertOpenAIRequestToGemini({ ...request, model: 'gemini-2.5-flash' });
  if (!mapped.ok) return undefined;
  const context: GeminiTranslationContext = mapped.context;
  const upstream = new Response('').body!;
  return upstream.pipeThrough(createGeminiToOpenAIStream({ context, environment: createDefaultEnvironment() }));
}

export function decode(body: ReadableStream<Uint8Array>): ReadableStream<SseEvent> {
  return body.pipeThrough(createSseDecoderStream());
}

export const chunkLine = (chunk: ChatCompletionChunk): string => formatSseData(JSON.stringify(chunk));

const options: GatewayOptions = { models: defaultReplayModels() };
export const handler: (request: Request) => Promise<Response> = createGateway(options);

const app = express();
app.use(createInterlinguaRouter(options));

export const workerFetch: (request: Request, env: InterlinguaWorkerEnv) => Promise<Response> = worker.fetch;
export const customWorker = createWorker({ log: () => {} });

export const cases: FixtureCase[] = loadFixtureCases(fixturesRoot(), { provider: 'anthropic' });
export const firstEnvironment = cases[0] ? createCaseEnvironment(cases[0]) : undefined;
export const sameCase = cases[0] ? compareJsonValues(cases[0].request, cases[0].request) : [];
export const runner: [typeof runConformance, typeof startMockUpstream] = [runConformance, startMockUpstream];

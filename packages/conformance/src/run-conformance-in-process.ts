import type { TranslationEnvironment } from '@interlingua/openai-schema';
import { compareGatewayReply, type ObservedGatewayReply } from './compare-gateway-reply.js';
import { compareUpstreamRequest, upstreamComparisonOptions } from './compare-upstream-request.js';
import { createCaseEnvironment } from './create-case-environment.js';
import { createCaseResult, summariseConformanceResults, type CaseResult, type ConformanceReport } from './conformance-report.js';
import type { FixtureCase, MediaBytes, Provider } from './fixture-case.js';

/** A mapped upstream request, or the OpenAI error the client gets instead (the mapper result shape). */
export type InProcessRequestResult =
  | { ok: true; upstream: { path: string; headers?: Record<string, string>; body: unknown }; context: unknown }
  | { ok: false; status: number; error: unknown };

/** A translated reply, or the OpenAI error the client gets instead. */
export type InProcessResponseResult = { ok: true; response: unknown } | { ok: false; status: number; error: unknown };

/**
 * One provider's translation functions. The shapes are those of Interlingua's mapper and transducer packages, so
 * `{ mapRequest: convertOpenAIRequestToAnthropic, mapResponse: convertAnthropicResponseToOpenAI, mapError:
 * convertAnthropicErrorToOpenAI, createStream: createAnthropicToOpenAIStream }` fits as is; another library wraps
 * its own functions in these four.
 */
export interface InProcessTranslator {
  mapRequest(
    request: never,
    options: { strict: boolean; resolveMedia?: (url: string) => Promise<MediaBytes> },
  ): InProcessRequestResult | Promise<InProcessRequestResult>;
  mapResponse(body: unknown, options: { context: never; environment: TranslationEnvironment }): InProcessResponseResult;
  mapError(status: number, body: unknown, headers: Headers): { status: number; body: unknown; headers?: Record<string, string> };
  createStream(options: { context: never; environment: TranslationEnvironment }): TransformStream<Uint8Array, Uint8Array>;
}

export interface RunConformanceInProcessOptions {
  /** The cases (e.g. `loadFixtureCases(fixturesRoot())` from `@interlingua/conformance/node`). */
  cases: readonly FixtureCase[];
  /** Translators per upstream; a case whose provider has none is skipped. */
  translators: Partial<Record<Provider, InProcessTranslator>>;
  /**
   * Validates the client request before mapping (as a gateway does), e.g. `parseChatCompletionRequest` from
   * `@interlingua/openai-schema`. Returns the request to map or the 400 the client gets. Default: none.
   */
  parseRequest?: (json: unknown) => { ok: true; value: unknown } | { ok: false; status: number; error: unknown };
  /** The translation environment per case (default: the case's fixed ids and clock). */
  createEnvironment?: (fixtureCase: FixtureCase) => TranslationEnvironment;
  strictStreams?: boolean;
  extensions?: boolean;
  /** Label for the report. */
  target?: string;
}

function frames(text: string): string[] {
  // The recorded upstream stream is replayed one event per write, as on the wire.
  return text.split(/(?<=\r?\n\r?\n)/).filter(Boolean);
}

async function readStream(stream: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): ObservedGatewayReply {
  return { status, headers: { 'content-type': 'application/json', ...headers }, text: JSON.stringify(body) };
}

async function runCase(fixtureCase: FixtureCase, translator: InProcessTranslator, options: RunConformanceInProcessOptions): Promise<CaseResult> {
  const environment = (options.createEnvironment ?? createCaseEnvironment)(fixtureCase);
  const media = fixtureCase.description.options?.media ?? {};
  const reasons: string[] = [];
  let request: unknown = fixtureCase.request;
  let observed: ObservedGatewayReply | undefined;
  if (options.parseRequest) {
    const parsed = options.parseRequest(request);
    if (parsed.ok) request = parsed.value;
    else observed = jsonReply(parsed.status, parsed.error);
  }
  if (!observed) {
    const mapped = await translator.mapRequest(request as never, {
      strict: fixtureCase.description.options?.strict === true,
      // Only cases that list media get a resolver (others test what happens without one).
      ...(fixtureCase.description.options?.media
        ? {
            resolveMedia: async (url: string) => {
              const found = media[url];
              if (!found) throw new Error(`the case serves no medium at ${url}`);
              return found;
            },
          }
        : {}),
    });
    if (!mapped.ok) {
      observed = jsonReply(mapped.status, mapped.error);
      if (fixtureCase.upstreamRequest) reasons.push(`the request was rejected (${mapped.status}) but the case expects an upstream call`);
    } else {
      const expectedRequest = fixtureCase.upstreamRequest;
      const recorded = fixtureCase.upstreamResponse;
      if (!expectedRequest || !recorded) {
        reasons.push('the request was mapped, but the case expects it to be rejected before any upstream call');
        return createCaseResult(fixtureCase, 'fail', reasons);
      }
      reasons.push(
        ...compareUpstreamRequest(
          fixtureCase.provider,
          fixtureCase.request,
          expectedRequest,
          {
            method: 'POST',
            path: mapped.upstream.path,
            headers: Object.fromEntries(Object.entries(mapped.upstream.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value])),
            body: mapped.upstream.body,
          },
          upstreamComparisonOptions(fixtureCase),
        ),
      );
      const context = mapped.context as never;
      if (recorded.kind === 'json' && recorded.response.status !== 200) {
        const error = translator.mapError(recorded.response.status, recorded.response.body, new Headers(recorded.response.headers ?? {}));
        observed = jsonReply(error.status, error.body, error.headers);
      } else if (recorded.kind === 'sse') {
        const encoder = new TextEncoder();
        const source = new ReadableStream<Uint8Array>({
          start(controller) {
            for (const frame of frames(recorded.text)) controller.enqueue(encoder.encode(frame));
            controller.close();
          },
        });
        const text = await readStream(source.pipeThrough(translator.createStream({ context, environment })));
        observed = { status: 200, headers: { 'content-type': 'text/event-stream' }, text };
      } else {
        const translated = translator.mapResponse(recorded.response.body, { context, environment });
        observed = translated.ok ? jsonReply(200, translated.response) : jsonReply(translated.status, translated.error);
      }
    }
  }
  const compared = compareGatewayReply(fixtureCase, observed, { strictStreams: options.strictStreams === true, extensions: options.extensions === true });
  reasons.push(...compared.problems);
  return createCaseResult(fixtureCase, reasons.length ? 'fail' : 'pass', reasons, compared.diff);
}

/**
 * The in-process runner for mapper libraries: runs every case through the given translation functions (client request
 * → upstream request, compared with the case's; recorded reply → OpenAI reply, compared with the case's) and reports
 * per case and per category. Pure: no network, no file system.
 */
export async function runConformanceInProcess(options: RunConformanceInProcessOptions): Promise<ConformanceReport> {
  const results: CaseResult[] = [];
  for (const fixtureCase of options.cases) {
    const translator = options.translators[fixtureCase.provider];
    if (fixtureCase.client === 'responses') {
      // The translators here are the Chat Completions ones; a Responses case needs a gateway (runConformance).
      results.push(createCaseResult(fixtureCase, 'skip', ['a Responses API case: run it against a gateway (runConformance, POST /v1/responses)']));
      continue;
    }
    if (fixtureCase.client === 'messages') {
      results.push(createCaseResult(fixtureCase, 'skip', ['a Messages API case: run it against a gateway (runConformance, POST /v1/messages)']));
      continue;
    }
    if (!translator) {
      results.push(createCaseResult(fixtureCase, 'skip', [`no translator for ${fixtureCase.provider}`]));
      continue;
    }
    try {
      results.push(await runCase(fixtureCase, translator, options));
    } catch (error) {
      results.push(createCaseResult(fixtureCase, 'fail', [`the translation threw: ${error instanceof Error ? error.message : String(error)}`]));
    }
  }
  return summariseConformanceResults(options.target ?? 'in-process', { strictStreams: options.strictStreams === true, extensions: options.extensions === true }, results);
}

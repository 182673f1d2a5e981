import {
  convertGeminiErrorToOpenAI,
  convertGeminiResponseToOpenAI,
  convertOpenAIRequestToGemini,
  type GeminiTranslationContext,
} from '@interlingua/gemini-mapper';
import { createGeminiToOpenAITransducer } from '@interlingua/gemini-transducer';
import type { ProviderBridge } from './provider-bridge.js';

export const geminiBridge: ProviderBridge = {
  defaultBaseUrl: 'https://generativelanguage.googleapis.com',
  authHeaders: (apiKey) => ({ 'x-goog-api-key': apiKey }),
  async mapRequest(request, options) {
    const result = await convertOpenAIRequestToGemini(request, {
      strict: options.strict,
      validated: true,
      ...(options.resolveMedia ? { resolveMedia: options.resolveMedia } : {}),
    });
    if (!result.ok) return { ok: false, error: { status: result.status, body: result.error }, warnings: result.warnings };
    return { ok: true, upstream: { ...result.upstream, context: result.context }, warnings: result.warnings };
  },
  mapResponse(body, context, environment) {
    const result = convertGeminiResponseToOpenAI(body, { context: context as GeminiTranslationContext, environment });
    return result.ok
      ? { ok: true, response: result.response, warnings: result.warnings }
      : { ok: false, error: { status: result.status, body: result.error } };
  },
  mapError: (status, body, headers) => convertGeminiErrorToOpenAI(status, body, headers),
  createTranscoder(context, environment, options) {
    const transducer = createGeminiToOpenAITransducer({
      context: context as GeminiTranslationContext,
      environment,
      maxEventSize: options.maxEventBytes,
    });
    return {
      push: (chunk) => transducer.push(chunk),
      end: () => transducer.end(),
      get settled() {
        return transducer.state.failed || transducer.state.ended;
      },
      get complete() {
        const { choices, failed } = transducer.state;
        return !failed && choices.length > 0 && choices.every((choice) => choice.finished);
      },
    };
  },
};

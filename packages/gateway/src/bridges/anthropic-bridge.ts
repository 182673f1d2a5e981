import {
  convertAnthropicErrorToOpenAI,
  convertAnthropicResponseToOpenAI,
  convertOpenAIRequestToAnthropic,
  type AnthropicTranslationContext,
} from '@interlingua/anthropic-mapper';
import { createAnthropicToOpenAITranscoder } from '@interlingua/anthropic-transducer';
import type { ProviderBridge } from './provider-bridge.js';

export const anthropicBridge: ProviderBridge = {
  defaultBaseUrl: 'https://api.anthropic.com',
  authHeaders: (apiKey) => ({ 'x-api-key': apiKey }),
  async mapRequest(request, options) {
    const result = convertOpenAIRequestToAnthropic(request, { strict: options.strict, validated: true });
    if (!result.ok) return { ok: false, error: { status: result.status, body: result.error }, warnings: result.warnings };
    return { ok: true, upstream: { ...result.upstream, context: result.context }, warnings: result.warnings };
  },
  mapResponse(body, context, environment) {
    const result = convertAnthropicResponseToOpenAI(body, { context: context as AnthropicTranslationContext, environment });
    return result.ok
      ? { ok: true, response: result.response, warnings: result.warnings }
      : { ok: false, error: { status: result.status, body: result.error } };
  },
  mapError: (status, body, headers) => convertAnthropicErrorToOpenAI(status, body, headers),
  createTranscoder(context, environment, options) {
    const transcoder = createAnthropicToOpenAITranscoder({
      context: context as AnthropicTranslationContext,
      environment,
      maxEventSize: options.maxEventBytes,
    });
    const encoder = new TextEncoder();
    return {
      push: (chunk) => encoder.encode(transcoder.push(chunk)),
      end: () => encoder.encode(transcoder.end()),
      get settled() {
        return transcoder.settled;
      },
    };
  },
};

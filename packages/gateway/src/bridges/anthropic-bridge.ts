import {
  convertAnthropicErrorToOpenAI,
  convertAnthropicResponseToOpenAI,
  convertOpenAIRequestToAnthropic,
  type AnthropicTranslationContext,
} from '@interlingua/anthropic-mapper';
import { createAnthropicStreamTranscoder } from './create-anthropic-stream-transcoder.js';
import type { ProviderBridge } from './provider-bridge.js';

export const anthropicBridge: ProviderBridge = {
  defaultBaseUrl: 'https://api.anthropic.com',
  authHeaders: (apiKey) => ({ 'x-api-key': apiKey }),
  async mapRequest(request, options) {
    const result = convertOpenAIRequestToAnthropic(request, { strict: options.strict });
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
  createTranscoder: (context, environment, options) =>
    createAnthropicStreamTranscoder({ context: context as AnthropicTranslationContext, environment }, options.maxEventBytes),
};

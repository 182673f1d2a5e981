import { createOpenAIError } from '@interlingua/openai-schema';
import type { ProviderBridge, UpstreamStreamTranscoder } from './provider-bridge.js';

function isErrorEnvelope(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const error = (body as { error?: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}

/**
 * Any OpenAI-style API (DeepSeek, GLM, vLLM, OpenAI itself): the request goes through with only the model name
 * replaced, unknown fields kept; replies and streams come back unchanged.
 */
export const openAICompatibleBridge: ProviderBridge = {
  defaultBaseUrl: 'https://api.openai.com/v1',
  authHeaders: (apiKey) => ({ authorization: `Bearer ${apiKey}` }),
  mapRequest(request) {
    return {
      ok: true,
      upstream: { path: '/chat/completions', headers: { 'content-type': 'application/json' }, body: request, context: null },
      warnings: [],
    };
  },
  forwardsRequest: true,
  mapResponse: (body) => ({ ok: true, response: body, warnings: [] }),
  mapError(status, body, headers) {
    const retryAfter = headers.get('retry-after');
    const passed: Record<string, string> = retryAfter ? { 'retry-after': retryAfter } : {};
    if (isErrorEnvelope(body)) return { status, body, headers: passed };
    const message = typeof body === 'string' && body ? body.slice(0, 500) : `The upstream answered with status ${status}.`;
    return { status, body: createOpenAIError(status, message).body, headers: passed };
  },
  createTranscoder: () => new PassThroughStreamTranscoder(),
};

/**
 * The reply is already OpenAI SSE and passes through; it is complete once its bytes end with `data: [DONE]`. (A
 * class: an object literal with a getter costs about 700 bytes per stream.)
 */
class PassThroughStreamTranscoder implements UpstreamStreamTranscoder {
  private tail = '';

  push(chunk: Uint8Array): Uint8Array {
    let tail = this.tail;
    for (let index = Math.max(0, chunk.length - 32); index < chunk.length; index++) tail += String.fromCharCode(chunk[index]!);
    this.tail = tail.slice(-32);
    return chunk;
  }

  end(): Uint8Array {
    return new Uint8Array(0);
  }

  get settled(): boolean {
    return this.tail.trimEnd().endsWith('data: [DONE]');
  }
}

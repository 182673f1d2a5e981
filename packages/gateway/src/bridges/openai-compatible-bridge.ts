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

/** How many of the stream's last bytes are kept to see the `data: [DONE]` line and the line ends after it. */
const TAIL_BYTES = 32;

/**
 * The end of an OpenAI stream: a line `data: [DONE]` followed only by line ends. SSE (WHATWG HTML, "Server-sent
 * events", event stream interpretation) ends a line with CR, LF or CRLF and drops one space after a field's colon, so
 * `data:[DONE]` is the same line. A whole line: the marker's text inside a JSON string (a model may write it) is never
 * preceded by a line break there, as JSON escapes those, so a chunk cut right after it is not the end.
 */
const DONE_LINE = /[\r\n]data: ?\[DONE\][\r\n]\s*$/;

/**
 * The reply is already OpenAI SSE and passes through; it is complete once its bytes end with the `data: [DONE]` line.
 * A class with a plain `settled` field, decided once per chunk from the chunk's last bytes: an object literal with a
 * getter costs about 700 bytes per stream, and a getter would test the tail again at every read.
 */
class PassThroughStreamTranscoder implements UpstreamStreamTranscoder {
  /** The stream's last bytes as Latin-1 characters (the marker is ASCII), after a line break standing for its start. */
  private tail = '\n';
  settled = false;

  push(chunk: Uint8Array): Uint8Array {
    const length = chunk.length;
    const last = String.fromCharCode.apply(null, (length > TAIL_BYTES ? chunk.subarray(length - TAIL_BYTES) : chunk) as unknown as number[]);
    this.tail = length >= TAIL_BYTES ? last : (this.tail + last).slice(-TAIL_BYTES);
    // Once complete the stream is closed (the supervisor reads no further chunk): the flag need not go back.
    if (!this.settled) this.settled = DONE_LINE.test(this.tail);
    return chunk;
  }

  end(): Uint8Array {
    return new Uint8Array(0);
  }
}

import { createOpenAIError, type OpenAIErrorResponse } from '@interlingua/openai-schema';

export type CallUpstreamResult = { ok: true; response: Response } | { ok: false; error: OpenAIErrorResponse; reason: string };

/**
 * POSTs to the upstream. The request is aborted when the client goes away (`clientSignal`) or when no response
 * headers arrived within `timeoutMs` (504); a network failure is a 502. The timeout covers the headers only: a
 * stream may run as long as it keeps sending.
 */
export async function callUpstream(
  fetchImplementation: typeof fetch,
  url: string,
  init: { headers: Record<string, string>; body: string },
  clientSignal: AbortSignal | undefined,
  timeoutMs: number,
): Promise<CallUpstreamResult> {
  const controller = new AbortController();
  const onClientAbort = () => controller.abort(clientSignal?.reason);
  if (clientSignal?.aborted) onClientAbort();
  clientSignal?.addEventListener('abort', onClientAbort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('upstream timeout'));
  }, timeoutMs);
  try {
    const response = await fetchImplementation(url, { method: 'POST', headers: init.headers, body: init.body, signal: controller.signal });
    return { ok: true, response };
  } catch (error) {
    clientSignal?.removeEventListener('abort', onClientAbort);
    if (timedOut) {
      return {
        ok: false,
        reason: 'timeout',
        error: createOpenAIError(504, `The upstream did not answer within ${timeoutMs} ms.`, { type: 'timeout_error', code: 'upstream_timeout' }),
      };
    }
    if (clientSignal?.aborted) {
      return { ok: false, reason: 'client_aborted', error: createOpenAIError(499, 'The client closed the request.', { code: 'client_closed_request' }) };
    }
    return {
      ok: false,
      reason: 'unreachable',
      error: createOpenAIError(502, 'The upstream could not be reached.', { type: 'api_error', code: 'upstream_unreachable' }),
    };
  } finally {
    clearTimeout(timer);
  }
}

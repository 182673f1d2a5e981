import { createOpenAIError, type OpenAIErrorResponse } from '@interlingua/openai-schema';
import { MAX_TIMER_DELAY_MS, type Deadline } from './create-deadline.js';
import type { UpstreamFetch, UpstreamRequestInit, UpstreamResponse } from './gateway-exchange.js';
import type { ClientClosed, LazyAbortController } from './lazy-abort-controller.js';

export type CallUpstreamResult = { ok: true; response: UpstreamResponse } | { ok: false; error: OpenAIErrorResponse; reason: string };

export interface CallUpstreamOptions {
  /** Aborts the upstream request; the caller links the client's signal and the deadline to it. */
  controller: LazyAbortController;
  /** The client going away (`clientClosedOf(request)`). */
  clientClosed: ClientClosed | undefined;
  deadline: Deadline;
  /** Time allowed for the response headers (504 `upstream_timeout` after). */
  headersTimeoutMs: number;
}

/** The upstream call's init, whose `signal` is made only if the fetch reads it (see `UpstreamRequestInit.abort`). */
class LazySignalInit implements UpstreamRequestInit {
  readonly method = 'POST' as const;

  constructor(
    readonly headers: Record<string, string>,
    readonly body: string,
    readonly abort: LazyAbortController,
  ) {}

  get signal(): AbortSignal {
    return this.abort.signal;
  }
}

/**
 * POSTs to the upstream. The request is aborted when the client goes away (499), when no response headers arrived
 * within `headersTimeoutMs` (504 `upstream_timeout`), or when the request's deadline passes (504
 * `request_timeout`); a network failure is a 502. A fetch that ignores its signal is abandoned all the same.
 */
export async function callUpstream(
  fetchImplementation: UpstreamFetch,
  url: string,
  init: { headers: Record<string, string>; body: string },
  options: CallUpstreamOptions,
): Promise<CallUpstreamResult> {
  const { controller, clientClosed, deadline, headersTimeoutMs } = options;
  let headersTimedOut = false;
  const timer = setTimeout(() => {
    headersTimedOut = true;
    controller.abort(new Error('upstream timeout'));
  }, Math.min(headersTimeoutMs, MAX_TIMER_DELAY_MS));
  const aborted = controller.whenAborted();
  try {
    const response = await Promise.race([
      fetchImplementation(url, new LazySignalInit(init.headers, init.body, controller)),
      aborted.promise,
    ]);
    return { ok: true, response };
  } catch {
    if (clientClosed?.aborted) {
      return { ok: false, reason: 'client_aborted', error: createOpenAIError(499, 'The client closed the request.', { code: 'client_closed_request' }) };
    }
    if (deadline.expired) {
      return {
        ok: false,
        reason: 'request_timeout',
        error: createOpenAIError(504, `The request did not complete within ${deadline.timeoutMs} ms.`, { type: 'timeout_error', code: 'request_timeout' }),
      };
    }
    if (headersTimedOut) {
      return {
        ok: false,
        reason: 'timeout',
        error: createOpenAIError(504, `The upstream did not answer within ${headersTimeoutMs} ms.`, { type: 'timeout_error', code: 'upstream_timeout' }),
      };
    }
    return {
      ok: false,
      reason: 'unreachable',
      error: createOpenAIError(502, 'The upstream could not be reached.', { type: 'api_error', code: 'upstream_unreachable' }),
    };
  } finally {
    clearTimeout(timer);
    aborted.stop();
  }
}

import { createOpenAIError, type OpenAIErrorResponse } from '@interlingua/openai-schema';
import { MAX_TIMER_DELAY_MS, type Deadline, type DeadlineWatch } from './create-deadline.js';
import type { UpstreamFetch, UpstreamRequestInit, UpstreamResponse } from './gateway-exchange.js';
import { NOTHING_TO_UNDO, type ClientClosed, type LazyAbortController } from './lazy-abort-controller.js';

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
export function callUpstream(
  fetchImplementation: UpstreamFetch,
  url: string,
  init: { headers: Record<string, string>; body: string },
  options: CallUpstreamOptions,
): Promise<CallUpstreamResult> {
  return new Promise((resolve) => new UpstreamCall(options, resolve).start(fetchImplementation, url, init));
}

/**
 * One upstream call: its headers timeout (watched by the request's timer, see `Deadline.watch`) and the first of the
 * fetch's answer and the controller's abort, without a race, an abort promise and a timer per request.
 */
class UpstreamCall implements DeadlineWatch {
  private headersTimedOut = false;
  private over = false;
  /** When the headers are due (`DeadlineWatch`). */
  dueAt = Infinity;
  private stopWatching: () => void = NOTHING_TO_UNDO;

  constructor(
    private readonly options: CallUpstreamOptions,
    private readonly resolve: (result: CallUpstreamResult) => void,
  ) {}

  start(fetchImplementation: UpstreamFetch, url: string, init: { headers: Record<string, string>; body: string }): void {
    const controller = this.options.controller;
    this.dueAt = Date.now() + Math.min(this.options.headersTimeoutMs, MAX_TIMER_DELAY_MS);
    this.options.deadline.watch(this);
    this.stopWatching = controller.onAbort(this.onFailure);
    if (this.over) return;
    let fetched: Promise<UpstreamResponse>;
    try {
      fetched = fetchImplementation(url, new LazySignalInit(init.headers, init.body, controller));
    } catch (error) {
      fetched = Promise.reject(error);
    }
    fetched.then(this.onResponse, this.onFailure);
  }

  /** The headers timeout passed (`DeadlineWatch`). */
  onDue(): void {
    this.headersTimedOut = true;
    this.options.controller.abort(new Error('upstream timeout'));
  }

  private readonly onResponse = (response: UpstreamResponse): void => {
    this.finish({ ok: true, response });
  };

  /** The fetch failed, or the controller aborted first (the client, the deadline, the headers timer). */
  private readonly onFailure = (): void => {
    if (this.over) return;
    const { clientClosed, deadline, headersTimeoutMs } = this.options;
    if (clientClosed?.aborted) {
      this.finish({ ok: false, reason: 'client_aborted', error: createOpenAIError(499, 'The client closed the request.', { code: 'client_closed_request' }) });
    } else if (deadline.expired) {
      this.finish({
        ok: false,
        reason: 'request_timeout',
        error: createOpenAIError(504, `The request did not complete within ${deadline.timeoutMs} ms.`, { type: 'timeout_error', code: 'request_timeout' }),
      });
    } else if (this.headersTimedOut) {
      this.finish({
        ok: false,
        reason: 'timeout',
        error: createOpenAIError(504, `The upstream did not answer within ${headersTimeoutMs} ms.`, { type: 'timeout_error', code: 'upstream_timeout' }),
      });
    } else {
      this.finish({
        ok: false,
        reason: 'unreachable',
        error: createOpenAIError(502, 'The upstream could not be reached.', { type: 'api_error', code: 'upstream_unreachable' }),
      });
    }
  };

  private finish(result: CallUpstreamResult): void {
    if (this.over) return;
    this.over = true;
    this.options.deadline.unwatch(this);
    this.stopWatching();
    this.resolve(result);
  }
}

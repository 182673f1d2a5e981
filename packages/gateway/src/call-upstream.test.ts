import { describe, expect, it } from 'vitest';
import { callUpstream } from './call-upstream.js';
import { createDeadline } from './create-deadline.js';
import type { UpstreamFetch, UpstreamResponse } from './gateway-exchange.js';
import { LazyAbortController } from './lazy-abort-controller.js';

const answered: UpstreamResponse = { status: 200, headers: { get: () => null }, body: null };
const never: UpstreamFetch = () => new Promise(() => {});
const init = { headers: { 'content-type': 'application/json' }, body: '{}' };

function call(fetch: UpstreamFetch, { headersTimeoutMs = 10_000, deadlineMs = 10_000, clientClosed = new LazyAbortController() } = {}) {
  const controller = new LazyAbortController();
  const deadline = createDeadline(deadlineMs);
  const unlink = deadline.onExpire(() => controller.abort(new Error('request timeout')));
  const result = callUpstream(fetch, 'http://127.0.0.1:9/v1/messages', init, { controller, clientClosed, deadline, headersTimeoutMs });
  void result.finally(() => {
    unlink();
    deadline.dispose();
  });
  return { result, controller, clientClosed };
}

describe('callUpstream', () => {
  it('answers with the response, after passing the headers, the body and a signal that follows the controller', async () => {
    let seen: { url: string; body: string; headers: Record<string, string>; aborted: boolean } | undefined;
    const { result } = call(async (url, requestInit) => {
      seen = { url, body: requestInit.body, headers: requestInit.headers, aborted: requestInit.signal.aborted };
      return answered;
    });
    expect(await result).toEqual({ ok: true, response: answered });
    expect(seen).toEqual({ url: 'http://127.0.0.1:9/v1/messages', body: '{}', headers: init.headers, aborted: false });
  });

  it('is a 502 upstream_unreachable when the fetch fails, also when it throws at once', async () => {
    for (const fetch of [() => Promise.reject(new Error('ECONNREFUSED')), () => { throw new Error('bad url'); }] as UpstreamFetch[]) {
      const outcome = await call(fetch).result;
      expect(!outcome.ok && [outcome.error.status, outcome.error.body.error.code, outcome.reason]).toEqual([502, 'upstream_unreachable', 'unreachable']);
    }
  });

  it('is a 504 upstream_timeout when no headers come in time, and aborts the controller', async () => {
    const { result, controller } = call(never, { headersTimeoutMs: 20 });
    const outcome = await result;
    expect(!outcome.ok && [outcome.error.status, outcome.error.body.error.code, outcome.reason]).toEqual([504, 'upstream_timeout', 'timeout']);
    expect(controller.aborted).toBe(true);
  });

  it('is a 504 request_timeout when the deadline passes first', async () => {
    const outcome = await call(never, { deadlineMs: 20 }).result;
    expect(!outcome.ok && [outcome.error.status, outcome.error.body.error.code]).toEqual([504, 'request_timeout']);
  });

  it('is a 499 when the client goes away, and a fetch that answers later is ignored', async () => {
    let answer!: (response: UpstreamResponse) => void;
    const { result, controller, clientClosed } = call(() => new Promise((resolve) => (answer = resolve)));
    clientClosed.abort(new Error('client closed the connection'));
    controller.abort(new Error('client closed the request'));
    answer(answered);
    const outcome = await result;
    expect(!outcome.ok && [outcome.error.status, outcome.reason]).toEqual([499, 'client_aborted']);
  });

  it('does not call the upstream when the request was aborted already', async () => {
    const controller = new LazyAbortController();
    const clientClosed = new LazyAbortController();
    clientClosed.abort(new Error('gone'));
    controller.abort(new Error('client closed the request'));
    let called = false;
    const deadline = createDeadline(10_000);
    const outcome = await callUpstream(async () => ((called = true), answered), 'http://127.0.0.1:9/', init, { controller, clientClosed, deadline, headersTimeoutMs: 10_000 });
    deadline.dispose();
    expect(!outcome.ok && outcome.reason).toBe('client_aborted');
    expect(called).toBe(false);
  });
});

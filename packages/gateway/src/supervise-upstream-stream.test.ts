import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TranslationWarning } from '@interlingua/openai-schema';
import type { UpstreamStreamTranscoder } from './bridges/provider-bridge.js';
import { createDeadline } from './create-deadline.js';
import { superviseUpstreamStream, type StreamOutcome } from './supervise-upstream-stream.js';
import { LazyAbortController } from './lazy-abort-controller.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const WARNING: TranslationWarning = { code: 'content_block_skipped', param: 'content[1]', message: 'a server_tool_use block has no OpenAI form' };

/** A transcoder that echoes each upstream line as a chunk frame and ends with [DONE] on "end", noting a warning on "warn". */
function echoTranscoder(): UpstreamStreamTranscoder & { warnings: TranslationWarning[] } {
  let settled = false;
  const warnings: TranslationWarning[] = [];
  const frames = (text: string) =>
    text
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        if (line === 'warn') warnings.push(WARNING);
        if (line === 'end') {
          settled = true;
          return 'data: [DONE]\n\n';
        }
        return `data: {"line":"${line}"}\n\n`;
      })
      .join('');
  return {
    warnings,
    push: (chunk) => encoder.encode(frames(decoder.decode(chunk))),
    end: () => encoder.encode(settled ? '' : 'data: {"error":{"code":"cut"}}\n\n'),
    get settled() {
      return settled;
    },
  };
}

async function run(upstreamText: string[], transcoder = echoTranscoder()) {
  const upstream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of upstreamText) controller.enqueue(encoder.encode(part));
      controller.close();
    },
  });
  const outcomes: StreamOutcome[] = [];
  const deadline = createDeadline(10_000);
  const stream = superviseUpstreamStream(upstream, {
    transcoder,
    controller: new LazyAbortController(),
    deadline,
    idleTimeoutMs: 10_000,
    onFinish: (outcome) => outcomes.push(outcome),
  });
  const text = await new Response(stream).text();
  deadline.dispose();
  return { text, outcomes };
}

describe('superviseUpstreamStream warnings', () => {
  it('writes the warnings met in a stream as an SSE comment just before [DONE]', async () => {
    const { text, outcomes } = await run(['a\nwarn\n', 'b\nend\n']);
    expect(text).toBe(
      'data: {"line":"a"}\n\ndata: {"line":"warn"}\n\ndata: {"line":"b"}\n\n: x-interlingua-warnings: content_block_skipped(content[1])\n\ndata: [DONE]\n\n',
    );
    expect(outcomes).toEqual([{ kind: 'completed' }]);
  });

  it('writes nothing extra when there is no warning', async () => {
    const { text } = await run(['a\nend\n']);
    expect(text).toBe('data: {"line":"a"}\n\ndata: [DONE]\n\n');
  });

  it('after an error payload (no [DONE]) the comment comes last', async () => {
    const { text } = await run(['warn\n']);
    expect(text).toBe('data: {"line":"warn"}\n\ndata: {"error":{"code":"cut"}}\n\n: x-interlingua-warnings: content_block_skipped(content[1])\n\n');
  });
});

describe('superviseUpstreamStream after a complete answer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** An upstream body the test feeds by hand, noting whether it was cancelled. */
  function handFedUpstream() {
    let feed!: ReadableStreamDefaultController<Uint8Array>;
    const state = { cancelled: false };
    const body = new ReadableStream<Uint8Array>(
      {
        start(controller) {
          feed = controller;
        },
        cancel() {
          state.cancelled = true;
        },
      },
      { highWaterMark: 0 },
    );
    return { body, feed: () => feed, state };
  }

  function supervise(body: ReadableStream<Uint8Array>) {
    const outcomes: StreamOutcome[] = [];
    const deadline = createDeadline(10_000);
    const stream = superviseUpstreamStream(body, {
      transcoder: echoTranscoder(),
      controller: new LazyAbortController(),
      deadline,
      idleTimeoutMs: 10_000,
      onFinish: (outcome) => outcomes.push(outcome),
    });
    return { text: new Response(stream).text(), outcomes };
  }

  it('ends the client stream at once, then reads the upstream body to its end instead of cancelling it', async () => {
    const upstream = handFedUpstream();
    const { text, outcomes } = supervise(upstream.body);
    upstream.feed().enqueue(encoder.encode('a\nend\n'));
    expect(await text).toBe('data: {"line":"a"}\n\ndata: [DONE]\n\n');
    expect(outcomes).toEqual([{ kind: 'completed' }]);
    upstream.feed().enqueue(encoder.encode(': trailing comment\n\n'));
    upstream.feed().close();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(upstream.state.cancelled).toBe(false);
  });

  it('cancels the upstream body when more than 64 KiB follow the answer', async () => {
    const upstream = handFedUpstream();
    const { text } = supervise(upstream.body);
    upstream.feed().enqueue(encoder.encode('a\nend\n'));
    await text;
    for (let i = 0; i < 70 && !upstream.state.cancelled; i++) {
      upstream.feed().enqueue(new Uint8Array(1024));
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    expect(upstream.state.cancelled).toBe(true);
  });

  it('cancels the upstream body when its end does not come within a second', async () => {
    vi.useFakeTimers();
    const upstream = handFedUpstream();
    const { text } = supervise(upstream.body);
    upstream.feed().enqueue(encoder.encode('a\nend\n'));
    await text;
    await vi.advanceTimersByTimeAsync(999);
    expect(upstream.state.cancelled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(upstream.state.cancelled).toBe(true);
  });
});

describe('superviseUpstreamStream idle timeout on the request deadline\'s timer', () => {
  it('trips in time on a read that starts after the client paused past a firing of the timer', async () => {
    const upstream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('a\n')); // then nothing, ever
      },
    });
    const outcomes: StreamOutcome[] = [];
    // The request's timer is armed at 40 ms (the shortest limit), before the 80 ms idle timeout of any read.
    const deadline = createDeadline(20_000, 40);
    const reader = superviseUpstreamStream(upstream, {
      transcoder: echoTranscoder(),
      controller: new LazyAbortController(),
      deadline,
      idleTimeoutMs: 80,
      onFinish: (outcome) => outcomes.push(outcome),
    }).getReader();
    try {
      expect(decoder.decode((await reader.read()).value)).toBe('data: {"line":"a"}\n\n');
      // The client does not read for 120 ms: no upstream read is in flight when the timer fires at 40 ms.
      await new Promise((resolve) => setTimeout(resolve, 120));
      const started = Date.now();
      while (!(await reader.read()).done);
      expect(outcomes).toEqual([{ kind: 'upstream_idle_timeout' }]);
      // The read that started after the pause waited its 80 ms, not until the deadline (20 s).
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      deadline.dispose();
    }
  });
});

import { describe, expect, it } from 'vitest';
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

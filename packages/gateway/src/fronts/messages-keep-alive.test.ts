import { parseMessagesSse, checkMessagesEventGrammar } from '@interlingua/conformance';
import { createChatToMessagesTranscoder } from '@interlingua/messages-transducer';
import { createFixedEnvironment } from '@interlingua/openai-schema';
import { describe, expect, it } from 'vitest';
import { createDeadline } from '../create-deadline.js';
import { superviseUpstreamStream } from '../supervise-upstream-stream.js';
import { LazyAbortController } from '../lazy-abort-controller.js';

const encoder = new TextEncoder();
const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

describe('keep-alive pings on a quiet translated stream', () => {
  it('sends the client API\'s ping while the upstream is quiet, and none after the end', async () => {
    let release!: () => void;
    const gap = new Promise<void>((resolve) => (release = resolve));
    const upstream = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode(chunk({ role: 'assistant', content: 'Hel' })));
        await gap; // the upstream goes quiet until the test has seen a ping
        controller.enqueue(encoder.encode(chunk({ content: 'lo' }) + chunk({}, 'stop') + 'data: [DONE]\n\n'));
        controller.close();
      },
    });
    const transcoder = createChatToMessagesTranscoder({ model: 'm', stream: true, stopSequences: [], omitThinking: false }, createFixedEnvironment());
    let settled = false;
    const body = superviseUpstreamStream(upstream, {
      // The hub stream passes through (an OpenAI-compatible upstream).
      transcoder: { push: (bytes) => ((settled ||= new TextDecoder().decode(bytes).includes('[DONE]')), bytes), end: () => new Uint8Array(0), get settled() { return settled; } },
      clientTranscoder: { push: (bytes) => transcoder.push(bytes), end: () => transcoder.end(), keepAlive: { intervalMs: 5, bytes: () => transcoder.ping() } },
      controller: new LazyAbortController(),
      deadline: createDeadline(60_000),
      idleTimeoutMs: 60_000,
      onFinish: () => {},
    });
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
      if (text.includes('event: ping')) release();
    }
    const events = parseMessagesSse(text);
    expect(events.filter((e) => e.type === 'ping').length).toBeGreaterThanOrEqual(1);
    expect(checkMessagesEventGrammar(events)).toEqual([]);
    expect(events.at(-1)?.type).toBe('message_stop');
    expect(events.map((e) => e.type).filter((t) => t !== 'ping')).toEqual(['message_start', 'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
  });
});

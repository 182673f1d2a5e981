import { createDefaultEnvironment } from '@interlingua/openai-schema';
import { expect, it } from 'vitest';
import { parseOpenAISseFrames } from '../test/stream-test-helpers.js';
import { createAnthropicToOpenAIStream } from './create-anthropic-to-openai-stream.js';

it('the README example runs and ends with the usage chunk and [DONE]', async () => {
  const upstreamSse = [
    'event: message_start',
    'data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"usage":{"input_tokens":12,"output_tokens":1}}}',
    '',
    'event: content_block_start',
    'data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}',
    '',
    'event: content_block_delta',
    'data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello!"}}',
    '',
    'event: content_block_stop',
    'data: {"type":"content_block_stop","index":0}',
    '',
    'event: message_delta',
    'data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":3}}',
    '',
    'event: message_stop',
    'data: {"type":"message_stop"}',
    '',
    '',
  ].join('\n');
  const upstream = new Response(upstreamSse).body!;
  const openai = upstream.pipeThrough(
    createAnthropicToOpenAIStream({ context: { requestedModel: 'claude-sonnet-4-5', includeUsage: true }, environment: createDefaultEnvironment() }),
  );
  const frames = parseOpenAISseFrames(await new Response(openai).text()) as Array<{ choices?: Array<{ delta: unknown; finish_reason: unknown }>; usage?: unknown } | '[DONE]'>;
  expect(frames.map((frame) => (frame === '[DONE]' ? frame : frame.choices?.[0] ?? frame.usage))).toEqual([
    { index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null },
    { index: 0, delta: { content: 'Hello!' }, logprobs: null, finish_reason: null },
    { index: 0, delta: {}, logprobs: null, finish_reason: 'stop' },
    { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } },
    '[DONE]',
  ]);
});

import { createFixedEnvironment } from '@interlingua/openai-schema';
import { describe, expect, it } from 'vitest';
import { createAnthropicToOpenAITranscoder } from './create-anthropic-to-openai-transcoder.js';

const messageStart =
  'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}}\n\n';

describe('createAnthropicToOpenAITranscoder with maxEventSize', () => {
  it('ends the stream with an upstream_event_too_large error payload when one event outgrows the bound', () => {
    const transcoder = createAnthropicToOpenAITranscoder({
      context: { requestedModel: 'claude-x', includeUsage: false },
      environment: createFixedEnvironment(),
      maxEventSize: 1000,
    });
    const first = transcoder.push(messageStart);
    expect(first).toContain('"role":"assistant"');
    expect(transcoder.settled).toBe(false);
    const huge = `event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"${'x'.repeat(5000)}"}}\n\n`;
    // The bound is on what the decoder must hold while an event is incomplete (it arrives over several reads).
    const output = transcoder.push(huge.slice(0, 3000));
    const error = JSON.parse(output.trim().slice('data: '.length)) as { error: { code: string; type: string } };
    expect(error.error).toMatchObject({ code: 'upstream_event_too_large', type: 'api_error' });
    expect(transcoder.settled).toBe(true);
    // Nothing follows the error payload: no [DONE], no further chunks.
    expect(transcoder.push(messageStart)).toBe('');
    expect(transcoder.end()).toBe('');
  });

  it('leaves events within the bound alone', () => {
    const transcoder = createAnthropicToOpenAITranscoder({
      context: { requestedModel: 'claude-x', includeUsage: false },
      environment: createFixedEnvironment(),
      maxEventSize: 100_000,
    });
    expect(transcoder.push(messageStart)).toContain('chat.completion.chunk');
    expect(transcoder.settled).toBe(false);
  });
});

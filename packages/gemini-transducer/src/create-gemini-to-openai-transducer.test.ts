import { createFixedEnvironment } from '@interlingua/openai-schema';
import { describe, expect, it } from 'vitest';
import { concatBytes, parseOpenAISseFrames } from '../test/sse-frames.js';
import { createGeminiToOpenAITransducer } from './create-gemini-to-openai-transducer.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function translate(upstream: string | Uint8Array, includeUsage = false): unknown[] {
  const transducer = createGeminiToOpenAITransducer({ context: { model: 'm', includeUsage }, environment: createFixedEnvironment() });
  const bytes = typeof upstream === 'string' ? encoder.encode(upstream) : upstream;
  return parseOpenAISseFrames(decoder.decode(concatBytes([transducer.push(bytes), transducer.end()])));
}

const textEvent = '{"candidates":[{"content":{"parts":[{"text":"hi"}]}}]}';
const stopEvent = '{"candidates":[{"content":{"parts":[{"text":"!"}]},"finishReason":"STOP"}]}';

describe('createGeminiToOpenAITransducer', () => {
  it('ends a complete stream with [DONE]', () => {
    expect(translate(`data: ${textEvent}\r\n\r\ndata: ${stopEvent}\r\n\r\n`).at(-1)).toBe('[DONE]');
  });

  it('accepts a final event whose blank line was cut off', () => {
    const frames = translate(`data: ${textEvent}\r\n\r\ndata: ${stopEvent}`);
    expect(frames.at(-1)).toBe('[DONE]');
    expect(frames).toHaveLength(4);
  });

  it('a stream cut inside an event: the partial event is reported, no [DONE]', () => {
    const frames = translate(`data: ${textEvent}\r\n\r\ndata: {"candidates":[{"cont`);
    expect(frames).toHaveLength(2);
    expect(frames[1]).toMatchObject({ error: { type: 'api_error', param: null, code: 'upstream_invalid_event' } });
  });

  it('an event that is valid JSON but not a GenerateContentResponse is reported', () => {
    const frames = translate(`data: {"candidates":"nope"}\r\n\r\n`);
    expect(frames).toEqual([
      {
        error: {
          message: expect.stringContaining('candidates'),
          type: 'api_error',
          param: null,
          code: 'upstream_invalid_event',
        },
      },
    ]);
  });

  it('a JSON array body (streamGenerateContent without alt=sse) has no SSE event: an error payload, nothing translated', () => {
    const frames = translate(`[${textEvent},\n${stopEvent}]`);
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatchObject({ error: { code: 'upstream_stream_truncated' } });
  });

  it('an empty upstream body is a truncation error', () => {
    expect(translate('')).toEqual([
      { error: { message: 'The Gemini stream ended without sending any event.', type: 'api_error', param: null, code: 'upstream_stream_truncated' } },
    ]);
  });

  it('an event larger than maxEventSize ends the stream with an error payload', () => {
    const transducer = createGeminiToOpenAITransducer({ context: { model: 'm', includeUsage: false }, environment: createFixedEnvironment(), maxEventSize: 100 });
    const out = concatBytes([transducer.push(encoder.encode(`data: ${'x'.repeat(200)}`)), transducer.push(encoder.encode('\r\n\r\n')), transducer.end()]);
    const frames = parseOpenAISseFrames(decoder.decode(out));
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatchObject({ error: { code: 'upstream_invalid_event' } });
  });

  it('returns output as soon as an event is complete (no buffering of the stream)', () => {
    const transducer = createGeminiToOpenAITransducer({ context: { model: 'm', includeUsage: false }, environment: createFixedEnvironment() });
    expect(transducer.push(encoder.encode(`data: ${textEvent}\r\n`)).length).toBe(0);
    expect(decoder.decode(transducer.push(encoder.encode('\r\n')))).toContain('"content":"hi"');
  });
});

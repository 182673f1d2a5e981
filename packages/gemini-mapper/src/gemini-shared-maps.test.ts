import { describe, expect, it } from 'vitest';
import { convertGeminiUsage } from './convert-gemini-usage.js';
import { isKnownGeminiFinishReason, mapGeminiFinishReason } from './map-gemini-finish-reason.js';

describe('mapGeminiFinishReason', () => {
  it.each([
    ['STOP', false, 'stop'],
    ['STOP', true, 'tool_calls'],
    ['MAX_TOKENS', true, 'length'],
    ['SAFETY', false, 'content_filter'],
    ['RECITATION', false, 'content_filter'],
    ['PROHIBITED_CONTENT', false, 'content_filter'],
    ['IMAGE_SAFETY', false, 'content_filter'],
    ['MALFORMED_FUNCTION_CALL', false, 'stop'],
    ['SOMETHING_NEW', false, 'stop'],
  ] as const)('%s (calls made: %s) → %s', (reason, calls, expected) => {
    expect(mapGeminiFinishReason(reason, calls)).toBe(expected);
  });
  it('knows the documented reasons only', () => {
    expect(isKnownGeminiFinishReason('MISSING_THOUGHT_SIGNATURE')).toBe(true);
    expect(isKnownGeminiFinishReason('SOMETHING_NEW')).toBe(false);
  });
});

describe('convertGeminiUsage', () => {
  it('adds thoughts to completion and tool-use prompt tokens to prompt', () => {
    expect(
      convertGeminiUsage({
        promptTokenCount: 100,
        cachedContentTokenCount: 60,
        toolUsePromptTokenCount: 5,
        candidatesTokenCount: 20,
        thoughtsTokenCount: 30,
        totalTokenCount: 155,
      }),
    ).toEqual({
      prompt_tokens: 105,
      completion_tokens: 50,
      total_tokens: 155,
      prompt_tokens_details: { cached_tokens: 60 },
      completion_tokens_details: { reasoning_tokens: 30 },
    });
  });
  it('sums when totalTokenCount is missing (Vertex intermediate events carry no counts)', () => {
    expect(convertGeminiUsage({}).total_tokens).toBe(0);
    expect(convertGeminiUsage({ promptTokenCount: 9, candidatesTokenCount: 50 }).total_tokens).toBe(59);
  });
});

describe('convertGeminiUsage with counts that are not token counts', () => {
  it('counts negative and fractional values as 0 and sums when the total is not a count', () => {
    expect(convertGeminiUsage({ promptTokenCount: 4, candidatesTokenCount: -1, thoughtsTokenCount: 0.5, totalTokenCount: -3 })).toEqual({
      prompt_tokens: 4,
      completion_tokens: 0,
      total_tokens: 4,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
  });
});

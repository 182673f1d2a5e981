import { describe, expect, it } from 'vitest';
import { convertAnthropicUsage } from './convert-anthropic-usage.js';
import { isKnownAnthropicStopReason, mapAnthropicStopReason } from './map-anthropic-stop-reason.js';

describe('mapAnthropicStopReason', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['tool_use', 'tool_calls'],
    ['refusal', 'content_filter'],
    ['pause_turn', 'stop'],
    [null, 'stop'],
    ['something_new', 'stop'],
  ] as const)('%s → %s', (reason, expected) => {
    expect(mapAnthropicStopReason(reason)).toBe(expected);
  });
  it('knows the documented reasons only', () => {
    expect(isKnownAnthropicStopReason('pause_turn')).toBe(true);
    expect(isKnownAnthropicStopReason('something_new')).toBe(false);
  });
});

describe('convertAnthropicUsage', () => {
  it('counts cache reads and writes into prompt_tokens', () => {
    expect(
      convertAnthropicUsage({ input_tokens: 10, cache_read_input_tokens: 100, cache_creation_input_tokens: 50, output_tokens: 7 }),
    ).toEqual({
      prompt_tokens: 160,
      completion_tokens: 7,
      total_tokens: 167,
      prompt_tokens_details: { cached_tokens: 100, cache_write_tokens: 50 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
  });
  it('matches the seed usage when there is no cache', () => {
    expect(convertAnthropicUsage({ input_tokens: 376, output_tokens: 100 })).toEqual({
      prompt_tokens: 376,
      completion_tokens: 100,
      total_tokens: 476,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
  });
  it('reports thinking tokens when Anthropic breaks them out', () => {
    expect(convertAnthropicUsage({ input_tokens: 1, output_tokens: 30, output_tokens_details: { thinking_tokens: 20 } }).completion_tokens_details).toEqual({
      reasoning_tokens: 20,
    });
  });
});

describe('convertAnthropicUsage with counts that are not token counts', () => {
  it('counts negative, fractional and non-finite values as 0, so usage stays OpenAI-valid', () => {
    expect(convertAnthropicUsage({ input_tokens: 5, cache_read_input_tokens: -5e-324, cache_creation_input_tokens: 1.5, output_tokens: Number.NaN })).toEqual({
      prompt_tokens: 5,
      completion_tokens: 0,
      total_tokens: 5,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
  });
});

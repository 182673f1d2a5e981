import { describe, expect, it } from 'vitest';
import { parseAnthropicModelId } from './parse-anthropic-model-id.js';

describe('parseAnthropicModelId', () => {
  it.each([
    ['claude-3-haiku-20240307', 'claude-haiku', [3]],
    ['claude-3-5-sonnet-latest', 'claude-sonnet', [3, 5]],
    ['claude-3-5-sonnet-v2@20241022', 'claude-sonnet', [3, 5]],
    ['claude-3-7-sonnet-20250219', 'claude-sonnet', [3, 7]],
    ['claude-sonnet-4-20250514', 'claude-sonnet', [4]],
    ['claude-opus-4-1@20250805', 'claude-opus', [4, 1]],
    ['claude-haiku-4-5-20251001', 'claude-haiku', [4, 5]],
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet', [4, 5]],
    ['anthropic.claude-opus-4-6-v1', 'claude-opus', [4, 6]],
    ['anthropic/claude-opus-4.7', 'claude-opus', [4, 7]],
    ['anthropic/claude-4.7-opus', 'claude-opus', [4, 7]],
    ['claude-opus-4-8[1m]', 'claude-opus', [4, 8]],
    ['claude-opus-5', 'claude-opus', [5]],
    ['claude-sonnet-5-5', 'claude-sonnet', [5, 5]],
    ['claude-mythos-preview', 'claude-mythos', [0]],
    ['anthropic.claude-mythos-5-1', 'claude-mythos', [5, 1]],
    ['Claude-Fable-5', 'claude-fable', [5]],
  ])('%s → %s %j', (id, line, version) => {
    expect(parseAnthropicModelId(id)).toEqual({ line, version });
  });

  it.each(['gpt-4o', 'claude', 'claude-instant-1.2', 'gemini-2.5-pro', 'my-claude-opus-4'])('%s is not a Claude id', (id) => {
    expect(parseAnthropicModelId(id)).toBeUndefined();
  });
});

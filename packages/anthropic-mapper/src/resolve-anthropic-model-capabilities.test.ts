import { describe, expect, it } from 'vitest';
import { resolveAnthropicModelCapabilities } from './resolve-anthropic-model-capabilities.js';

describe('resolveAnthropicModelCapabilities', () => {
  it.each([
    ['claude-3-haiku-20240307', 'claude-3-haiku', 4096, false, false],
    ['claude-3-opus-20240229', 'claude-3-opus', 4096, false, false],
    ['claude-3-5-haiku', 'claude-3-5-haiku', 8192, false, false],
    ['claude-3-5-sonnet-20241022', 'claude-3-5-sonnet', 8192, false, false],
    ['claude-3-7-sonnet-20250219', 'claude-3-7-sonnet', 64000, true, false],
    ['claude-sonnet-4-20250514', 'claude-sonnet-4', 64000, true, false],
    ['claude-opus-4-20250514', 'claude-opus-4', 32000, true, false],
    ['claude-opus-4-1', 'claude-opus-4-1', 32000, true, true],
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5', 64000, true, true],
    ['claude-haiku-4-5@20251001', 'claude-haiku-4-5', 64000, true, true],
    ['claude-opus-4-5-20251101', 'claude-opus-4-5', 64000, true, true],
    ['anthropic/claude-opus-4-6', 'claude-opus-4-6', 64000, true, true],
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5', 64000, true, true],
    ['claude-sonnet-5', 'claude-sonnet-5', 64000, true, true],
    ['claude-fable-5', 'unknown', 4096, true, false],
    ['gpt-4o', 'unknown', 4096, true, false],
  ] as const)('%s → %s, default %d, thinking %s, structured output %s', (model, family, maxTokens, thinking, structured) => {
    const capabilities = resolveAnthropicModelCapabilities(model);
    expect(capabilities.family).toBe(family);
    expect(capabilities.defaultMaxTokens).toBe(maxTokens);
    expect(capabilities.thinking).toBe(thinking);
    expect(capabilities.structuredOutput).toBe(structured);
  });

  it('never defaults above the known output limit', () => {
    for (const model of ['claude-3-5-haiku', 'claude-opus-4-1', 'claude-sonnet-4-5']) {
      const { defaultMaxTokens, maxOutputTokens } = resolveAnthropicModelCapabilities(model);
      expect(defaultMaxTokens).toBeLessThanOrEqual(maxOutputTokens!);
    }
  });
});

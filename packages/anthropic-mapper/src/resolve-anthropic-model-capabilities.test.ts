import { mergeModelCatalog } from '@interlingua/openai-schema';
import { describe, expect, it } from 'vitest';
import { ANTHROPIC_MODEL_CATALOG } from './anthropic-model-catalog.js';
import { resolveAnthropicModelCapabilities } from './resolve-anthropic-model-capabilities.js';

// Expected values written from the documentation cited in each catalog entry's `source` (models overview, adaptive
// thinking, the 4.6 / 4.7 / Opus 5 / Opus 5.5 / Sonnet 5.5 migration guides), not read back from the catalog.
describe('resolveAnthropicModelCapabilities', () => {
  it.each([
    // id, family, thinking, default, prefill, sampling, structured output, default max_tokens
    ['claude-3-haiku-20240307', 'claude-3', 'none', 'off', true, 'all', false, 4096],
    ['claude-3-opus-20240229', 'claude-3', 'none', 'off', true, 'all', false, 4096],
    ['claude-3-5-haiku', 'claude-3-5', 'none', 'off', true, 'all', false, 8192],
    ['anthropic.claude-3-5-sonnet-20241022-v2:0', 'claude-3-5', 'none', 'off', true, 'all', false, 8192],
    ['claude-3-5-sonnet-v2@20241022', 'claude-3-5', 'none', 'off', true, 'all', false, 8192],
    ['claude-3-7-sonnet-latest', 'claude-3-7-sonnet', 'budget', 'off', true, 'all', false, 64000],
    ['claude-sonnet-4-20250514', 'claude-sonnet-4', 'budget', 'off', true, 'all', false, 64000],
    ['claude-opus-4-20250514', 'claude-opus-4', 'budget', 'off', true, 'all', false, 32000],
    ['claude-opus-4-1@20250805', 'claude-opus-4-1', 'budget', 'off', true, 'temperature-or-top-p', true, 32000],
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-4-5', 'budget', 'off', true, 'temperature-or-top-p', true, 64000],
    ['claude-opus-4-5-20251101', 'claude-4-5', 'budget', 'off', true, 'temperature-or-top-p', true, 64000],
    ['claude-haiku-4-5@20251001', 'claude-haiku-4-5', 'budget', 'off', true, 'temperature-or-top-p', true, 64000],
    ['anthropic/claude-opus-4-6', 'claude-opus-4-6', 'adaptive', 'off', false, 'temperature-or-top-p', true, 64000],
    ['anthropic.claude-opus-4-6-v1', 'claude-opus-4-6', 'adaptive', 'off', false, 'temperature-or-top-p', true, 64000],
    ['claude-sonnet-4-6', 'claude-sonnet-4-6', 'adaptive', 'off', false, 'temperature-or-top-p', true, 64000],
    ['claude-opus-4-7', 'claude-opus-4-7', 'adaptive-only', 'off', false, 'none', true, 64000],
    ['global.anthropic.claude-opus-4-8', 'claude-opus-4-8', 'adaptive-only', 'off', false, 'none', true, 64000],
    ['claude-opus-5', 'claude-opus-5', 'adaptive-only', 'on', false, 'none', true, 64000],
    ['claude-opus-5-5', 'claude-opus-5-5', 'adaptive-only', 'always', false, 'none', true, 64000],
    ['claude-sonnet-5', 'claude-sonnet-5', 'adaptive-only', 'on', false, 'none', true, 64000],
    ['anthropic/claude-sonnet-5.5', 'claude-sonnet-5-5', 'adaptive-only', 'on', false, 'none', true, 64000],
    ['claude-haiku-5-5', 'claude-haiku-5-5', 'adaptive-only', 'on', false, 'none', true, 64000],
    ['claude-mythos-preview', 'claude-mythos-preview', 'adaptive-only', 'always', false, 'none', true, 64000],
    ['anthropic.claude-mythos-5', 'claude-mythos-fable-5', 'adaptive-only', 'always', false, 'none', true, 64000],
    ['claude-fable-5', 'claude-mythos-fable-5', 'adaptive-only', 'always', false, 'none', true, 64000],
    ['claude-fable-5-1', 'claude-mythos-fable-5-1', 'adaptive-only', 'always', false, 'none', true, 64000],
    // New point releases inherit their generation's rules.
    ['claude-opus-4-9', 'claude-opus-4-8', 'adaptive-only', 'off', false, 'none', true, 64000],
    ['claude-sonnet-5-1', 'claude-sonnet-5', 'adaptive-only', 'on', false, 'none', true, 64000],
    ['claude-opus-6', 'claude-opus-5-5', 'adaptive-only', 'always', false, 'none', true, 64000],
    // Unknown ids: the documented conservative fallback.
    ['gpt-4o', 'unknown', 'budget', 'off', true, 'all', false, 4096],
    ['my-company-claude', 'unknown', 'budget', 'off', true, 'all', false, 4096],
  ] as const)('%s → %s (thinking %s, default %s, prefill %s, sampling %s)', (model, family, thinking, thinkingDefault, prefill, sampling, structured, maxTokens) => {
    const capabilities = resolveAnthropicModelCapabilities(model);
    expect(capabilities.family).toBe(family);
    expect(capabilities.thinking).toBe(thinking);
    expect(capabilities.thinkingDefault).toBe(thinkingDefault);
    expect(capabilities.prefill).toBe(prefill);
    expect(capabilities.samplingParameters).toBe(sampling);
    expect(capabilities.structuredOutput).toBe(structured);
    expect(capabilities.defaultMaxTokens).toBe(maxTokens);
  });

  it('knows the effort levels, the display default and the forced-tool rule of the newest models', () => {
    expect(resolveAnthropicModelCapabilities('claude-opus-4-6').effortLevels).toEqual(['low', 'medium', 'high', 'max']);
    expect(resolveAnthropicModelCapabilities('claude-sonnet-4-6').effortLevels).toEqual(['low', 'medium', 'high']);
    expect(resolveAnthropicModelCapabilities('claude-opus-4-7').effortLevels).toEqual(['low', 'medium', 'high', 'xhigh', 'max']);
    expect(resolveAnthropicModelCapabilities('claude-opus-4-6').thinkingDisplayDefault).toBe('summarized');
    expect(resolveAnthropicModelCapabilities('claude-opus-4-7').thinkingDisplayDefault).toBe('omitted');
    expect(resolveAnthropicModelCapabilities('claude-sonnet-5-5').thinkingOffMode).toBe('between_tools');
    expect(resolveAnthropicModelCapabilities('claude-opus-5-5').forcedToolChoice).toBe(false);
    expect(resolveAnthropicModelCapabilities('claude-opus-5').forcedToolChoice).toBe(true);
  });

  it('never defaults above the known output limit', () => {
    for (const entry of ANTHROPIC_MODEL_CATALOG.entries) {
      const { defaultMaxTokens, maxOutputTokens } = entry.capabilities;
      if (maxOutputTokens !== null) expect(defaultMaxTokens, entry.family).toBeLessThanOrEqual(maxOutputTokens);
    }
  });

  it('applies an operator catalog override and an exact-model override', () => {
    const catalog = mergeModelCatalog(ANTHROPIC_MODEL_CATALOG, {
      entries: [{ family: 'claude-opus-4-8', capabilities: { prefill: true } }, { family: 'acme-claude', match: { lines: ['claude-acme'] } }],
      aliases: { 'house-model': 'claude-opus-4-8' },
    });
    expect(resolveAnthropicModelCapabilities('claude-opus-4-8', { catalog }).prefill).toBe(true);
    expect(resolveAnthropicModelCapabilities('house-model', { catalog }).family).toBe('claude-opus-4-8');
    const exact = resolveAnthropicModelCapabilities('my-company-claude', { capabilities: { thinking: 'adaptive-only', samplingParameters: 'none' } });
    expect(exact.family).toBe('unknown');
    expect(exact.thinking).toBe('adaptive-only');
    expect(exact.samplingParameters).toBe('none');
  });

  it('shares one frozen answer per model when there is no override, and a fresh one with an override', () => {
    const first = resolveAnthropicModelCapabilities('claude-sonnet-4-5-20250929');
    expect(resolveAnthropicModelCapabilities('claude-sonnet-4-5-20250929')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    const overridden = resolveAnthropicModelCapabilities('claude-sonnet-4-5-20250929', { capabilities: { prefill: false } });
    expect(overridden).not.toBe(first);
    expect(overridden).toEqual({ ...first, prefill: false });
  });
});

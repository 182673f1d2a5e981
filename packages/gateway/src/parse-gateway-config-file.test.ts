import { describe, expect, it } from 'vitest';
import { parseGatewayConfigFile } from './parse-gateway-config-file.js';

describe('parseGatewayConfigFile: catalogs, capabilities, beta forwarding', () => {
  it('accepts catalog overrides, per-model capabilities and forwardBetaHeader', () => {
    const config = {
      upstreams: { anthropic: { forwardBetaHeader: false } },
      models: [{ name: 'claude-opus-9', upstream: 'anthropic', capabilities: { defaultMaxTokens: 16000 } }],
      catalog: {
        anthropic: {
          entries: [{ family: 'claude-opus-9', match: { lines: ['claude-opus'], from: '9' }, capabilities: { samplingParameters: 'none' }, models: ['claude-opus-9'] }],
          aliases: { 'opus-latest': 'claude-opus-9' },
          fallback: { defaultMaxTokens: 8192 },
        },
        gemini: { entries: [{ family: 'gemini-3-pro', capabilities: { penalties: false } }] },
      },
    };
    const result = parseGatewayConfigFile(config);
    expect(result).toEqual({ ok: true, config });
  });

  it('names the path of a malformed catalog entry', () => {
    const result = parseGatewayConfigFile({ catalog: { anthropic: { entries: [{ family: 'x', match: { lines: ['claude-opus'], from: 'four' } }] } } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('catalog.anthropic.entries.0.match.from');
  });

  it('refuses a catalog for a provider that has none', () => {
    const result = parseGatewayConfigFile({ catalog: { openai: {} } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('catalog');
  });
});

describe('parseGatewayConfigFile: provider schemas for catalogs and capabilities', () => {
  it("checks a model's capabilities against its provider's capabilities", () => {
    const result = parseGatewayConfigFile({ models: [{ name: 'c', upstream: 'anthropic', capabilities: { defaultMaxTokens: 'many' } }] });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('models.0.capabilities.defaultMaxTokens');
  });

  it('refuses capabilities on an openai-compatible model', () => {
    const result = parseGatewayConfigFile({ models: [{ name: 'o', upstream: 'openai-compatible', capabilities: {} }] });
    expect(!result.ok && result.message).toContain('models.0.capabilities: capabilities apply to anthropic, gemini and vertex models only');
  });

  it('takes promptCaching for Anthropic and refuses other values', () => {
    expect(parseGatewayConfigFile({ upstreams: { anthropic: { promptCaching: 'auto' } } }).ok).toBe(true);
    const result = parseGatewayConfigFile({ upstreams: { anthropic: { promptCaching: 'always' } } });
    expect(!result.ok && result.message).toContain('upstreams.anthropic.promptCaching');
  });
});

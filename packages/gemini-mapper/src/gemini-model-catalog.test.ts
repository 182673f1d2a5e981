/// <reference types="node" />
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { GEMINI_MODEL_CATALOG, geminiCatalogOverrideSchema, mergeGeminiModelCatalog, parseGeminiModelId, resolveGeminiModel } from './gemini-model-catalog.js';
import { renderGeminiCatalogTable } from './render-gemini-catalog-table.js';
import { resolveGeminiModelCapabilities } from './resolve-gemini-model-capabilities.js';

describe('parseGeminiModelId', () => {
  test.each([
    ['gemini-2.5-flash', 'gemini-flash', [2, 5]],
    ['models/gemini-2.5-flash-lite', 'gemini-flash-lite', [2, 5]],
    ['gemini-2.5-pro-preview-06-05', 'gemini-pro', [2, 5]],
    ['gemini-1.5-pro-002', 'gemini-pro', [1, 5]],
    ['gemini-1.5-flash-8b-latest', 'gemini-flash-8b', [1, 5]],
    ['gemini-2.0-flash-thinking-exp-01-21', 'gemini-flash-thinking', [2, 0]],
    ['gemini-2.0-flash-001', 'gemini-flash', [2, 0]],
    ['gemini-3-pro-preview', 'gemini-pro', [3]],
    ['gemini-3.1-pro-preview', 'gemini-pro', [3, 1]],
    ['GEMINI-3.1-FLASH-LITE', 'gemini-flash-lite', [3, 1]],
    ['gemini-3.8-flash', 'gemini-flash', [3, 8]],
    ['gemini-4-neon', 'gemini-neon', [4]],
    ['gemini-pro', 'gemini-pro', [1, 0]],
    ['gemini-pro-vision', 'gemini-pro-vision', [1, 0]],
  ])('%s → %s %j', (model, line, version) => {
    expect(parseGeminiModelId(model)).toEqual({ line, version });
  });

  test.each(['gemini-exp-1206', 'custom-gemini-2.0-flash', 'gemini-future-9', 'learnlm-2.0-flash-experimental', ''])('%s has no line (fallback)', (model) => {
    expect(parseGeminiModelId(model)).toBeUndefined();
  });
});

describe('the Gemini catalog', () => {
  test.each([
    ['gemini-pro-vision', 'gemini-1.0-pro'],
    ['gemini-1.5-pro-002', 'gemini-1.5'],
    ['gemini-1.5-flash-8b', 'gemini-1.5'],
    ['gemini-2.0-flash', 'gemini-2.0'],
    ['gemini-2.0-flash-lite', 'gemini-2.0'],
    ['gemini-2.0-flash-thinking-exp', 'gemini-2.0-flash-thinking'],
    ['gemini-2.5-pro', 'gemini-2.5-pro'],
    ['gemini-2.5-flash', 'gemini-2.5-flash'],
    ['gemini-2.5-flash-lite', 'gemini-2.5-flash-lite'],
    ['gemini-3-pro-preview', 'gemini-3-pro'],
    ['gemini-3.1-pro-preview', 'gemini-3.1-pro'],
    ['gemini-3-flash-preview', 'gemini-3-flash'],
    ['gemini-3.5-flash', 'gemini-3.5-flash'],
    ['gemini-3.6-flash', 'gemini-3.5-flash'],
    ['gemini-3.7-flash', 'gemini-3.7-flash'],
    ['gemini-3.8-flash', 'gemini-3.7-flash'],
    ['gemini-3.9-flash', 'gemini-3.7-flash'],
    ['gemini-3.1-flash-lite', 'gemini-3.1-flash-lite'],
    ['gemini-3.5-flash-lite', 'gemini-3.5-flash-lite'],
    ['gemini-2.5-flash-image', 'gemini-image'],
    ['gemini-4-neon', 'gemini-4-neon'],
    ['gemini-4-hydrogen', 'gemini-4-neon'],
    ['gemini-4-argon', 'gemini-4-carbon'],
    ['gemini-flash-latest', 'gemini-3.7-flash'],
    ['gemini-flash-lite-latest', 'gemini-3.5-flash-lite'],
    ['gemini-pro-latest', 'gemini-3.1-pro'],
    ['custom-gemini-2.0-flash', 'unknown'],
  ])('%s → family %s', (model, family) => {
    expect(resolveGeminiModel(model).family).toBe(family);
  });

  test('thinking levels per family, as the thinking guides list them', () => {
    expect(resolveGeminiModelCapabilities('gemini-3-pro-preview').levels).toEqual(['LOW', 'HIGH']);
    expect(resolveGeminiModelCapabilities('gemini-3.1-pro-preview').levels).toEqual(['LOW', 'MEDIUM', 'HIGH']);
    expect(resolveGeminiModelCapabilities('gemini-3-flash-preview').levels).toEqual(['MINIMAL', 'LOW', 'MEDIUM', 'HIGH']);
    expect(resolveGeminiModelCapabilities('gemini-3.8-flash').levels).toEqual(['LOW', 'MEDIUM', 'HIGH']);
    expect(resolveGeminiModelCapabilities('gemini-3.7-flash').levels).toEqual(['LOW', 'MEDIUM', 'HIGH']);
    expect(resolveGeminiModelCapabilities('gemini-3.6-flash').levels).toEqual(['MINIMAL', 'LOW', 'MEDIUM', 'HIGH']);
    expect(resolveGeminiModelCapabilities('gemini-3.1-flash-lite').levels).toEqual(['MINIMAL', 'LOW', 'MEDIUM', 'HIGH']);
    expect(resolveGeminiModelCapabilities('gemini-4-neon').levels).toEqual(['LOW', 'MEDIUM', 'HIGH', 'XHIGH']);
    expect(resolveGeminiModelCapabilities('gemini-4-carbon').levels).toEqual(['LOW', 'MEDIUM', 'HIGH']);
    expect(resolveGeminiModelCapabilities('gemini-2.0-flash').urlMedia).toBe(false);
    expect(resolveGeminiModelCapabilities('gemini-2.5-flash').urlMedia).toBe(true);
    expect(resolveGeminiModelCapabilities('gemini-2.5-pro').budget).toEqual({ min: 128, max: 32768, canDisable: false });
  });

  test('every entry is complete and consistent', () => {
    const families = GEMINI_MODEL_CATALOG.entries.map((entry) => entry.family);
    expect(new Set(families).size).toBe(families.length);
    const keys = Object.keys(GEMINI_MODEL_CATALOG.fallback).sort();
    for (const entry of GEMINI_MODEL_CATALOG.entries) {
      const capabilities = entry.capabilities;
      expect(Object.keys(capabilities).filter((key) => key !== 'budget' && key !== 'levels').sort(), entry.family).toEqual(keys);
      expect(capabilities.thinking === 'budget', entry.family).toBe(capabilities.budget !== undefined);
      expect(capabilities.thinking === 'level', entry.family).toBe(capabilities.levels !== undefined && capabilities.levels.length > 0);
      expect(entry.source, entry.family).toEqual(expect.any(String));
      for (const model of entry.models ?? []) expect(resolveGeminiModel(model).family, model).toBe(entry.family);
    }
    for (const target of Object.values(GEMINI_MODEL_CATALOG.aliases ?? {})) expect(resolveGeminiModel(target).family).not.toBe('unknown');
  });

  test('an operator override is validated and merged: new family, changed field, alias', () => {
    const override = geminiCatalogOverrideSchema().parse({
      entries: [
        { family: 'gemini-2.5-flash', capabilities: { urlMedia: false } },
        { family: 'gemini-5-flash', match: { lines: ['gemini-flash'], from: '5' }, capabilities: { thinking: 'level', levels: ['LOW', 'HIGH'] } },
      ],
      aliases: { 'my-flash': 'gemini-2.5-flash' },
    });
    const catalog = mergeGeminiModelCatalog(override);
    expect(resolveGeminiModel('my-flash', catalog)).toMatchObject({ family: 'gemini-2.5-flash', capabilities: { urlMedia: false, penalties: true } });
    expect(resolveGeminiModel('gemini-5-flash', catalog)).toMatchObject({ family: 'gemini-5-flash', capabilities: { thinking: 'level', levels: ['LOW', 'HIGH'] } });
    expect(resolveGeminiModel('gemini-2.5-flash').capabilities.urlMedia).toBe(true);
  });

  test('an override with a misspelt capability, a bad level or a bad version is rejected', () => {
    expect(geminiCatalogOverrideSchema().safeParse({ entries: [{ family: 'x', capabilities: { urlMedias: true } }] }).success).toBe(false);
    expect(geminiCatalogOverrideSchema().safeParse({ entries: [{ family: 'x', capabilities: { levels: ['ULTRA'] } }] }).success).toBe(false);
    expect(geminiCatalogOverrideSchema().safeParse({ entries: [{ family: 'x', match: { lines: ['gemini-flash'], from: 'v5' } }] }).success).toBe(false);
    expect(geminiCatalogOverrideSchema().safeParse({ fallback: { maxOutputTokens: null } }).success).toBe(true);
  });

  test('the README table is generated from the data (INTERLINGUA_UPDATE_README=1 rewrites it)', () => {
    const path = new URL('../README.md', import.meta.url);
    const readme = readFileSync(path, 'utf8');
    const start = '<!-- gemini-catalog:start (generated from src/gemini-model-catalog.json; do not edit) -->\n';
    const end = '\n<!-- gemini-catalog:end -->';
    const from = readme.indexOf(start);
    const to = readme.indexOf(end);
    expect(from).toBeGreaterThan(-1);
    expect(to).toBeGreaterThan(from);
    const table = renderGeminiCatalogTable(GEMINI_MODEL_CATALOG);
    if (process.env.INTERLINGUA_UPDATE_README === '1') {
      writeFileSync(path, readme.slice(0, from + start.length) + table + readme.slice(to));
      return;
    }
    expect(readme.slice(from + start.length, to)).toBe(table);
  });
});

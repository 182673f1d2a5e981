/// <reference types="node" />
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { anthropicCatalogOverrideSchema, anthropicModelCatalogSchema, type AnthropicModelCapabilities } from './anthropic-model-capabilities.js';
import { ANTHROPIC_MODEL_CATALOG, listAnthropicCatalogModels } from './anthropic-model-catalog.js';
import { parseAnthropicModelId } from './parse-anthropic-model-id.js';

// `UPDATE_GENERATED=1 npx vitest run src/anthropic-model-catalog.test.ts` rewrites the generated files; without it
// the test fails when they differ from the data.
const update = process.env['UPDATE_GENERATED'] === '1';
const packageDir = fileURLToPath(new URL('..', import.meta.url));

function checkGenerated(path: string, generated: string, read: () => string = () => readFileSync(path, 'utf8')): void {
  if (update) writeFileSync(path, generated);
  expect(read(), `${path} is stale: run with UPDATE_GENERATED=1`).toBe(generated);
}

const SCHEMA_FILES = {
  'schemas/anthropic-model-catalog.schema.json': anthropicModelCatalogSchema,
  'schemas/anthropic-catalog-override.schema.json': anthropicCatalogOverrideSchema,
};

function yes(value: boolean): string {
  return value ? 'yes' : 'no';
}

function formatTokens(value: number | null): string {
  if (value === null) return '?';
  return value >= 1000000 ? `${value / 1000000}M` : value >= 1000 ? `${Math.round(value / 1000)}K` : String(value);
}

function thinkingCell(capabilities: AnthropicModelCapabilities): string {
  if (capabilities.thinking === 'none') return 'none';
  const off = capabilities.thinkingDefault === 'off' ? 'off by default' : capabilities.thinkingDefault === 'on' ? `on by default (off: ${capabilities.thinkingOffMode})` : 'always on';
  return `${capabilities.thinking}, ${off}`;
}

/** The README's catalog table, rendered from the catalog data. */
function renderCatalogTable(): string {
  const rows = ANTHROPIC_MODEL_CATALOG.entries.map((entry) => {
    const c = entry.capabilities;
    const range = `${entry.match.lines.join(', ')} ${entry.match.from ?? ''}–${entry.match.through ?? ''}`.trim();
    return `| \`${entry.family}\` | ${range} | ${thinkingCell(c)} | ${c.effortLevels.join(', ') || '—'} | ${c.thinkingDisplayDefault ?? '—'} | ${c.samplingParameters} | ${yes(c.prefill)} | ${yes(c.midConversationSystemMessages)} | ${yes(c.structuredOutput)} | ${formatTokens(c.maxOutputTokens)} / ${c.defaultMaxTokens} | ${formatTokens(c.contextWindow)} |`;
  });
  const f = ANTHROPIC_MODEL_CATALOG.fallback;
  rows.push(`| unknown id (fallback) | — | ${thinkingCell(f)} | ${f.effortLevels.join(', ') || '—'} | ${f.thinkingDisplayDefault ?? '—'} | ${f.samplingParameters} | ${yes(f.prefill)} | ${yes(f.midConversationSystemMessages)} | ${yes(f.structuredOutput)} | ${formatTokens(f.maxOutputTokens)} / ${f.defaultMaxTokens} | ${formatTokens(f.contextWindow)} |`);
  return [
    '| family | lines, versions | thinking | effort levels | display default | sampling | prefill | mid-conversation system | structured output | output limit / default `max_tokens` | context |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

describe('the shipped Claude catalog', () => {
  it('is valid against its schema', () => {
    const parsed = anthropicModelCatalogSchema().safeParse(ANTHROPIC_MODEL_CATALOG);
    expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
  });

  it('has unique family names and covers every listed model id with its own family', () => {
    const families = ANTHROPIC_MODEL_CATALOG.entries.map((entry) => entry.family);
    expect(new Set(families).size).toBe(families.length);
    for (const entry of ANTHROPIC_MODEL_CATALOG.entries) {
      for (const model of entry.models ?? []) expect(parseAnthropicModelId(model), model).toBeDefined();
    }
  });

  it('lists the known model ids', () => {
    const models = listAnthropicCatalogModels();
    for (const model of ['claude-3-haiku-20240307', 'claude-sonnet-4-5-20250929', 'claude-opus-4-7', 'claude-opus-5', 'claude-sonnet-5-5', 'claude-mythos-preview', 'claude-fable-5-1']) {
      expect(models).toContain(model);
    }
    expect(new Set(models).size).toBe(models.length);
  });

  it('ships generated JSON Schemas of the catalog and of the operator override, and they validate', () => {
    for (const [file, schema] of Object.entries(SCHEMA_FILES)) {
      checkGenerated(`${packageDir}${file}`, `${JSON.stringify(z.toJSONSchema(schema()), null, 2)}\n`);
    }
    const ajv = new Ajv2020.default({ strict: false });
    const validateCatalog = ajv.compile(JSON.parse(readFileSync(`${packageDir}schemas/anthropic-model-catalog.schema.json`, 'utf8')));
    expect(validateCatalog(ANTHROPIC_MODEL_CATALOG)).toBe(true);
    const validateOverride = ajv.compile(JSON.parse(readFileSync(`${packageDir}schemas/anthropic-catalog-override.schema.json`, 'utf8')));
    expect(validateOverride({ entries: [{ family: 'claude-opus-4-8', capabilities: { prefill: true } }] })).toBe(true);
    expect(validateOverride({ entries: [{ family: 'claude-opus-4-8', capabilities: { prefil: true } }] })).toBe(false);
  });

  it('the README table is the catalog', () => {
    const readmePath = `${packageDir}README.md`;
    const readme = readFileSync(readmePath, 'utf8');
    const start = '<!-- catalog-table:start (generated from src/anthropic-model-catalog.json by src/anthropic-model-catalog.test.ts) -->\n';
    const end = '\n<!-- catalog-table:end -->';
    const from = readme.indexOf(start);
    const to = readme.indexOf(end);
    expect(from, 'README catalog markers').toBeGreaterThanOrEqual(0);
    const rebuilt = `${readme.slice(0, from + start.length)}${renderCatalogTable()}${readme.slice(to)}`;
    checkGenerated(readmePath, rebuilt, () => readme);
  });
});

describe('anthropicCatalogOverrideSchema', () => {
  it('accepts what an operator writes and rejects typos and wrong values', () => {
    const schema = anthropicCatalogOverrideSchema();
    expect(schema.safeParse({ entries: [{ family: 'claude-opus-4-8', capabilities: { thinking: 'adaptive-only', maxOutputTokens: 128000 } }] }).success).toBe(true);
    expect(schema.safeParse({ entries: [{ family: 'acme', match: { lines: ['claude-acme'], from: '1' }, models: ['claude-acme-1'] }], aliases: { a: 'claude-opus-5' } }).success).toBe(true);
    expect(schema.safeParse({ entries: [{ family: 'x', capabilities: { thinking: 'sometimes' } }] }).success).toBe(false);
    expect(schema.safeParse({ entries: [{ family: 'x', match: { lines: [] } }] }).success).toBe(false);
    expect(schema.safeParse({ entries: [{ family: 'x', match: { lines: ['claude-opus'], from: '4.x' } }] }).success).toBe(false);
    expect(schema.safeParse({ fallback: { prefil: true } }).success).toBe(false);
  });
});

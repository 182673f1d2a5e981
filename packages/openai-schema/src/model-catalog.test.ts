import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  findCatalogEntry,
  mergeModelCatalog,
  resolveCatalogModel,
  type ModelCatalog,
  type ParsedModelId,
} from './model-catalog.js';

interface Caps {
  thinking: 'none' | 'budget' | 'adaptive';
  sampling: boolean;
}

// A toy parser: "<line>-<major>-<minor>" (e.g. "x-opus-4-7").
function parse(model: string): ParsedModelId | undefined {
  const match = /^([a-z]+-[a-z]+)-(\d+)(?:-(\d+))?$/.exec(model);
  return match ? { line: match[1]!, version: [Number(match[2]), Number(match[3] ?? 0)] } : undefined;
}

const catalog: ModelCatalog<Caps> = {
  fallback: { thinking: 'none', sampling: true },
  aliases: { 'x-opus-latest': 'x-opus-4-7' },
  entries: [
    { family: 'x-opus-4', match: { lines: ['x-opus'], from: '4', through: '4.5' }, capabilities: { thinking: 'budget', sampling: true } },
    { family: 'x-opus-4-6', match: { lines: ['x-opus'], from: '4.6' }, capabilities: { thinking: 'adaptive', sampling: true } },
    { family: 'x-opus-4-7', match: { lines: ['x-opus', 'x-sonnet'], from: '4.7' }, capabilities: { thinking: 'adaptive', sampling: false } },
  ],
};

describe('model catalog', () => {
  it('orders versions numerically, missing parts as zero', () => {
    expect(compareVersions([4, 10], [4, 9])).toBeGreaterThan(0);
    expect(compareVersions([3], [3, 0])).toBe(0);
    expect(compareVersions([2, 5], [3])).toBeLessThan(0);
  });

  it('picks the most specific covering entry, and a later point release inherits the newest rules', () => {
    expect(resolveCatalogModel(catalog, 'x-opus-4-5', parse).family).toBe('x-opus-4');
    expect(resolveCatalogModel(catalog, 'x-opus-4-6', parse).family).toBe('x-opus-4-6');
    expect(resolveCatalogModel(catalog, 'x-opus-4-7', parse).family).toBe('x-opus-4-7');
    expect(resolveCatalogModel(catalog, 'x-opus-4-8', parse)).toEqual({ family: 'x-opus-4-7', capabilities: { thinking: 'adaptive', sampling: false } });
    expect(resolveCatalogModel(catalog, 'x-sonnet-5-1', parse).family).toBe('x-opus-4-7');
  });

  it('gives the fallback to ids nothing covers or the parser does not read', () => {
    expect(resolveCatalogModel(catalog, 'x-opus-3-0', parse)).toEqual({ family: 'unknown', capabilities: catalog.fallback });
    expect(resolveCatalogModel(catalog, 'something else', parse).family).toBe('unknown');
  });

  it('resolves aliases before parsing', () => {
    expect(resolveCatalogModel(catalog, 'x-opus-latest', parse).family).toBe('x-opus-4-7');
  });

  it('merges an override: fields of a shipped family, a new family placed first, aliases, fallback', () => {
    const merged = mergeModelCatalog(catalog, {
      entries: [
        { family: 'x-opus-4-6', capabilities: { sampling: false } },
        { family: 'x-haiku-9', match: { lines: ['x-haiku'], from: '9' }, capabilities: { thinking: 'adaptive' } },
      ],
      aliases: { 'x-haiku-latest': 'x-haiku-9-1' },
      fallback: { sampling: false },
    });
    expect(resolveCatalogModel(merged, 'x-opus-4-6', parse).capabilities).toEqual({ thinking: 'adaptive', sampling: false });
    expect(resolveCatalogModel(merged, 'x-haiku-latest', parse)).toEqual({ family: 'x-haiku-9', capabilities: { thinking: 'adaptive', sampling: false } });
    expect(resolveCatalogModel(merged, 'x-opus-4-7', parse).family).toBe('x-opus-4-7');
    expect(merged.fallback).toEqual({ thinking: 'none', sampling: false });
    // The shipped catalog is untouched.
    expect(resolveCatalogModel(catalog, 'x-opus-4-6', parse).capabilities.sampling).toBe(true);
  });

  it('remembers a resolution per catalog (the same answer again), and a merged catalog resolves afresh', () => {
    let parses = 0;
    const counting = (model: string) => {
      parses += 1;
      return parse(model);
    };
    const local: ModelCatalog<Caps> = { ...catalog };
    const first = resolveCatalogModel(local, 'x-opus-4-6', counting);
    expect(resolveCatalogModel(local, 'x-opus-4-6', counting)).toBe(first);
    expect(parses).toBe(1);
    const merged = mergeModelCatalog(local, { entries: [{ family: 'x-opus-4-6', capabilities: { sampling: false } }] });
    expect(resolveCatalogModel(merged, 'x-opus-4-6', counting).capabilities.sampling).toBe(false);
    expect(parses).toBe(2);
    for (let i = 0; i < 600; i++) resolveCatalogModel(local, `x-opus-4-${i}`, counting);
    expect(resolveCatalogModel(local, 'x-opus-4-6', counting)).toEqual(first);
  });

  it('refuses a new family without a match', () => {
    expect(() => mergeModelCatalog(catalog, { entries: [{ family: 'nope', capabilities: {} }] })).toThrow(/needs a match/);
  });

  it('on equal specificity the first listed entry wins (operator entries come first)', () => {
    const merged = mergeModelCatalog(catalog, {
      entries: [{ family: 'operator-opus', match: { lines: ['x-opus'], from: '4.7' }, capabilities: { thinking: 'budget' } }],
    });
    expect(resolveCatalogModel(merged, 'x-opus-4-9', parse).family).toBe('operator-opus');
  });

  test.prop([fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 })])('the chosen entry always covers the id, and none covering it has a higher from', (major, minor) => {
    const id = { line: 'x-opus', version: [major, minor] };
    const entry = findCatalogEntry(catalog.entries, id);
    const coveringFroms = catalog.entries
      .filter((e) => e.match.lines.includes('x-opus'))
      .filter((e) => compareVersions(id.version, (e.match.from ?? '0').split('.').map(Number)) >= 0)
      .filter((e) => e.match.through === undefined || compareVersions(id.version, e.match.through.split('.').map(Number)) <= 0);
    if (coveringFroms.length === 0) expect(entry).toBeUndefined();
    else {
      expect(coveringFroms).toContain(entry);
      for (const other of coveringFroms) {
        expect(compareVersions((other.match.from ?? '0').split('.').map(Number), (entry!.match.from ?? '0').split('.').map(Number))).toBeLessThanOrEqual(0);
      }
    }
  });
});

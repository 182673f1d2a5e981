import { describe, expect, it } from 'vitest';
import { listModels } from './list-models.js';

const catalogs = (upstream: string) =>
  upstream === 'anthropic' ? ['claude-opus-4-7', 'claude-sonnet-4-6'] : upstream === 'gemini' ? ['gemini-3-pro-preview', 'gemini-2.5-flash'] : [];

describe('listModels', () => {
  it('lists exact names and aliases, then what each reachable prefix route serves from its catalog', () => {
    const list = listModels(
      {
        upstreams: { anthropic: { apiKey: 'k' }, gemini: { apiKey: 'k' } },
        models: [{ name: 'fast', aliases: ['quick'], upstream: 'gemini', upstreamModel: 'gemini-2.5-flash' }],
        prefixes: [
          { prefix: 'claude', upstream: 'anthropic' },
          { prefix: 'google/', upstream: 'gemini', stripPrefix: true },
        ],
      },
      catalogs,
    );
    expect(list.object).toBe('list');
    expect(list.data.map((model) => [model.id, model.owned_by, model.interlingua.route])).toEqual([
      ['fast', 'gemini', 'exact'],
      ['quick', 'gemini', 'alias'],
      ['claude-opus-4-7', 'anthropic', 'prefix'],
      ['claude-sonnet-4-6', 'anthropic', 'prefix'],
      ['google/gemini-3-pro-preview', 'gemini', 'prefix'],
      ['google/gemini-2.5-flash', 'gemini', 'prefix'],
    ]);
    for (const model of list.data) expect(model).toMatchObject({ object: 'model', created: 0 });
  });

  it('skips prefix routes to an upstream without a key, and catalog ids the prefix does not route there', () => {
    const list = listModels(
      {
        upstreams: { anthropic: { apiKey: 'k' } },
        prefixes: [
          { prefix: 'claude-opus', upstream: 'anthropic' },
          { prefix: 'gemini', upstream: 'gemini' },
        ],
      },
      catalogs,
    );
    expect(list.data.map((model) => model.id)).toEqual(['claude-opus-4-7']);
  });

  it('lists an id once, as routing would serve it', () => {
    const list = listModels(
      { upstreams: { anthropic: { apiKey: 'k' } }, models: [{ name: 'claude-opus-4-7', upstream: 'anthropic', replay: true }], prefixes: [{ prefix: 'claude', upstream: 'anthropic' }] },
      catalogs,
    );
    expect(list.data.map((model) => [model.id, model.interlingua.route, model.owned_by])).toEqual([
      ['claude-opus-4-7', 'exact', 'anthropic (replay)'],
      ['claude-sonnet-4-6', 'prefix', 'anthropic'],
    ]);
  });
});

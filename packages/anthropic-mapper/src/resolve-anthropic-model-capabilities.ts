import { resolveCatalogModel } from '@interlingua/openai-schema';
import type { AnthropicModelCapabilities, AnthropicModelCatalog } from './anthropic-model-capabilities.js';
import { ANTHROPIC_MODEL_CATALOG } from './anthropic-model-catalog.js';
import { parseAnthropicModelId } from './parse-anthropic-model-id.js';

/** A model's capabilities and the family that gave them (`unknown` for the catalog's fallback). */
export type ResolvedAnthropicModel = AnthropicModelCapabilities & { family: string };

export interface ResolveAnthropicModelCapabilitiesOptions {
  /** The catalog to read (already merged with an operator's override). Default: the shipped catalog. */
  catalog?: AnthropicModelCatalog;
  /** An operator's exact-model override, applied over the family's capabilities. */
  capabilities?: Partial<AnthropicModelCapabilities>;
}

/**
 * A model id → what the mapper may send it: the catalog family covering the id (see `parseAnthropicModelId` for the
 * id forms understood), with the exact-model override on top. An id no family covers gets the catalog's fallback
 * (family `unknown`): budget thinking, no native structured output, every sampling parameter and prefill passed
 * through, 4096 default `max_tokens` — what every Claude model up to the 4.5 generation accepts, and what an
 * operator changes for a new id with one `models[].capabilities` entry. The result is frozen when no override is given
 * (it is shared between calls).
 */
export function resolveAnthropicModelCapabilities(model: string, options: ResolveAnthropicModelCapabilitiesOptions = {}): ResolvedAnthropicModel {
  const resolved = resolveCatalogModel(options.catalog ?? ANTHROPIC_MODEL_CATALOG, model, parseAnthropicModelId);
  if (options.capabilities) return { ...resolved.capabilities, ...options.capabilities, family: resolved.family };
  // Without an override the answer depends on the catalog's resolution alone (itself remembered per catalog and id):
  // made once, frozen, and shared, instead of a copy of every capability per request.
  let shared = sharedResults.get(resolved);
  if (!shared) {
    shared = Object.freeze({ ...resolved.capabilities, family: resolved.family });
    sharedResults.set(resolved, shared);
  }
  return shared;
}

const sharedResults = new WeakMap<object, ResolvedAnthropicModel>();

import type { AnthropicModelCatalog } from './anthropic-model-capabilities.js';
import catalogData from './anthropic-model-catalog.json' with { type: 'json' };

/**
 * The shipped Claude model catalog (`anthropic-model-catalog.json`, validated against
 * `anthropicModelCatalogSchema` by the package's tests): model families by line and version range, what each
 * accepts, and the conservative fallback for ids no entry covers. Merge an operator's changes with
 * `mergeModelCatalog(ANTHROPIC_MODEL_CATALOG, override)` from `@interlingua/openai-schema`.
 */
export const ANTHROPIC_MODEL_CATALOG: AnthropicModelCatalog = catalogData as AnthropicModelCatalog;

/** The model ids a catalog lists as known (`models` of each entry, in catalog order, without duplicates). */
export function listAnthropicCatalogModels(catalog: AnthropicModelCatalog = ANTHROPIC_MODEL_CATALOG): string[] {
  const seen = new Set<string>();
  for (const entry of catalog.entries) for (const model of entry.models ?? []) seen.add(model);
  return [...seen];
}

import type { ModelCatalog } from '@interlingua/openai-schema';
import { GEMINI_MODEL_CATALOG, resolveGeminiModel, type GeminiModelCapabilities } from './gemini-model-catalog.js';

export type { GeminiModelCapabilities, GeminiThinkingStyle } from './gemini-model-catalog.js';

/**
 * The capabilities of a Gemini model, from the model catalog (`gemini-model-catalog.json`; the table is in the
 * README, generated from the data): aliases (`gemini-flash-latest`) resolved, `models/` prefix and release suffixes
 * (`-preview-…`, `-00x`, `-exp-…`) allowed; an id no family covers gets the catalog's conservative fallback.
 * `catalog` is the shipped one unless the caller passes one already merged with an operator override.
 */
export function resolveGeminiModelCapabilities(model: string, catalog: ModelCatalog<GeminiModelCapabilities> = GEMINI_MODEL_CATALOG): GeminiModelCapabilities {
  return resolveGeminiModel(model, catalog).capabilities;
}

import { lazySchema, mergeModelCatalog, resolveCatalogModel, type ModelCatalog, type ModelCatalogOverride, type ParsedModelId, type ResolvedModel } from '@interlingua/openai-schema';
import * as z from 'zod/mini';
import catalogData from './gemini-model-catalog.json' with { type: 'json' };

/** How a model family takes `reasoning_effort`. */
export type GeminiThinkingStyle =
  /** No thinking controls (1.0, 1.5, 2.0 non-thinking, image models): `reasoning_effort` is dropped with a warning. */
  | 'none'
  /** Thinks always, no budget knob (2.0 flash thinking experiments): only `includeThoughts`. */
  | 'include-only'
  /** `thinkingBudget` tokens (2.5). */
  | 'budget'
  /** `thinkingLevel` (3 and later). */
  | 'level';

/** A `thinkingLevel` value (the v1beta enum, plus `XHIGH` of the Gemini 4 Neon and Hydrogen models). */
export type GeminiCatalogThinkingLevel = 'MINIMAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'XHIGH';

/** A built-in (server-side) tool a family accepts, by its `Tool` field name. */
export type GeminiBuiltInTool = 'googleSearch' | 'urlContext' | 'codeExecution';

/** What the mapper knows about one Gemini model family (one catalog entry's capabilities). */
export interface GeminiModelCapabilities {
  /** The family's generation, e.g. `1.5`, `2.5`, `3.1`, `4`; `unknown` for the fallback. */
  generation: string;
  /** `parametersJsonSchema` is accepted for function declarations (else the legacy `parameters`). */
  jsonSchemaParameters: boolean;
  /** `responseJsonSchema` is accepted (else the legacy `responseSchema`). */
  jsonSchemaResponse: boolean;
  /** `presencePenalty` / `frequencyPenalty` are accepted. */
  penalties: boolean;
  thinking: GeminiThinkingStyle;
  /** Function-calling turns must carry the `thoughtSignature` Gemini returned (Gemini 3 and later). */
  requiresThoughtSignatures: boolean;
  /** Thinking budget range in tokens, and whether budget 0 (thinking off) is allowed; for `budget` models. */
  budget?: { min: number; max: number; canDisable: boolean };
  /** The `thinkingLevel` values the family accepts, lowest first; for `level` models. */
  levels?: readonly GeminiCatalogThinkingLevel[];
  /** Function declarations and `responseMimeType: application/json` may be sent together (2.5 and older answer 400). */
  toolsWithJsonResponse: boolean;
  /** Gemini fetches https URLs itself (`fileData.fileUri`), so the gateway need not download media. */
  urlMedia: boolean;
  /** Per-part `mediaResolution` (Gemini 3 and later): `image_url.detail` maps onto it. */
  partMediaResolution: boolean;
  /** Built-in tools the family accepts. */
  builtInTools: readonly GeminiBuiltInTool[];
  /** Built-in tools and function declarations may be combined in one request. */
  builtInToolsWithFunctions: boolean;
  /** Largest `maxOutputTokens` the family accepts; null when unknown (the same name as the Claude catalog's). */
  maxOutputTokens: number | null;
  /** `temperature`, `topP`, `topK` take effect (3.5 Flash-Lite and Gemini 4 ignore them: dropped with a warning). */
  samplingParameters: boolean;
  /** `candidateCount` above 1 is accepted (Gemini 4 answers 400). */
  multipleCandidates: boolean;
}

/** The shipped Gemini catalog (the data file `gemini-model-catalog.json`). */
export const GEMINI_MODEL_CATALOG: ModelCatalog<GeminiModelCapabilities> = {
  entries: catalogData.entries as ModelCatalog<GeminiModelCapabilities>['entries'],
  fallback: catalogData.fallback as GeminiModelCapabilities,
  aliases: catalogData.aliases,
};

/** Suffixes that name a release of a model, not another model: removed before parsing. */
const RELEASE_SUFFIXES = [/-latest$/, /-preview(?:-\d{2}-\d{2,4})?$/, /-exp(?:-\d{2}-\d{2}|-\d{4})?$/, /-\d{3}$/];

/**
 * The Gemini id parser (the only place model names are read): `models/` prefix and case ignored; release suffixes
 * (`-latest`, `-preview`, `-preview-06-05`, `-exp`, `-exp-01-21`, `-001`) removed; then
 * `gemini-<version>-<variant>` → line `gemini-<variant>`, version numbers (`gemini-2.5-flash-lite` → line
 * `gemini-flash-lite`, `[2, 5]`; `gemini-4-neon` → `gemini-neon`, `[4]`). The unversioned 1.0 names `gemini-pro` and
 * `gemini-pro-vision` are version 1.0. Anything else → undefined (the catalog's fallback).
 */
export function parseGeminiModelId(model: string): ParsedModelId | undefined {
  let name = model.replace(/^models\//, '').toLowerCase();
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of RELEASE_SUFFIXES) {
      const next = name.replace(suffix, '');
      if (next !== name) {
        name = next;
        changed = true;
      }
    }
  }
  if (name === 'gemini-pro' || name === 'gemini-pro-vision') return { line: name, version: [1, 0] };
  const match = /^gemini-(\d+(?:\.\d+)*)-([a-z][a-z0-9-]*)$/.exec(name);
  if (!match) return undefined;
  return { line: `gemini-${match[2]!}`, version: match[1]!.split('.').map(Number) };
}

/** The family and capabilities of a model id in a catalog (default: the shipped one). */
export function resolveGeminiModel(model: string, catalog: ModelCatalog<GeminiModelCapabilities> = GEMINI_MODEL_CATALOG): ResolvedModel<GeminiModelCapabilities> {
  return resolveCatalogModel(catalog, model, parseGeminiModelId);
}

const levelSchema = () => z.enum(['MINIMAL', 'LOW', 'MEDIUM', 'HIGH', 'XHIGH']);

const capabilitiesOverrideSchema = () =>
  z.strictObject({
    generation: z.optional(z.string()),
    jsonSchemaParameters: z.optional(z.boolean()),
    jsonSchemaResponse: z.optional(z.boolean()),
    penalties: z.optional(z.boolean()),
    thinking: z.optional(z.enum(['none', 'include-only', 'budget', 'level'])),
    requiresThoughtSignatures: z.optional(z.boolean()),
    budget: z.optional(
      z.strictObject({ min: z.number().check(z.int(), z.nonnegative()), max: z.number().check(z.int(), z.nonnegative()), canDisable: z.boolean() }),
    ),
    levels: z.optional(z.array(levelSchema())),
    toolsWithJsonResponse: z.optional(z.boolean()),
    urlMedia: z.optional(z.boolean()),
    partMediaResolution: z.optional(z.boolean()),
    builtInTools: z.optional(z.array(z.enum(['googleSearch', 'urlContext', 'codeExecution']))),
    builtInToolsWithFunctions: z.optional(z.boolean()),
    maxOutputTokens: z.optional(z.nullable(z.number().check(z.int(), z.positive()))),
    samplingParameters: z.optional(z.boolean()),
    multipleCandidates: z.optional(z.boolean()),
  });

/** An operator's capability override for one exact model (gateway config `models[].capabilities`): any subset of the fields. */
export const geminiCapabilitiesOverrideSchema = lazySchema(capabilitiesOverrideSchema);

const versionSchema = () => z.string().check(z.regex(/^\d+(?:\.\d+)*$/));

/**
 * The operator override of the Gemini catalog (gateway config `catalog.gemini`), validated with zod: entries by
 * `family` (capabilities merged field by field over the shipped entry; a new family needs `match`), aliases, and
 * fallback fields. Unknown capability names are rejected, so a misspelt override fails loudly.
 */
export const geminiCatalogOverrideSchema = lazySchema(() =>
  z.strictObject({
    entries: z.optional(
      z.array(
        z.strictObject({
          family: z.string().check(z.minLength(1)),
          match: z.optional(z.strictObject({ lines: z.array(z.string()).check(z.minLength(1)), from: z.optional(versionSchema()), through: z.optional(versionSchema()) })),
          capabilities: z.optional(capabilitiesOverrideSchema()),
          models: z.optional(z.array(z.string())),
          source: z.optional(z.string()),
        }),
      ),
    ),
    aliases: z.optional(z.record(z.string(), z.string())),
    fallback: z.optional(capabilitiesOverrideSchema()),
  }),
);

/** The shipped catalog with an operator override applied (validate it with {@link geminiCatalogOverrideSchema} first). */
export function mergeGeminiModelCatalog(override: ModelCatalogOverride<GeminiModelCapabilities> | undefined): ModelCatalog<GeminiModelCapabilities> {
  return mergeModelCatalog(GEMINI_MODEL_CATALOG, override);
}

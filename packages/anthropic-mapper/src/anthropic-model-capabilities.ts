import type { ModelCatalog, ModelCatalogOverride } from '@interlingua/openai-schema';
import * as z from 'zod/mini';

/** An `output_config.effort` level. */
export type AnthropicEffort = 'low' | 'medium' | 'high' | 'xhigh' | 'max';

/**
 * What the request mapper needs to know about a Claude model family: one entry of the catalog
 * (`anthropic-model-catalog.json`). Every field is data an operator may override (gateway config
 * `catalog.anthropic` or `models[].capabilities`).
 */
export interface AnthropicModelCapabilities {
  /**
   * How thinking is asked for: `none` (no thinking), `budget` (`{type:'enabled', budget_tokens}` only), `adaptive`
   * (`{type:'adaptive'}` + `output_config.effort`; `enabled` still accepted but deprecated), `adaptive-only`
   * (`enabled` is a 400).
   */
  thinking: 'none' | 'budget' | 'adaptive' | 'adaptive-only';
  /**
   * What happens without a `thinking` field: `off` (no thinking), `on` (adaptive thinking runs; it can be turned
   * off), `always` (adaptive thinking runs and cannot be turned off).
   */
  thinkingDefault: 'off' | 'on' | 'always';
  /** How a model whose thinking is on by default turns it off: `{type:'disabled'}` or `{type:'between_tools'}`. */
  thinkingOffMode: 'disabled' | 'between_tools';
  /** The `output_config.effort` levels the model accepts (empty: no effort parameter is sent). */
  effortLevels: AnthropicEffort[];
  /** The effort the model uses when none is sent (null: no effort parameter). */
  defaultEffort: AnthropicEffort | null;
  /**
   * `thinking.display` when none is sent: `summarized` (thinking text returned), `omitted` (empty thinking text,
   * signature only), or null (the model has no display setting).
   */
  thinkingDisplayDefault: 'summarized' | 'omitted' | null;
  /** `all`: temperature, top_p, top_k accepted; `temperature-or-top-p`: not both; `none`: every one is a 400. */
  samplingParameters: 'all' | 'temperature-or-top-p' | 'none';
  /** A final assistant message (prefill) is accepted (false: 400 "does not support assistant message prefill"). */
  prefill: boolean;
  /**
   * `role: "system"` messages are accepted inside `messages` (mid-conversation system messages: after a user turn,
   * before an assistant turn or last). False: a system message inside the conversation goes to the top-level `system`.
   */
  midConversationSystemMessages: boolean;
  /** `tool_choice` `any` / `tool` is accepted while thinking runs (false: 400 on models whose thinking is always on). */
  forcedToolChoice: boolean;
  /** Native structured output (`output_config.format`) and strict tools. */
  structuredOutput: boolean;
  /** The output limit (null: unknown, nothing is capped). */
  maxOutputTokens: number | null;
  /** `max_tokens` sent when the client gives none (Anthropic requires it); never above `maxOutputTokens`. */
  defaultMaxTokens: number;
  /** The context window in tokens (null: unknown). Informational (README, `GET /v1/models`). */
  contextWindow: number | null;
  /** Beta headers a feature needs on this model, by feature: `files-api` (`file_id` documents). */
  betas: Record<string, string>;
}

const effortSchema = () => z.enum(['low', 'medium', 'high', 'xhigh', 'max']);

const capabilityShape = () => ({
  thinking: z.enum(['none', 'budget', 'adaptive', 'adaptive-only']),
  thinkingDefault: z.enum(['off', 'on', 'always']),
  thinkingOffMode: z.enum(['disabled', 'between_tools']),
  effortLevels: z.array(effortSchema()),
  defaultEffort: z.nullable(effortSchema()),
  thinkingDisplayDefault: z.nullable(z.enum(['summarized', 'omitted'])),
  samplingParameters: z.enum(['all', 'temperature-or-top-p', 'none']),
  prefill: z.boolean(),
  midConversationSystemMessages: z.boolean(),
  forcedToolChoice: z.boolean(),
  structuredOutput: z.boolean(),
  maxOutputTokens: z.nullable(z.int().check(z.positive())),
  defaultMaxTokens: z.int().check(z.positive()),
  contextWindow: z.nullable(z.int().check(z.positive())),
  betas: z.record(z.string(), z.string()),
});

const versionSchema = () => z.string().check(z.regex(/^\d+(\.\d+)*$/));
const matchSchema = () => z.strictObject({ lines: z.array(z.string()).check(z.minLength(1)), from: z.optional(versionSchema()), through: z.optional(versionSchema()) });

/** The capabilities of one family (every field required). */
export const anthropicModelCapabilitiesSchema = () => z.strictObject(capabilityShape());
/** An operator's exact-model override (`models[].capabilities`): any subset of the fields. */
export const anthropicModelCapabilitiesOverrideSchema = () => z.partial(z.strictObject(capabilityShape()));

/** The shipped catalog's shape (`anthropic-model-catalog.json`). */
export const anthropicModelCatalogSchema = () =>
  z.strictObject({
    entries: z.array(
      z.strictObject({
        family: z.string(),
        match: matchSchema(),
        capabilities: anthropicModelCapabilitiesSchema(),
        models: z.optional(z.array(z.string())),
        source: z.optional(z.string()),
      }),
    ),
    fallback: anthropicModelCapabilitiesSchema(),
    aliases: z.optional(z.record(z.string(), z.string())),
  });

/**
 * What an operator may put in the gateway config (`catalog.anthropic`): entries merged by family name (capabilities
 * field by field), new families (with a `match`), aliases and fallback changes. Unknown fields are errors, so a typo
 * does not pass silently.
 */
export const anthropicCatalogOverrideSchema = () =>
  z.strictObject({
    entries: z.optional(
      z.array(
        z.strictObject({
          family: z.string().check(z.minLength(1)),
          match: z.optional(matchSchema()),
          capabilities: z.optional(anthropicModelCapabilitiesOverrideSchema()),
          models: z.optional(z.array(z.string())),
          source: z.optional(z.string()),
        }),
      ),
    ),
    aliases: z.optional(z.record(z.string(), z.string())),
    fallback: z.optional(anthropicModelCapabilitiesOverrideSchema()),
  });

export type AnthropicModelCatalog = ModelCatalog<AnthropicModelCapabilities>;
export type AnthropicModelCatalogOverride = ModelCatalogOverride<AnthropicModelCapabilities>;

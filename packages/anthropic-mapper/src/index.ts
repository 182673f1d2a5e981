export { mapAnthropicStopReason, isKnownAnthropicStopReason, type OpenAIFinishReason } from './map-anthropic-stop-reason.js';
export { convertAnthropicUsage, type AnthropicUsageCounters, type OpenAIUsageFromAnthropic } from './convert-anthropic-usage.js';

export {
  convertOpenAIRequestToAnthropic,
  ANTHROPIC_VERSION,
  ANTHROPIC_FILES_API_BETA,
  JSON_RESPONSE_TOOL_NAME,
  type ConvertOpenAIRequestToAnthropicOptions,
  type ConvertOpenAIRequestToAnthropicResult,
} from './convert-openai-request-to-anthropic.js';
export {
  convertAnthropicResponseToOpenAI,
  type ConvertAnthropicResponseToOpenAIOptions,
  type ConvertAnthropicResponseToOpenAIResult,
  type OpenAIThinkingBlock,
} from './convert-anthropic-response-to-openai.js';
export { convertAnthropicErrorToOpenAI, statusForAnthropicErrorType, type ConvertedAnthropicError } from './convert-anthropic-error-to-openai.js';
export { convertAnthropicInputTransformations, ANTHROPIC_THINKING_BINDING_BETA } from './convert-anthropic-input-transformations.js';
export type { AnthropicTranslationContext } from './anthropic-translation-context.js';
export {
  resolveAnthropicModelCapabilities,
  type ResolvedAnthropicModel,
  type ResolveAnthropicModelCapabilitiesOptions,
} from './resolve-anthropic-model-capabilities.js';
export {
  anthropicCatalogOverrideSchema,
  anthropicModelCatalogSchema,
  anthropicModelCapabilitiesSchema,
  anthropicModelCapabilitiesOverrideSchema,
  type AnthropicEffort,
  type AnthropicModelCapabilities,
  type AnthropicModelCatalog,
  type AnthropicModelCatalogOverride,
} from './anthropic-model-capabilities.js';
export { ANTHROPIC_MODEL_CATALOG, listAnthropicCatalogModels } from './anthropic-model-catalog.js';
export { parseAnthropicModelId } from './parse-anthropic-model-id.js';
export { planAnthropicThinking, mapReasoningEffortToAnthropicEffort, type AnthropicThinkingPlan } from './plan-anthropic-thinking.js';
export { planAnthropicPromptCaching, type AnthropicPromptCaching } from './plan-anthropic-prompt-caching.js';
export { mergeAnthropicEscapeHatch, mergeAnthropicBetas } from './merge-anthropic-escape-hatch.js';
export { ANTHROPIC_BLOCK_ORDER_FIELD, ANTHROPIC_BLOCKS_FIELD, ANTHROPIC_STOP_REASON_FIELD } from './anthropic-extension-fields.js';
export { convertJsonSchemaToAnthropicSubset, ANTHROPIC_SCHEMA_FORMATS, type RemovedSchemaKeyword } from './convert-json-schema-to-anthropic-subset.js';
export { mapReasoningEffortToAnthropicBudget } from './map-reasoning-effort-to-anthropic-budget.js';
export { FIRST_USER_TURN_PLACEHOLDER } from './convert-openai-messages-to-anthropic.js';
export { parseDataUrl, type ParsedDataUrl } from './parse-data-url.js';
export { anthropicMessageSchema, anthropicContentBlockSchema, anthropicUsageSchema, anthropicErrorBodySchema, type AnthropicMessagePayload } from './anthropic-response-schema.js';
export { parseAnthropicMessage, type AnthropicMessageParseResult } from './parse-anthropic-message.js';
export type * from './anthropic-request-types.js';

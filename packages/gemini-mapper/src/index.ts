export { mapGeminiFinishReason, isKnownGeminiFinishReason, type OpenAIFinishReason } from './map-gemini-finish-reason.js';
export { convertGeminiUsage, type GeminiUsageMetadata, type OpenAIUsageFromGemini } from './convert-gemini-usage.js';

export {
  convertOpenAIRequestToGemini,
  type ConvertOpenAIRequestToGeminiOptions,
  type ConvertOpenAIRequestToGeminiResult,
  type GeminiUpstreamRequest,
} from './convert-openai-request-to-gemini.js';
export {
  convertGeminiResponseToOpenAI,
  convertGeminiCandidateToOpenAIChoice,
  formatCodeExecutionResult,
  formatExecutableCode,
  toReplyImage,
  type GeminiReplyImage,
  type ConvertGeminiResponseToOpenAIOptions,
  type ConvertGeminiResponseToOpenAIResult,
} from './convert-gemini-response-to-openai.js';
export { convertGeminiErrorToOpenAI, parseGeminiRetryDelay, type ConvertedGeminiError } from './convert-gemini-error-to-openai.js';
export type { GeminiTranslationContext } from './gemini-translation-context.js';
export {
  GEMINI_SKIP_THOUGHT_SIGNATURE,
  type GeminiMessageExtension,
  type GeminiMessageSignature,
  type GeminiSignedPart,
  type GeminiToolCallExtension,
} from './gemini-thought-signature-extension.js';
export {
  geminiGenerateContentResponseSchema,
  geminiPartSchema,
  type GeminiGenerateContentResponse,
  type GeminiCandidate,
  type GeminiResponsePart,
} from './gemini-response-schema.js';
export { parseGeminiGenerateContentResponse, type GeminiGenerateContentResponseParseResult } from './parse-gemini-generate-content-response.js';
export { restoreGeminiToolName } from './restore-gemini-tool-name.js';
export { convertGeminiLogprobsToOpenAI } from './convert-gemini-logprobs-to-openai.js';
export { convertJsonSchemaToGeminiSchema, type ConvertJsonSchemaToGeminiSchemaOptions, type ConvertJsonSchemaToGeminiSchemaResult } from './convert-json-schema-to-gemini-schema.js';
export { normalizeJsonSchemaForGemini } from './normalize-json-schema-for-gemini.js';
export { mapOpenAIToolNameToGemini, GEMINI_FUNCTION_NAME_PATTERN } from './map-openai-tool-name-to-gemini.js';
export { resolveGeminiModelCapabilities } from './resolve-gemini-model-capabilities.js';
export {
  GEMINI_MODEL_CATALOG,
  geminiCapabilitiesOverrideSchema,
  geminiCatalogOverrideSchema,
  mergeGeminiModelCatalog,
  parseGeminiModelId,
  resolveGeminiModel,
  type GeminiBuiltInTool,
  type GeminiCatalogThinkingLevel,
  type GeminiModelCapabilities,
  type GeminiThinkingStyle,
} from './gemini-model-catalog.js';
export { mapReasoningEffortToGeminiThinking } from './map-reasoning-effort-to-gemini-thinking.js';
export {
  GEMINI_IMAGE_MIME_TYPES,
  GEMINI_FILE_MIME_TYPES,
  parseDataUrl,
  type GeminiMediaResolver,
  type GeminiResolvedMedia,
} from './convert-openai-content-part-to-gemini.js';
export type { GeminiMidConversationSystemPolicy } from './convert-openai-messages-to-gemini.js';
export type * from './gemini-request-types.js';
export {
  convertGeminiGroundingToAnnotations,
  utf16IndexOfByteOffset,
  type GeminiGroundingMetadata,
} from './convert-gemini-grounding-to-annotations.js';
export { applyGeminiJsonResponseStrategy, GEMINI_JSON_RESPONSE_FUNCTION, type GeminiJsonResponseFunction } from './apply-gemini-json-response-strategy.js';
export { mergeGeminiEscapeHatch } from './merge-gemini-escape-hatch.js';
export type { GeminiMediaPolicy } from './convert-openai-content-part-to-gemini.js';

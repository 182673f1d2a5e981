export { mapGeminiFinishReason, isKnownGeminiFinishReason, type OpenAIFinishReason } from './map-gemini-finish-reason.js';
export { convertGeminiUsage, type GeminiUsageMetadata, type OpenAIUsageFromGemini } from './convert-gemini-usage.js';

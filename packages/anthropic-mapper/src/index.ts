export { mapAnthropicStopReason, isKnownAnthropicStopReason, type OpenAIFinishReason } from './map-anthropic-stop-reason.js';
export { convertAnthropicUsage, type AnthropicUsageCounters, type OpenAIUsageFromAnthropic } from './convert-anthropic-usage.js';

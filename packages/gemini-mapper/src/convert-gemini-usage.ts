/** Gemini `usageMetadata` (the counters that matter here). */
export interface GeminiUsageMetadata {
  promptTokenCount?: number | null;
  cachedContentTokenCount?: number | null;
  candidatesTokenCount?: number | null;
  toolUsePromptTokenCount?: number | null;
  thoughtsTokenCount?: number | null;
  totalTokenCount?: number | null;
}

/** OpenAI `usage` as Interlingua emits it for Gemini replies. */
export interface OpenAIUsageFromGemini {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
  completion_tokens_details: { reasoning_tokens: number };
}

/**
 * Gemini usage → OpenAI usage.
 *
 * - `prompt_tokens` = promptTokenCount (which includes cached tokens) + toolUsePromptTokenCount.
 * - `completion_tokens` = candidatesTokenCount + thoughtsTokenCount (OpenAI counts reasoning inside completion).
 * - `total_tokens` = totalTokenCount when Gemini reports it, else the sum.
 * - `prompt_tokens_details.cached_tokens` = cachedContentTokenCount; `reasoning_tokens` = thoughtsTokenCount.
 */
export function convertGeminiUsage(usage: GeminiUsageMetadata): OpenAIUsageFromGemini {
  const prompt = (usage.promptTokenCount ?? 0) + (usage.toolUsePromptTokenCount ?? 0);
  const thoughts = usage.thoughtsTokenCount ?? 0;
  const completion = (usage.candidatesTokenCount ?? 0) + thoughts;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: usage.totalTokenCount ?? prompt + completion,
    prompt_tokens_details: { cached_tokens: usage.cachedContentTokenCount ?? 0 },
    completion_tokens_details: { reasoning_tokens: thoughts },
  };
}

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

/** A count as OpenAI's integer fields need it: a missing, negative, fractional or absurd value counts as 0. */
function tokenCount(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;
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
  const prompt = tokenCount(usage.promptTokenCount) + tokenCount(usage.toolUsePromptTokenCount);
  const thoughts = tokenCount(usage.thoughtsTokenCount);
  const completion = tokenCount(usage.candidatesTokenCount) + thoughts;
  const total = usage.totalTokenCount;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: typeof total === 'number' && Number.isSafeInteger(total) && total >= 0 ? total : prompt + completion,
    prompt_tokens_details: { cached_tokens: tokenCount(usage.cachedContentTokenCount) },
    completion_tokens_details: { reasoning_tokens: thoughts },
  };
}

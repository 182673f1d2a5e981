/** The usage counters Anthropic reports (message, message_start and cumulative message_delta). */
export interface AnthropicUsageCounters {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  output_tokens_details?: { thinking_tokens?: number | null } | null;
}

/** OpenAI `usage` as Interlingua emits it for Anthropic replies. */
export interface OpenAIUsageFromAnthropic {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; cache_write_tokens?: number };
  completion_tokens_details: { reasoning_tokens: number };
}

/** A count as OpenAI's integer fields need it: a missing, negative, fractional or absurd value counts as 0. */
function tokenCount(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

/**
 * Anthropic usage → OpenAI usage.
 *
 * - `prompt_tokens` = input + cache_read + cache_creation (Anthropic's `input_tokens` excludes both cache counts;
 *   OpenAI's `prompt_tokens` is everything the prompt cost).
 * - `prompt_tokens_details.cached_tokens` = cache_read; `cache_write_tokens` = cache_creation, present only when
 *   non-zero.
 * - `completion_tokens` = output; `completion_tokens_details.reasoning_tokens` = `output_tokens_details.thinking_tokens`
 *   when Anthropic reports it, else 0 (Anthropic counts thinking inside output_tokens and, on older models, does not
 *   break it out; it is never estimated).
 */
export function convertAnthropicUsage(usage: AnthropicUsageCounters): OpenAIUsageFromAnthropic {
  const input = tokenCount(usage.input_tokens);
  const cacheRead = tokenCount(usage.cache_read_input_tokens);
  const cacheCreation = tokenCount(usage.cache_creation_input_tokens);
  const output = tokenCount(usage.output_tokens);
  const prompt = input + cacheRead + cacheCreation;
  return {
    prompt_tokens: prompt,
    completion_tokens: output,
    total_tokens: prompt + output,
    prompt_tokens_details: cacheCreation > 0 ? { cached_tokens: cacheRead, cache_write_tokens: cacheCreation } : { cached_tokens: cacheRead },
    completion_tokens_details: { reasoning_tokens: tokenCount(usage.output_tokens_details?.thinking_tokens) },
  };
}

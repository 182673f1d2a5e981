import type { CompletionUsage } from '@interlingua/openai-schema';
import type { ResponseUsage } from '@interlingua/responses-schema';

const count = (value: unknown): number => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0);

/**
 * The hub's usage → the Responses usage: `prompt_tokens` → `input_tokens` (cached and cache-write counts kept),
 * `completion_tokens` → `output_tokens` (reasoning tokens kept), `total_tokens` kept.
 */
export function convertChatUsageToResponseUsage(usage: CompletionUsage): ResponseUsage {
  const input = count(usage.prompt_tokens);
  const output = count(usage.completion_tokens);
  return {
    input_tokens: input,
    input_tokens_details: {
      cached_tokens: count(usage.prompt_tokens_details?.cached_tokens),
      cache_write_tokens: count(usage.prompt_tokens_details?.cache_write_tokens),
    },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: count(usage.completion_tokens_details?.reasoning_tokens) },
    total_tokens: typeof usage.total_tokens === 'number' ? count(usage.total_tokens) : input + output,
  };
}

import type { MessagesUsage } from '@interlingua/messages-schema';

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

/**
 * The hub's usage → Anthropic's. Anthropic counts input in three disjoint parts (its docs: "Total input tokens in a
 * request is the summation of `input_tokens`, `cache_creation_input_tokens`, and `cache_read_input_tokens`"), the
 * hub in one total with its cached share inside:
 *
 * - `cache_read_input_tokens` = `prompt_tokens_details.cached_tokens`
 * - `cache_creation_input_tokens` = `prompt_tokens_details.cache_write_tokens`
 * - `input_tokens` = `prompt_tokens` − both (never below 0)
 * - `output_tokens` = `completion_tokens` (reasoning included, as Anthropic counts thinking)
 *
 * so input + cache read + cache creation = the upstream's prompt count. No usage → zeros.
 */
export function convertChatUsageToMessagesUsage(usage: unknown): MessagesUsage {
  const record = (typeof usage === 'object' && usage !== null ? usage : {}) as Record<string, unknown>;
  const details = (typeof record['prompt_tokens_details'] === 'object' && record['prompt_tokens_details'] !== null
    ? record['prompt_tokens_details']
    : {}) as Record<string, unknown>;
  const prompt = count(record['prompt_tokens']);
  const cacheRead = Math.min(count(details['cached_tokens']), prompt);
  const cacheWrite = Math.min(count(details['cache_write_tokens']), prompt - cacheRead);
  return {
    input_tokens: prompt - cacheRead - cacheWrite,
    output_tokens: count(record['completion_tokens']),
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
    cache_creation: null,
    server_tool_use: null,
    service_tier: null,
  };
}

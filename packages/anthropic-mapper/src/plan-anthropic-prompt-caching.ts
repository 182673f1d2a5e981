import type { ChatCompletionRequest } from '@interlingua/openai-schema';
import type { AnthropicCacheControl, AnthropicMessageCreateFields } from './anthropic-request-types.js';
import { addWarning, type RequestMappingState } from './request-mapping-failure.js';

/** `auto`: every request gets Anthropic's automatic caching; `off`: only what the client asks for. */
export type AnthropicPromptCaching = 'auto' | 'off';

/** Anthropic's limit of cache breakpoints per request (automatic caching takes one). */
const MAX_BREAKPOINTS = 4;

function countBreakpoints(fields: Pick<AnthropicMessageCreateFields, 'system' | 'messages' | 'tools'>): number {
  let count = 0;
  for (const block of fields.system ?? []) if (block.cache_control) count++;
  for (const message of fields.messages) for (const block of message.content) if ('cache_control' in block && block.cache_control) count++;
  for (const tool of fields.tools ?? []) if ('cache_control' in tool && tool.cache_control) count++;
  return count;
}

/**
 * The top-level `cache_control` (Anthropic's automatic prompt caching) for a request, or undefined.
 *
 * | input | Anthropic |
 * |---|---|
 * | option `promptCaching: 'auto'` | `cache_control: {type:'ephemeral'}` |
 * | `prompt_cache_options.mode: 'implicit'`, or `prompt_cache_retention` set | automatic caching on for this request |
 * | `prompt_cache_options.mode: 'explicit'` | no automatic caching: only the client's part breakpoints |
 * | `prompt_cache_retention: 'in_memory'` | the default 5-minute cache |
 * | `prompt_cache_retention: '24h'`, `prompt_cache_options.ttl: '30m'` | `ttl: '1h'`, Anthropic's longest (`cache_ttl_changed`) |
 * | `prompt_cache_key` | no equivalent (Anthropic matches cached prefixes itself): dropped (`parameter_dropped`) |
 *
 * Part-level breakpoints (`cache_control`, `prompt_cache_breakpoint`) are kept by the message mapping. When they
 * already use Anthropic's four breakpoints, automatic caching is not added (`automatic_cache_skipped`).
 */
export function planAnthropicPromptCaching(
  request: ChatCompletionRequest,
  fields: Pick<AnthropicMessageCreateFields, 'system' | 'messages' | 'tools'>,
  promptCaching: AnthropicPromptCaching,
  state: RequestMappingState,
): AnthropicCacheControl | undefined {
  const options = request.prompt_cache_options ?? undefined;
  const retention = request.prompt_cache_retention ?? undefined;
  if (request.prompt_cache_key !== null && request.prompt_cache_key !== undefined) {
    addWarning(state, 'parameter_dropped', 'prompt_cache_key', 'Anthropic has no cache key (it matches cached prompt prefixes itself); prompt_cache_key was dropped.');
  }
  const automatic = options?.mode === 'explicit' ? false : promptCaching === 'auto' || options?.mode === 'implicit' || retention !== undefined;
  if (!automatic) return undefined;
  if (countBreakpoints(fields) >= MAX_BREAKPOINTS) {
    addWarning(state, 'automatic_cache_skipped', 'messages', `The request already uses Anthropic's ${MAX_BREAKPOINTS} cache breakpoints; automatic caching was not added.`);
    return undefined;
  }
  const cacheControl: AnthropicCacheControl = { type: 'ephemeral' };
  if (retention === '24h') {
    cacheControl.ttl = '1h';
    addWarning(state, 'cache_ttl_changed', 'prompt_cache_retention', "Anthropic's longest cache lifetime is 1 hour; prompt_cache_retention 24h was sent as ttl 1h.");
  } else if (options?.ttl === '30m') {
    cacheControl.ttl = '1h';
    addWarning(state, 'cache_ttl_changed', 'prompt_cache_options.ttl', 'Anthropic caches for 5 minutes or 1 hour; ttl 30m was sent as 1h (1-hour cache writes cost 2× the input price, 5-minute ones 1.25×).');
  }
  return cacheControl;
}

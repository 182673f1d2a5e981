import type { MessagesCreateRequest } from '@interlingua/messages-schema';
import type { ReasoningEffort } from '@interlingua/openai-schema';
import { warn, type MappingState } from './mapping-failure.js';

/**
 * `thinking` and `output_config.effort` → the hub's `reasoning_effort`.
 *
 * | Messages | `reasoning_effort` |
 * |---|---|
 * | `output_config.effort` (any thinking mode, or none) | the same word: low, medium, high, xhigh, max |
 * | `thinking: {type: 'adaptive'}` without effort | `high` (Anthropic's default effort) |
 * | `thinking: {type: 'enabled', budget_tokens}` without effort | < 4096 → `low`, < 16384 → `medium`, < 32768 → `high`, else `xhigh` (`thinking_budget_mapped` warning: the exact budget is not kept) |
 * | `thinking: {type: 'disabled'}` | `none` |
 * | neither | not set (the upstream's default) |
 *
 * The budget bands are centred on the budgets the provider mappers send for each effort (Anthropic 2048 / 8192 /
 * 24576 / 32768, Gemini 2.5: 1024 / 8192 / 24576), so a budget comes back near itself.
 */
export function mapMessagesThinkingToReasoningEffort(request: MessagesCreateRequest, state: MappingState): ReasoningEffort | undefined {
  const effort = request.output_config?.effort ?? undefined;
  const thinking = request.thinking;
  if (thinking?.type === 'disabled') {
    if (effort !== undefined && effort !== null) {
      warn(state, 'parameter_dropped', 'output_config.effort', 'output_config.effort has no hub equivalent once thinking is disabled (reasoning_effort "none"); it was dropped.');
    }
    return 'none';
  }
  if (effort !== undefined && effort !== null) return effort;
  if (thinking?.type === 'adaptive') return 'high';
  if (thinking?.type === 'enabled') {
    const budget = thinking.budget_tokens;
    const mapped: ReasoningEffort = budget < 4096 ? 'low' : budget < 16384 ? 'medium' : budget < 32768 ? 'high' : 'xhigh';
    warn(state, 'thinking_budget_mapped', 'thinking.budget_tokens', `budget_tokens ${budget} was sent as reasoning_effort "${mapped}"; the upstream chooses the exact budget.`);
    return mapped;
  }
  return undefined;
}

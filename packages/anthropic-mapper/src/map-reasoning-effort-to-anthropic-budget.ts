/**
 * `reasoning_effort` → Anthropic `thinking.budget_tokens`.
 *
 * | reasoning_effort | budget_tokens |
 * |---|---|
 * | `none` | thinking off (no `thinking` sent) |
 * | `minimal` | 1024 (Anthropic's minimum) |
 * | `low` | 2048 |
 * | `medium` | 8192 |
 * | `high` | 24576 |
 * | `xhigh` | 32768 |
 * | `max` | 49152 |
 *
 * Returns null for `none` (and for anything unknown, which the request schema already rejects).
 */
export function mapReasoningEffortToAnthropicBudget(effort: string): number | null {
  switch (effort) {
    case 'minimal':
      return 1024;
    case 'low':
      return 2048;
    case 'medium':
      return 8192;
    case 'high':
      return 24576;
    case 'xhigh':
      return 32768;
    case 'max':
      return 49152;
    default:
      return null;
  }
}

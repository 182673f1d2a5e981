import { describe, expect, it } from 'vitest';
import { mapReasoningEffortToAnthropicBudget } from './map-reasoning-effort-to-anthropic-budget.js';

describe('mapReasoningEffortToAnthropicBudget', () => {
  it.each([
    ['none', null],
    ['minimal', 1024],
    ['low', 2048],
    ['medium', 8192],
    ['high', 24576],
    ['xhigh', 32768],
    ['max', 49152],
    ['whatever', null],
  ] as const)('%s → %s', (effort, budget) => {
    expect(mapReasoningEffortToAnthropicBudget(effort)).toBe(budget);
  });
  it('never goes below Anthropic’s minimum of 1024', () => {
    for (const effort of ['minimal', 'low', 'medium', 'high', 'xhigh', 'max']) expect(mapReasoningEffortToAnthropicBudget(effort)).toBeGreaterThanOrEqual(1024);
  });
});

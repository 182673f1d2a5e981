/// <reference types="node" />
import { describe, expect, it } from 'vitest';
import { SERVE_INTERRUPT_BUDGET, setV8TierUpBudget } from './set-v8-tier-up-budget.js';

describe('setV8TierUpBudget', () => {
  it('sets a quarter of V8’s default interrupt budget when the process was started without one', () => {
    const set: string[] = [];
    expect(setV8TierUpBudget(['--enable-source-maps'], (flag) => set.push(flag))).toBe('--interrupt-budget=16896');
    expect(set).toEqual(['--interrupt-budget=16896']);
    expect(SERVE_INTERRUPT_BUDGET * 4).toBe(67_584); // Node 20's default (`node --v8-options`)
  });

  it('leaves an operator’s own --interrupt-budget alone, in either spelling', () => {
    for (const argv of [['--interrupt-budget=67584'], ['--interrupt_budget=1000'], ['--interrupt-budget', '67584']]) {
      const set: string[] = [];
      expect(setV8TierUpBudget(argv, (flag) => set.push(flag))).toBeNull();
      expect(set).toEqual([]);
    }
  });

  it('does not take a similarly named flag for it', () => {
    const set: string[] = [];
    setV8TierUpBudget(['--interrupt-budget-for-feedback-allocation=940'], (flag) => set.push(flag));
    expect(set).toEqual(['--interrupt-budget=16896']);
  });

  it('is accepted by this Node’s V8 (an unknown flag would print “unrecognized flag” on stderr)', async () => {
    const { spawnSync } = await import('node:child_process');
    const result = spawnSync(process.execPath, ['-e', `require('node:v8').setFlagsFromString('--interrupt-budget=${SERVE_INTERRUPT_BUDGET}')`], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const options = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
    expect(options).toMatch(/^\s+--interrupt-budget \(/m);
  });
});

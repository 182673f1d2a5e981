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

  it('takes effect though set after V8 started: a function is optimised after fewer calls', async () => {
    const { spawnSync } = await import('node:child_process');
    // Calls a small function until V8 reports it optimised (status bit 16; compiled on the main thread, so the count
    // is the same every run), with or without the budget set from inside the process as `serve` sets it.
    const script = (budget: number | null) => `
      ${budget === null ? '' : `require('node:v8').setFlagsFromString('--interrupt-budget=${budget}');`}
      function step(o) { let s = 0; for (const k in o) s += o[k].length; return s + JSON.stringify(o).length; }
      const o = { a: 'xx', b: 'yyy', c: 'zzzz' };
      let calls = 0;
      for (; calls < 100000; calls++) { step(o); if (%GetOptimizationStatus(step) & 16) break; }
      console.log(calls);`;
    const callsUntilOptimised = (budget: number | null) => {
      const result = spawnSync(process.execPath, ['--allow-natives-syntax', '--no-concurrent-recompilation', '-e', script(budget)], { encoding: 'utf8' });
      expect(result.stderr).toBe(''); // an unknown flag would print "unrecognized flag" here
      return Number(result.stdout.trim());
    };
    const withDefault = callsUntilOptimised(null);
    const withServeBudget = callsUntilOptimised(SERVE_INTERRUPT_BUDGET);
    expect(withDefault).toBeLessThan(100_000);
    expect(withServeBudget).toBeLessThan(withDefault * 0.75);
  });
});

import { setFlagsFromString } from 'node:v8';

/**
 * V8's `--interrupt-budget` for `interlingua serve`: a quarter of Node 20's default (67,584), so that a function is
 * optimised after a quarter of the bytecode it otherwise runs first. Most of the gateway's per-request functions run
 * once per request, so at the default they stay in V8's interpreter and baseline tiers for the first 2,000 or so
 * requests of a process (BENCHMARKS.md, "A fresh process's first thousands of requests"); with this budget after a
 * few hundred. What a request costs once everything is optimised is unchanged.
 */
export const SERVE_INTERRUPT_BUDGET = 16_896;

/**
 * Sets `SERVE_INTERRUPT_BUDGET` unless the process was started with an `--interrupt-budget` of its own (the
 * operator's choice wins: `node --interrupt-budget=67584 …/bin.js serve` keeps V8's default). Returns the flag set,
 * or null. Node's documentation of `v8.setFlagsFromString` (https://nodejs.org/api/v8.html#v8setflagsfromstringflags)
 * warns that a flag changed after V8 started may misbehave or do nothing. This one is a number V8 reads whenever it
 * gives a function its budget, which the request path's functions get on their first calls, after this runs; the test
 * checks that a function is then optimised after fewer calls, with nothing on stderr. An operator who would rather
 * not have it changed at run time passes it on the command line instead (above).
 */
export function setV8TierUpBudget(execArgv: readonly string[], setFlags: (flag: string) => void = setFlagsFromString): string | null {
  if (execArgv.some((argument) => /^--interrupt[-_]budget(=|$)/.test(argument))) return null;
  const flag = `--interrupt-budget=${SERVE_INTERRUPT_BUDGET}`;
  setFlags(flag);
  return flag;
}

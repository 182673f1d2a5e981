import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { inspect, isDeepStrictEqual } from 'node:util';
import { fixturesRoot, recordingsRoot } from './fixtures-root.js';

/**
 * Shared by the mappers' agreement tests between a reply checker compiled from a zod schema (the fast path) and zod
 * itself (the oracle): the inputs they run on and the property they check.
 */

/** A parse result as zod's `safeParse` gives it. */
export type SafeParseLike = { success: true; data: unknown } | { success: false; error: { issues: unknown } };

/** Every `fixtures/<kind>/<case>/upstream-response.json` body (all providers), named `<kind>/<case>`. */
export function fixtureReplyBodies(): Array<{ name: string; body: unknown }> {
  const root = fixturesRoot();
  return readdirSync(root, { withFileTypes: true })
    .filter((kind) => kind.isDirectory())
    .flatMap((kind) =>
      readdirSync(path.join(root, kind.name), { withFileTypes: true })
        .map((entry) => path.join(root, kind.name, entry.name, 'upstream-response.json'))
        .filter((file) => existsSync(file))
        .map((file) => ({ name: path.relative(root, path.dirname(file)), body: (JSON.parse(readFileSync(file, 'utf8')) as { body: unknown }).body })),
    );
}

/** Every JSON object in the vendored recordings (JSON text inside strings included) that `match` picks, once each. */
export function findRecordedObjects(match: (record: Record<string, unknown>) => boolean): unknown[] {
  const found = new Map<string, unknown>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      if (value.trimStart().startsWith('{')) {
        try {
          walk(JSON.parse(value));
        } catch {
          // not JSON
        }
      }
      return;
    }
    if (Array.isArray(value)) return value.forEach(walk);
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if (match(record)) found.set(JSON.stringify(record), record);
    Object.values(record).forEach(walk);
  };
  const dir = recordingsRoot();
  for (const file of readdirSync(dir, { recursive: true }) as string[]) {
    if (!file.endsWith('.json')) continue;
    try {
      walk(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
    } catch {
      // a recording that is not one JSON document
    }
  }
  return [...found.values()];
}

/** Whether zod's copy of a value can differ from the value itself (an own `__proto__` key, a non-plain object). */
function zodCopyMayDiffer(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(zodCopyMayDiffer);
  if (typeof value !== 'object' || value === null) return false;
  if (Object.getPrototypeOf(value) !== Object.prototype || Object.prototype.hasOwnProperty.call(value, '__proto__')) return true;
  return Object.values(value).some(zodCopyMayDiffer);
}

/**
 * The property: the checker (`check`) accepts only what zod (`oracle`) accepts; when it takes the fast path (returns
 * the input itself) zod's parsed value equals the input; otherwise its answer is zod's own (same data, same issues),
 * and zod accepts what the checker did not only where zod's copy differs from the input. `answers(zodOnly)` is what
 * the mapper answers for the input with the fast path and with zod alone: they must be equal. Equality is
 * `node:util`'s deep strict equality (same prototypes, own keys, NaN equal to NaN). Returns whether the fast path was
 * taken and every difference found (none when they agree).
 */
export function checkReplyParserAgreement(
  input: unknown,
  options: { check: (input: unknown) => SafeParseLike; oracle: (input: unknown) => SafeParseLike; answers: (zodOnly: boolean) => unknown },
): { fast: boolean; problems: string[] } {
  const problems: string[] = [];
  const same = (what: string, actual: unknown, expected: unknown): void => {
    if (!isDeepStrictEqual(actual, expected)) problems.push(`${what}: ${inspect(actual, { depth: 6 })} is not ${inspect(expected, { depth: 6 })}`);
  };
  const result = options.check(input);
  const oracle = options.oracle(input);
  const fast = result.success && result.data === input && input !== null && typeof input === 'object';
  if (fast) {
    if (!oracle.success) problems.push('the checker took the fast path where zod rejects');
    else same("zod's parsed value against the input", oracle.data, input);
  } else if (result.success !== oracle.success) {
    problems.push(`the checker ${result.success ? 'accepts' : 'rejects'} where zod ${oracle.success ? 'accepts' : 'rejects'}`);
  } else if (result.success && oracle.success) {
    if (!zodCopyMayDiffer(input)) problems.push('the checker deferred to zod where zod\'s copy equals the input');
    same("the checker's data against zod's", result.data, oracle.data);
  } else if (!result.success && !oracle.success) {
    same("the checker's issues against zod's", result.error.issues, oracle.error.issues);
  }
  same('the mapper with the fast path against the mapper with zod alone', options.answers(false), options.answers(true));
  return { fast, problems };
}

/** One place where two JSON values differ. `undefined` stands for an absent key or element. */
export interface ValueDifference {
  /** JSONPath-like location, e.g. `$.choices[0].finish_reason`. */
  path: string;
  expected: unknown;
  actual: unknown;
}

export interface CompareJsonValuesOptions {
  /** A key whose value is `null` counts as absent (on either side). */
  nullEqualsAbsent?: boolean;
  /** A key whose value is `{}` counts as absent (on either side). */
  emptyObjectEqualsAbsent?: boolean;
  /** Stop after this many differences (default 50). */
  limit?: number;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function countsAsAbsent(value: unknown, options: CompareJsonValuesOptions): boolean {
  if (value === undefined) return true;
  if (value === null) return options.nullEqualsAbsent === true;
  if (options.emptyObjectEqualsAbsent === true && isPlainObject(value) && Object.keys(value).length === 0) return true;
  return false;
}

function keyPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/**
 * Deep comparison of two JSON values that ignores key order and lists where they differ. Pure; never throws.
 * With the options, `null` and `{}` object members count as absent members.
 */
export function compareJsonValues(
  expected: unknown,
  actual: unknown,
  options: CompareJsonValuesOptions = {},
  path = '$',
): ValueDifference[] {
  const differences: ValueDifference[] = [];
  const limit = options.limit ?? 50;
  const walk = (left: unknown, right: unknown, at: string): void => {
    if (differences.length >= limit) return;
    if (Array.isArray(left) && Array.isArray(right)) {
      const length = Math.max(left.length, right.length);
      for (let index = 0; index < length; index++) walk(left[index], right[index], `${at}[${index}]`);
      return;
    }
    if (isPlainObject(left) && isPlainObject(right)) {
      const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
      for (const key of [...keys].sort()) {
        const leftValue = left[key];
        const rightValue = right[key];
        if (countsAsAbsent(leftValue, options) && countsAsAbsent(rightValue, options)) continue;
        walk(leftValue, rightValue, keyPath(at, key));
      }
      return;
    }
    if (left === right) return;
    if (typeof left === 'number' && typeof right === 'number' && Number.isNaN(left) && Number.isNaN(right)) return;
    differences.push({ path: at, expected: left, actual: right });
  };
  walk(expected, actual, path);
  return differences;
}

function show(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/** One line per difference: `$.a.b: expected 1, got 2`. */
export function formatValueDifferences(differences: readonly ValueDifference[]): string {
  return differences.map((difference) => `${difference.path}: expected ${show(difference.expected)}, got ${show(difference.actual)}`).join('\n');
}

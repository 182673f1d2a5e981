/**
 * Structural mutations of a JSON value for property tests that fuzz a parser around real inputs (replace, delete, add
 * a key, empty, wrap, at any path of the value), keeping what `JSON.parse` can build: own `__proto__` keys and
 * prototypes survive the copy. Pure; used by the mappers' reply agreement tests.
 */

/** One mutation: where (`at`, an index into every path of the value, taken modulo their count), what, and with what. */
export interface JsonMutation {
  at: number;
  kind: string;
  value: unknown;
  key: string;
}

/** The kinds `applyJsonMutation` knows (any other kind leaves the value as it is). */
export const JSON_MUTATION_KINDS = ['replace', 'delete', 'add-key', 'empty', 'wrap'] as const;

type Segment = string | number;

function pathsOf(value: unknown, prefix: Segment[] = []): Segment[][] {
  const out: Segment[][] = [prefix];
  if (Array.isArray(value)) value.forEach((item, index) => out.push(...pathsOf(item, [...prefix, index])));
  else if (value !== null && typeof value === 'object') for (const [key, child] of Object.entries(value)) out.push(...pathsOf(child, [...prefix, key]));
  return out;
}

/** Defines an own property even for `__proto__` (as JSON.parse does). */
function defineOwn(target: Record<Segment, unknown>, key: Segment, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A deep copy keeping prototypes and own `__proto__` keys. */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (typeof value !== 'object' || value === null) return value;
  const out = Object.create(Object.getPrototypeOf(value) as object | null) as Record<Segment, unknown>;
  for (const key of Object.keys(value)) defineOwn(out, key, copy((value as Record<Segment, unknown>)[key]));
  return out;
}

/** The value with one mutation applied (the input itself is not changed). */
export function applyJsonMutation(root: unknown, mutation: JsonMutation): unknown {
  const inserted = copy(mutation.value);
  const paths = pathsOf(root);
  const target = paths[mutation.at % paths.length]!;
  const holder = { root: copy(root) } as Record<Segment, unknown>;
  let parent = holder;
  let key: Segment = 'root';
  for (const segment of target) {
    parent = parent[key] as Record<Segment, unknown>;
    key = segment;
  }
  const current = parent[key];
  switch (mutation.kind) {
    case 'replace':
      defineOwn(parent, key, inserted);
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      break;
    case 'add-key':
      if (current !== null && typeof current === 'object' && !Array.isArray(current)) defineOwn(current as Record<Segment, unknown>, mutation.key, inserted);
      else if (Array.isArray(current)) current.push(inserted);
      else defineOwn(parent, key, { [mutation.key]: inserted });
      break;
    case 'empty':
      defineOwn(parent, key, Array.isArray(current) ? [] : current !== null && typeof current === 'object' ? {} : '');
      break;
    case 'wrap':
      defineOwn(parent, key, Array.isArray(current) ? current[0] : [current]);
      break;
  }
  return holder.root;
}

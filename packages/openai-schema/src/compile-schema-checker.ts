import type * as z from 'zod/mini';

/**
 * A yes/no validator compiled from a zod schema: `true` only when zod would accept the value AND zod's parsed
 * output would equal the value itself (so the caller may use the value as it is, without zod's copy).
 * `false` means "ask zod": the value is invalid, or it uses something this compiler does not model.
 */
export type SchemaChecker = (value: unknown) => boolean;

/**
 * Compiles a zod schema into a single-pass checker built from closures (no `eval`, so it runs on Workers too).
 * The schema stays the source of truth: the checker is derived from its definition (`_zod.def`, zod's documented
 * surface for tools), reusing zod's own literal/enum value sets and template-literal patterns.
 *
 * It fails closed: any construct it does not model exactly (transforms, defaults, pipes, lazies, string formats,
 * strict or stripping objects, unknown checks, …) compiles to a checker that always says `false`, so zod decides.
 * What it models, with zod 4's semantics:
 * - `looseObject`: a plain object (prototype `Object.prototype`; an own `__proto__` key, which zod drops from
 *   its output, sends the value to zod); each own key the schema declares by its schema, unknown keys as they are,
 *   every required key present (the value's few keys are walked, not the schema's dozens);
 * - `array` (+ `minLength`/`maxLength`), `record(string, …)` (plain object, no symbol keys, no `__proto__`);
 * - `string` (+ lengths in code points, as zod counts), `number` (finite, + `gte`/`lte`/`gt`/`lt`, `int()`), `boolean`,
 *   `literal`, `enum`, `templateLiteral`, `unknown`, `optional`, `nullable`;
 * - `union` (first match) and `discriminatedUnion` (zod's own discriminator values); a `refine` check calls the
 *   same function zod calls.
 * A property test (`parse-chat-completion-request.property.test.ts`) proves it agrees with zod on fuzzed input.
 */
export function compileSchemaChecker(schema: z.core.$ZodType): SchemaChecker {
  return compile(schema as unknown as Node, new Map());
}

/** The parts of a zod schema's internals this compiler reads. */
interface Node {
  _zod: {
    def: Record<string, unknown> & { type: string; checks?: readonly Node[] };
    traits: Set<string>;
    optin?: 'optional' | 'defaulted';
    optout?: 'optional';
    values?: Set<unknown>;
    pattern?: RegExp;
    propValues?: Record<string, Set<unknown>>;
  };
}

const NEVER: SchemaChecker = () => false;
const ALWAYS: SchemaChecker = () => true;
const hasOwn = Object.prototype.hasOwnProperty;

function compile(node: Node, cache: Map<Node, SchemaChecker>): SchemaChecker {
  let checker = cache.get(node);
  if (checker === undefined) {
    // A cycle (only possible through a lazy schema, which is not modelled) meets NEVER: fail closed.
    cache.set(node, NEVER);
    checker = withChecks(node, compileType(node, cache));
    cache.set(node, checker);
  }
  return checker;
}

/** Plain objects only: what `JSON.parse` builds. Anything else goes to zod. */
function isPlainJsonObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype &&
    !hasOwn.call(value, '__proto__')
  );
}

function compileType(node: Node, cache: Map<Node, SchemaChecker>): SchemaChecker {
  const zod = node._zod;
  const def = zod.def;
  // A schema that is itself a check (string and number formats) carries semantics beyond its type.
  if (zod.traits.has('$ZodCheck') || def.coerce) return NEVER;
  switch (def.type) {
    case 'string':
      return (value) => typeof value === 'string';
    case 'number':
      return (value) => typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return (value) => typeof value === 'boolean';
    case 'unknown':
    case 'any':
      return ALWAYS;
    case 'literal':
    case 'enum': {
      const values = zod.values;
      return values ? (value) => values.has(value) : NEVER;
    }
    case 'template_literal': {
      const pattern = zod.pattern;
      if (!pattern) return NEVER;
      return (value) => {
        if (typeof value !== 'string') return false;
        pattern.lastIndex = 0;
        return pattern.test(value);
      };
    }
    case 'optional': {
      const inner = def.innerType as Node;
      if (zod.traits.has('$ZodExactOptional') || inner._zod.optin === 'defaulted') return NEVER;
      const check = compile(inner, cache);
      return (value) => value === undefined || check(value);
    }
    case 'nullable': {
      const check = compile(def.innerType as Node, cache);
      return (value) => value === null || check(value);
    }
    case 'array': {
      const element = compile(def.element as Node, cache);
      return (value) => {
        if (!Array.isArray(value)) return false;
        for (let index = 0; index < value.length; index++) if (!element(value[index])) return false;
        return true;
      };
    }
    case 'object':
      return compileLooseObject(def, cache);
    case 'record':
      return compileRecord(def, cache);
    case 'union':
      return def.discriminator === undefined ? compileUnion(def, cache) : compileDiscriminatedUnion(def, cache);
    default:
      return NEVER;
  }
}

function compileLooseObject(def: Node['_zod']['def'], cache: Map<Node, SchemaChecker>): SchemaChecker {
  // Only a loose object returns its input's unknown keys as they are (a plain object strips them, a strict one fails).
  const catchall = def.catchall as Node | undefined;
  if (!catchall || catchall._zod.def.type !== 'unknown' || catchall._zod.def.checks?.length) return NEVER;
  const shape = def.shape as Record<string, Node>;
  if (Object.getOwnPropertySymbols(shape).length > 0) return NEVER;
  const fields = new Map<string, { check: SchemaChecker; required: boolean }>();
  let required = 0;
  for (const key of Object.keys(shape)) {
    // Keys that an object inherits would be read from its prototype; zod drops a declared `__proto__`.
    if (key in Object.prototype) return NEVER;
    const field = shape[key]!._zod;
    if (field.optin === undefined) required++;
    else if (field.optin !== 'optional' || field.optout !== 'optional') return NEVER; // a default would fill in a value
    fields.set(key, { check: compile(shape[key]!, cache), required: field.optin === undefined });
  }
  // The value's own keys, not the schema's: a request names a few of the dozens of fields the schema declares. With
  // `Object.prototype` as the prototype and no declared key on it, a declared key is present exactly when it is an
  // own key (enumerable or not, as zod reads it), so a declared key that is not among them is absent.
  return (value) => {
    if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
    const names = Object.getOwnPropertyNames(value);
    let present = 0;
    for (let index = 0; index < names.length; index++) {
      const name = names[index]!;
      const field = fields.get(name);
      if (field === undefined) {
        if (name === '__proto__') return false; // zod drops it from its copy
        continue;
      }
      if (!field.check((value as Record<string, unknown>)[name])) return false;
      if (field.required) present++;
    }
    return present === required;
  };
}

function compileRecord(def: Node['_zod']['def'], cache: Map<Node, SchemaChecker>): SchemaChecker {
  const keyType = def.keyType as Node;
  const keyDef = keyType._zod.def;
  if (keyDef.type !== 'string' || keyDef.coerce || keyDef.checks?.length || keyType._zod.traits.has('$ZodCheck') || def.mode !== undefined) {
    return NEVER;
  }
  const check = compile(def.valueType as Node, cache);
  return (value) => {
    if (!isPlainJsonObject(value) || !isZodPlainObject(value) || Object.getOwnPropertySymbols(value).length > 0) return false;
    for (const key of Object.keys(value)) if (!check(value[key])) return false;
    return true;
  };
}

/** zod's `isPlainObject` (records), given an object whose prototype is `Object.prototype`. */
function isZodPlainObject(value: Record<string, unknown>): boolean {
  const constructor = value.constructor;
  if (constructor === undefined || typeof constructor !== 'function') return true;
  const prototype: unknown = constructor.prototype;
  return typeof prototype === 'object' && prototype !== null && !Array.isArray(prototype) && hasOwn.call(prototype, 'isPrototypeOf');
}

function compileUnion(def: Node['_zod']['def'], cache: Map<Node, SchemaChecker>): SchemaChecker {
  if (def.inclusive === false) return NEVER; // an exclusive union (exactly one match)
  const options = (def.options as Node[]).map((option) => compile(option, cache));
  const count = options.length;
  return (value) => {
    for (let index = 0; index < count; index++) if (options[index]!(value)) return true;
    return false;
  };
}

function compileDiscriminatedUnion(def: Node['_zod']['def'], cache: Map<Node, SchemaChecker>): SchemaChecker {
  if (def.unionFallback) return NEVER;
  const discriminator = def.discriminator as string;
  // The same map zod builds from each option's own discriminator values; a shared `undefined` selects nothing.
  const byValue = new Map<unknown, SchemaChecker | null>();
  for (const option of def.options as Node[]) {
    const values = option._zod.propValues?.[discriminator];
    if (!values || values.size === 0) return NEVER;
    for (const value of values) {
      if (byValue.has(value)) {
        if (value !== undefined) return NEVER;
        byValue.set(value, null);
      } else byValue.set(value, compile(option, cache));
    }
  }
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const option = byValue.get((value as Record<string, unknown>)[discriminator]);
    return option ? option(value) : false;
  };
}

/** The schema's checks (`.check(...)`), run after its type, as zod runs them. */
function withChecks(node: Node, base: SchemaChecker): SchemaChecker {
  const checks = node._zod.def.checks;
  if (!checks || checks.length === 0 || base === NEVER) return base;
  const type = node._zod.def.type;
  const predicates: SchemaChecker[] = [];
  for (const check of checks) {
    const predicate = compileCheck(check, type);
    if (predicate === undefined) return NEVER;
    predicates.push(predicate);
  }
  const count = predicates.length;
  return (value) => {
    if (!base(value)) return false;
    for (let index = 0; index < count; index++) if (!predicates[index]!(value)) return false;
    return true;
  };
}

function compileCheck(check: Node, type: string): SchemaChecker | undefined {
  const def = check._zod.def as Record<string, unknown>;
  switch (def.check) {
    case 'min_length':
    case 'max_length': {
      // zod runs these whenever the value has a length: always, for a string or an array that passed its type.
      if (type !== 'string' && type !== 'array') return undefined;
      const limit = def.check === 'min_length' ? def.minimum : def.maximum;
      if (typeof limit !== 'number') return undefined;
      if (def.check === 'min_length') {
        return type === 'array'
          ? (value) => (value as unknown[]).length >= limit
          : (value) => (value as string).length >= limit && ((value as string).length >= 2 * limit || codePointLength(value as string) >= limit);
      }
      return type === 'array'
        ? (value) => (value as unknown[]).length <= limit
        : (value) => (value as string).length <= limit || codePointLength(value as string) <= limit;
    }
    case 'greater_than':
    case 'less_than': {
      const bound = def.value;
      if (type !== 'number' || typeof bound !== 'number' || def.when) return undefined;
      if (def.check === 'greater_than') return def.inclusive ? (value) => (value as number) >= bound : (value) => (value as number) > bound;
      return def.inclusive ? (value) => (value as number) <= bound : (value) => (value as number) < bound;
    }
    case 'number_format':
      // zod's `int()`: an integer within ±(2^53 − 1), which is `Number.isSafeInteger`. Other formats go to zod.
      if (type !== 'number' || def.format !== 'safeint' || def.when) return undefined;
      return (value) => Number.isSafeInteger(value);
    case 'custom': {
      const fn = def.fn;
      if (typeof fn !== 'function' || def.when) return undefined;
      return (value) => {
        const result: unknown = fn(value);
        // An async refinement makes zod's synchronous parse fail: let zod say so.
        return !(result instanceof Promise) && Boolean(result);
      };
    }
    default:
      return undefined;
  }
}

/** Unicode code points, as zod measures string lengths (a surrogate pair counts once). */
function codePointLength(text: string): number {
  let count = text.length;
  for (let index = 0; index < text.length - 1; index++) {
    if ((text.charCodeAt(index) & 0xfc00) === 0xd800 && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00) {
      count--;
      index++;
    }
  }
  return count;
}

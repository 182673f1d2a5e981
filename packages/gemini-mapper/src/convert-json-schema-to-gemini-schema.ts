import type { TranslationWarning } from '@interlingua/openai-schema';
import type { GeminiSchema, GeminiSchemaType } from './gemini-request-types.js';

export interface ConvertJsonSchemaToGeminiSchemaOptions {
  /** JSON path of the schema in the client request, for warnings (e.g. `tools[0].function.parameters`). */
  path: string;
  /** `parameters` forces an OBJECT root (rule 12); `response` adds `propertyOrdering` (rule 13). */
  purpose: 'parameters' | 'response';
  /** How many `$ref` expansions may nest before a reference is replaced by a loose object. Default 8. */
  maxReferenceDepth?: number;
  /** Nesting depth at which a subtree is replaced by a loose object (never a stack overflow). Default 48. */
  maxDepth?: number;
}

export interface ConvertJsonSchemaToGeminiSchemaResult {
  schema: GeminiSchema;
  warnings: TranslationWarning[];
}

type JsonObject = { [key: string]: unknown };

const TYPE_NAMES: Record<string, GeminiSchemaType> = {
  string: 'STRING',
  number: 'NUMBER',
  integer: 'INTEGER',
  boolean: 'BOOLEAN',
  array: 'ARRAY',
  object: 'OBJECT',
};

/** Keywords removed silently: metadata with no effect on validation, or consumed by the conversion itself. */
const CONSUMED = new Set(['$schema', '$id', '$comment', '$defs', 'definitions', '$ref', 'allOf', 'oneOf', 'anyOf', 'const', 'type', 'strict', 'examples', 'prefixItems']);

const STRING_FORMATS = new Set(['enum', 'date-time']);
const NUMBER_FORMATS = new Set(['float', 'double']);
const INTEGER_FORMATS = new Set(['int32', 'int64']);

/** Keys that apply to a Gemini type (rule 7/9: anything else is removed). */
const KEYS_FOR_TYPE: Record<GeminiSchemaType, ReadonlySet<string>> = {
  STRING: new Set(['format', 'enum', 'minLength', 'maxLength', 'pattern']),
  NUMBER: new Set(['format', 'minimum', 'maximum']),
  INTEGER: new Set(['format', 'minimum', 'maximum']),
  BOOLEAN: new Set([]),
  ARRAY: new Set(['items', 'minItems', 'maxItems']),
  OBJECT: new Set(['properties', 'required', 'minProperties', 'maxProperties']),
  NULL: new Set([]),
};
const COMMON_KEYS = new Set(['title', 'description', 'nullable', 'example', 'default']);
const INT64_KEYS = new Set(['minItems', 'maxItems', 'minLength', 'maxLength', 'minProperties', 'maxProperties']);

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNullSchema(value: unknown): boolean {
  return isObject(value) && (value.type === 'null' || (Array.isArray(value.type) && value.type.length === 1 && value.type[0] === 'null'));
}

function pathOf(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

/**
 * JSON Schema → Gemini's legacy `Schema` (the `parameters` / `responseSchema` fields), following the numbered rules of
 * TRANSLATION-NOTES "Gemini JSON-Schema conversion rules":
 *
 * 1. the input is never mutated (a new tree is built);
 * 2. local `$ref` (`#/$defs/…`, `#/definitions/…`, any `#/…` pointer) are inlined; a recursive or too deep reference
 *    becomes `{type: OBJECT, description: "…"}` with a `schema_recursion_truncated` warning;
 * 3. `type: [X, "null"]` and anyOf/oneOf `{type: "null"}` branches → `nullable: true`; several types → anyOf; a lone
 *    `type: "null"` property is dropped (elsewhere: a nullable STRING), with a warning;
 * 4. `oneOf` → `anyOf`; `allOf` → merged (union of properties and required);
 * 5. `const` → one-value enum; enums are strings (non-string members stringified on STRING nodes; on non-string types
 *    the enum moves into the description); empty-string members removed;
 * 6. a node with `anyOf` keeps only `anyOf` (its title/description copied into each branch; `type` removed);
 * 7. every other keyword outside Gemini's subset is removed at every depth (`schema_keyword_removed`), never keys
 *    inside `properties` (those are names);
 * 8. `format`: STRING keeps `enum`/`date-time`, NUMBER `float`/`double`, INTEGER `int32`/`int64`; others removed;
 * 9. type names upper-cased; unknown types removed;
 * 10. `properties` without type → OBJECT; `required` keeps only existing property names; no empty `properties`;
 * 11. every ARRAY has `items` (missing or empty → a loose OBJECT; tuples collapse to one schema or an anyOf);
 * 12. (purpose `parameters`) the root is an OBJECT (a root anyOf of objects is merged);
 * 13. (purpose `response`) `propertyOrdering` from the key order on every object with properties.
 *
 * A schema with no type at all (`{}`, `true`) means "any value": Gemini's subset cannot say that, so it becomes a loose
 * OBJECT (rule 11's choice) with a `schema_any_type_narrowed` warning.
 */
export function convertJsonSchemaToGeminiSchema(
  schema: unknown,
  options: ConvertJsonSchemaToGeminiSchemaOptions,
): ConvertJsonSchemaToGeminiSchemaResult {
  const warnings: TranslationWarning[] = [];
  const root = isObject(schema) ? schema : {};
  const maxReferenceDepth = options.maxReferenceDepth ?? 8;
  const maxDepth = options.maxDepth ?? 48;
  const warn = (code: string, param: string, message: string) => warnings.push({ code, param, message });

  const resolvePointer = (reference: string): unknown => {
    if (!reference.startsWith('#')) return undefined;
    const segments = reference
      .slice(1)
      .split('/')
      .filter((segment) => segment !== '')
      .map((segment) => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~'));
    let current: unknown = root;
    for (const segment of segments) {
      if (!isObject(current) || !Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
      current = current[segment];
    }
    return current;
  };

  /** Follows `$ref` (siblings of `$ref` win), returning the effective node and the reference chain. */
  const dereference = (node: JsonObject, path: string, references: readonly string[]): { node: JsonObject; references: readonly string[] } | GeminiSchema => {
    let current = node;
    let chain = references;
    while (typeof current.$ref === 'string') {
      const reference = current.$ref;
      if (chain.includes(reference) || chain.length >= maxReferenceDepth) {
        warn('schema_recursion_truncated', pathOf(path, '$ref'), `The reference ${reference} is recursive (or nested more than ${maxReferenceDepth} deep); Gemini's schema subset has no references, so it is replaced by a loose object.`);
        const description = typeof current.description === 'string' ? `${current.description} ` : '';
        return { type: 'OBJECT', description: `${description}(recursive reference ${reference} not expanded)`.trim() };
      }
      const target = resolvePointer(reference);
      if (!isObject(target)) {
        warn('schema_reference_unresolved', pathOf(path, '$ref'), `The reference ${reference} does not point into this schema; it is replaced by a loose object.`);
        return { type: 'OBJECT' };
      }
      const { $ref: _ignored, ...siblings } = current;
      current = { ...target, ...siblings };
      chain = [...chain, reference];
    }
    return { node: current, references: chain };
  };

  const looseObject = (path: string, why: string): GeminiSchema => {
    warn('schema_any_type_narrowed', path, why);
    return { type: 'OBJECT' };
  };

  const convert = (input: unknown, path: string, references: readonly string[], depth: number): GeminiSchema => {
    if (depth > maxDepth) {
      warn('schema_depth_truncated', path, `The schema nests deeper than ${maxDepth} levels; the subtree is replaced by a loose object.`);
      return { type: 'OBJECT' };
    }
    if (!isObject(input)) {
      return looseObject(path, 'A schema that accepts any value cannot be expressed in Gemini\'s schema subset; it becomes a loose object.');
    }
    const dereferenced = dereference(input, path, references);
    if (!('node' in dereferenced && 'references' in dereferenced)) return dereferenced as GeminiSchema;
    let node = dereferenced.node;
    const chain = dereferenced.references;

    // Rule 4: allOf → merged.
    if (Array.isArray(node.allOf)) {
      node = mergeAllOf(node, path, chain);
    }

    // Rule 4 + 3 + 6: oneOf/anyOf.
    const union = Array.isArray(node.anyOf) ? node.anyOf : Array.isArray(node.oneOf) ? node.oneOf : undefined;
    if (union) {
      if (!Array.isArray(node.anyOf)) warn('schema_oneof_to_anyof', pathOf(path, 'oneOf'), 'oneOf becomes anyOf: Gemini has no "exactly one" union.');
      const unionKey = Array.isArray(node.anyOf) ? 'anyOf' : 'oneOf';
      let nullable = node.nullable === true;
      const branches: unknown[] = [];
      union.forEach((branch) => {
        if (isNullSchema(branch)) nullable = true;
        else branches.push(branch);
      });
      const { anyOf: _a, oneOf: _o, type: _t, ...siblings } = node;
      if (branches.length === 0) {
        return convert({ ...siblings, type: 'null' }, path, chain, depth);
      }
      if (branches.length === 1) {
        const only = branches[0];
        const merged = isObject(only) ? { ...siblings, ...only } : siblings;
        if (nullable) merged.nullable = true;
        return convert(merged, path, chain, depth);
      }
      const converted = branches
        .flatMap((branch, index) => {
          const branchSchema = convert(branch, pathOf(pathOf(path, unionKey), index), chain, depth + 1);
          // A branch that is itself a union (e.g. a multi-type branch) is flattened into this anyOf.
          return branchSchema.anyOf ?? [branchSchema];
        })
        .map((branchSchema) => {
        if (typeof siblings.title === 'string' && branchSchema.title === undefined) branchSchema.title = siblings.title;
        if (typeof siblings.description === 'string' && branchSchema.description === undefined) branchSchema.description = siblings.description;
        if (nullable) branchSchema.nullable = true;
        return branchSchema;
      });
      for (const key of Object.keys(siblings)) {
        if (key === 'title' || key === 'description' || key === 'nullable' || CONSUMED.has(key)) continue;
        warn('schema_keyword_removed', pathOf(path, key), `Gemini rejects keywords beside anyOf; "${key}" is removed.`);
      }
      return { anyOf: converted };
    }

    // Rule 5: const → enum.
    if ('const' in node && node.enum === undefined) node = { ...node, enum: [node.const] };

    // Rule 3 + 9: types.
    let nullable = node.nullable === true;
    let type: GeminiSchemaType | undefined;
    const rawType = node.type;
    if (Array.isArray(rawType)) {
      const types = rawType.filter((entry) => entry !== 'null');
      if (types.length !== rawType.length) nullable = true;
      if (types.length > 1) {
        const { type: _t, ...rest } = node;
        const anyOf = types.map((entry) => ({ ...rest, type: entry }));
        return convert({ anyOf, ...(nullable ? { nullable: true } : {}), ...(typeof rest.title === 'string' ? { title: rest.title } : {}), ...(typeof rest.description === 'string' ? { description: rest.description } : {}) }, path, chain, depth);
      }
      if (types.length === 1) type = typeName(types[0], path);
      else type = 'NULL';
    } else if (typeof rawType === 'string') {
      type = rawType === 'null' ? 'NULL' : typeName(rawType, path);
    } else if (rawType !== undefined) {
      warn('schema_keyword_removed', pathOf(path, 'type'), 'A type that is not a string or an array of strings is removed.');
    }
    if (type === 'NULL') {
      warn('schema_null_type', pathOf(path, 'type'), 'A schema that only allows null has no Gemini equivalent; it becomes a nullable string.');
      type = 'STRING';
      nullable = true;
    }

    // Enum values (rule 5), collected before the type is inferred.
    let enumValues: string[] | undefined;
    let enumNote: string | undefined;
    if (Array.isArray(node.enum)) {
      const values = node.enum.filter((value) => {
        if (value === null) {
          nullable = true;
          return false;
        }
        return true;
      });
      const allStrings = values.every((value) => typeof value === 'string');
      if (type === undefined && allStrings) type = 'STRING';
      if (type === 'STRING' || type === undefined) {
        if (!allStrings) warn('schema_enum_stringified', pathOf(path, 'enum'), 'Gemini enums are strings; non-string members are written as text.');
        const strings = values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
        const nonEmpty = strings.filter((value) => value !== '');
        if (nonEmpty.length !== strings.length) warn('schema_enum_empty_value_removed', pathOf(path, 'enum'), 'Gemini rejects the empty string as an enum value; it is removed.');
        if (nonEmpty.length > 0) enumValues = nonEmpty;
        type = 'STRING';
      } else {
        warn('schema_enum_moved_to_description', pathOf(path, 'enum'), `Gemini enums apply to strings only; the allowed values of this ${type.toLowerCase()} are written into the description.`);
        enumNote = `Allowed values: ${values.map((value) => JSON.stringify(value)).join(', ')}.`;
      }
    }

    // Rule 10/11: infer a missing type.
    if (type === undefined) {
      if (isObject(node.properties)) type = 'OBJECT';
      else if (node.items !== undefined || node.prefixItems !== undefined) type = 'ARRAY';
      else if (node.minimum !== undefined || node.maximum !== undefined) type = 'NUMBER';
      else if (node.minLength !== undefined || node.maxLength !== undefined || node.pattern !== undefined) type = 'STRING';
      else {
        const note = typeof node.description === 'string' ? { description: node.description } : {};
        warn('schema_any_type_narrowed', path, 'A schema without a type (any value) cannot be expressed in Gemini\'s schema subset; it becomes a loose object.');
        return { type: 'OBJECT', ...note, ...(nullable ? { nullable: true } : {}) };
      }
    }

    const out: GeminiSchema = { type };
    const allowed = KEYS_FOR_TYPE[type];
    for (const [key, value] of Object.entries(node)) {
      if (key === 'enum' || key === 'nullable' || CONSUMED.has(key)) continue;
      const keyPath = pathOf(path, key);
      if (COMMON_KEYS.has(key)) {
        if ((key === 'title' || key === 'description') && typeof value !== 'string') {
          warn('schema_keyword_removed', keyPath, `A non-string ${key} is removed.`);
          continue;
        }
        (out as JsonObject)[key] = value;
        continue;
      }
      if (!allowed.has(key)) {
        warn('schema_keyword_removed', keyPath, `Gemini's schema subset has no "${key}" (for ${type}); it is removed.`);
        continue;
      }
      if (INT64_KEYS.has(key)) {
        if (typeof value === 'number' && Number.isInteger(value) && value >= 0) (out as JsonObject)[key] = String(value);
        else warn('schema_keyword_removed', keyPath, `"${key}" must be a non-negative integer; it is removed.`);
        continue;
      }
      switch (key) {
        case 'format': {
          const formats = type === 'STRING' ? STRING_FORMATS : type === 'NUMBER' ? NUMBER_FORMATS : INTEGER_FORMATS;
          if (typeof value === 'string' && formats.has(value)) out.format = value;
          else warn('schema_format_removed', keyPath, `Gemini does not support format ${JSON.stringify(value)} for ${type}; it is removed.`);
          break;
        }
        case 'minimum':
        case 'maximum':
          if (typeof value === 'number' && Number.isFinite(value)) out[key] = value;
          else warn('schema_keyword_removed', keyPath, `"${key}" must be a number; it is removed.`);
          break;
        case 'pattern':
          if (typeof value === 'string') out.pattern = value;
          else warn('schema_keyword_removed', keyPath, 'A non-string pattern is removed.');
          break;
        case 'properties':
        case 'required':
        case 'items':
          break; // handled below
        default:
          break;
      }
    }
    if (!('examples' in node) || 'example' in node) {
      // nothing
    } else if (Array.isArray(node.examples) && node.examples.length > 0) {
      out.example = node.examples[0];
    }
    if (enumValues) out.enum = enumValues;
    if (enumNote) out.description = out.description ? `${out.description} ${enumNote}` : enumNote;
    if (nullable) out.nullable = true;

    if (type === 'OBJECT') convertObject(node, out, path, chain, depth);
    if (type === 'ARRAY') out.items = convertItems(node, path, chain, depth);
    return out;
  };

  const typeName = (value: unknown, path: string): GeminiSchemaType | undefined => {
    if (typeof value === 'string') {
      const name = TYPE_NAMES[value.toLowerCase()];
      if (name) return name;
      if (value.toLowerCase() === 'null') return 'NULL';
    }
    warn('schema_keyword_removed', pathOf(path, 'type'), `Unknown type ${JSON.stringify(value)} is removed.`);
    return undefined;
  };

  const mergeAllOf = (node: JsonObject, path: string, chain: readonly string[]): JsonObject => {
    warn('schema_allof_merged', pathOf(path, 'allOf'), 'allOf is merged into one schema (union of properties and required); conflicting constraints keep the first.');
    const { allOf, ...rest } = node;
    let merged: JsonObject = { ...rest };
    for (const [index, branch] of (allOf as unknown[]).entries()) {
      if (!isObject(branch)) continue;
      const dereferenced = dereference(branch, pathOf(pathOf(path, 'allOf'), index), chain);
      const effective = 'node' in dereferenced && 'references' in dereferenced ? (dereferenced.node as JsonObject) : {};
      const inner = Array.isArray(effective.allOf) ? mergeAllOf(effective, path, chain) : effective;
      const properties = { ...(isObject(inner.properties) ? inner.properties : {}), ...(isObject(merged.properties) ? merged.properties : {}) };
      const required = [...new Set([...(Array.isArray(merged.required) ? merged.required : []), ...(Array.isArray(inner.required) ? inner.required : [])])];
      merged = { ...inner, ...merged };
      if (Object.keys(properties).length > 0) merged.properties = properties;
      if (required.length > 0) merged.required = required;
    }
    return merged;
  };

  const convertObject = (node: JsonObject, out: GeminiSchema, path: string, chain: readonly string[], depth: number) => {
    const properties: { [name: string]: GeminiSchema } = {};
    const dropped = new Set<string>();
    if (isObject(node.properties)) {
      for (const [name, propertySchema] of Object.entries(node.properties)) {
        const propertyPath = pathOf(pathOf(path, 'properties'), name);
        if (isNullSchema(propertySchema)) {
          warn('schema_null_property_removed', propertyPath, 'A property that can only be null has no Gemini equivalent; it is removed.');
          dropped.add(name);
          continue;
        }
        properties[name] = convert(propertySchema, propertyPath, chain, depth + 1);
      }
    }
    const names = Object.keys(properties);
    if (names.length > 0) out.properties = properties;
    if (node.required !== undefined && node.required !== null) {
      const required = Array.isArray(node.required) ? node.required : [];
      const kept = required.filter((name): name is string => typeof name === 'string' && Object.prototype.hasOwnProperty.call(properties, name));
      const unique = [...new Set(kept)];
      if (unique.length !== required.length) {
        const missing = required.filter((name) => !(typeof name === 'string' && Object.prototype.hasOwnProperty.call(properties, name)) && !dropped.has(name as string));
        if (missing.length > 0 || !Array.isArray(node.required)) {
          warn('schema_required_pruned', pathOf(path, 'required'), `Gemini rejects required names without a property; removed: ${missing.map((name) => JSON.stringify(name)).join(', ')}.`);
        }
      }
      if (unique.length > 0) out.required = unique;
    }
    if (options.purpose === 'response' && names.length > 0) out.propertyOrdering = names;
  };

  const convertItems = (node: JsonObject, path: string, chain: readonly string[], depth: number): GeminiSchema => {
    const tuple = Array.isArray(node.prefixItems) ? node.prefixItems : Array.isArray(node.items) ? node.items : undefined;
    if (tuple) {
      const key = Array.isArray(node.prefixItems) ? 'prefixItems' : 'items';
      warn('schema_tuple_collapsed', pathOf(path, key), 'Gemini arrays have one item schema; the tuple collapses to one schema (or an anyOf of its members).');
      const distinct = [...new Map(tuple.map((entry) => [JSON.stringify(entry), entry])).values()];
      if (distinct.length === 0) return looseObject(pathOf(path, key), 'An empty tuple says nothing about its items; they become loose objects.');
      if (distinct.length === 1) return convert(distinct[0], pathOf(pathOf(path, key), 0), chain, depth + 1);
      return convert({ anyOf: distinct }, pathOf(path, key), chain, depth + 1);
    }
    if (node.items === undefined || node.items === true || (isObject(node.items) && Object.keys(node.items).length === 0)) {
      return looseObject(pathOf(path, 'items'), 'An array without an item schema gets loose objects as items (Gemini requires items).');
    }
    return convert(node.items, pathOf(path, 'items'), chain, depth + 1);
  };

  let converted = convert(root, options.path, [], 0);
  if (options.purpose === 'parameters' && converted.type !== 'OBJECT') {
    if (converted.anyOf && converted.anyOf.every((branch) => branch.type === 'OBJECT')) {
      warn('schema_root_union_merged', options.path, 'Function parameters must be one OBJECT; the root anyOf of objects is merged (properties united, required intersected).');
      const properties: { [name: string]: GeminiSchema } = {};
      let required: string[] | undefined;
      for (const branch of converted.anyOf) {
        Object.assign(properties, branch.properties ?? {});
        const names = branch.required ?? [];
        required = required === undefined ? [...names] : required.filter((name) => names.includes(name));
      }
      converted = { type: 'OBJECT', ...(Object.keys(properties).length > 0 ? { properties } : {}), ...(required && required.length > 0 ? { required } : {}) };
    } else {
      warn('schema_root_not_object', options.path, 'Function parameters must be an OBJECT at the root; the schema is replaced by a loose object.');
      converted = { type: 'OBJECT', ...(converted.description ? { description: converted.description } : {}) };
    }
  }
  return { schema: converted, warnings };
}

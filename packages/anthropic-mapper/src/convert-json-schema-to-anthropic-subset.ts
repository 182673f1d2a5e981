import type { TranslationWarning } from '@interlingua/openai-schema';

/**
 * The JSON Schema subset Anthropic's structured outputs accept (`output_config.format` and strict tools), as
 * documented on platform.claude.com/docs/en/build-with-claude/structured-outputs ("JSON Schema limitations"):
 *
 * - supported: the basic types (object, array, string, integer, number, boolean, null, and arrays of them), `enum`
 *   of primitive values, `const`, `anyOf`, `allOf`, local `$ref` with `$defs` / `definitions`, `default`,
 *   `required`, `additionalProperties: false`, string `format` (date-time, time, date, duration, email, hostname,
 *   uri, ipv4, ipv6, uuid), simple `pattern`s, `minItems` of 0 or 1, and the annotations `title` / `description`;
 * - not supported: recursive schemas, external `$ref`, numeric constraints (`minimum`, `maximum`,
 *   `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf`), string length (`minLength`, `maxLength`), array
 *   constraints beyond `minItems` 0/1 (`maxItems`, `uniqueItems`, `contains`, `prefixItems`), object constraints
 *   (`minProperties`, `maxProperties`, `patternProperties`, `propertyNames`, `dependent*`), `additionalProperties`
 *   other than false, `oneOf`, `not`, `if` / `then` / `else`, complex `enum` members, other formats, and patterns
 *   with backreferences, lookaround or word boundaries.
 */
export const ANTHROPIC_SCHEMA_FORMATS = new Set(['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'uri', 'ipv4', 'ipv6', 'uuid']);

/** Keywords kept (their values converted). */
const KEPT = new Set(['type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'anyOf', 'allOf', '$ref', '$defs', 'definitions', 'title', 'description', 'default', 'format', 'pattern', 'minItems']);
/** Removed without a warning: identifiers and comments that constrain nothing. */
const SILENT = new Set(['$schema', '$id', '$comment', 'examples', 'example', 'deprecated', 'readOnly', 'writeOnly', 'strict', '$anchor']);
/** A pattern feature outside the subset: backreferences, lookaround, word boundaries. */
const COMPLEX_PATTERN = /\\[1-9]|\\k<|\(\?[=!<]|\\[bB]/;

export interface RemovedSchemaKeyword {
  /** JSON path of the schema node in the client request. */
  path: string;
  keyword: string;
}

export type ConvertJsonSchemaToAnthropicSubsetResult =
  | { ok: true; schema: Record<string, unknown>; warnings: TranslationWarning[]; removed: RemovedSchemaKeyword[] }
  /** The schema cannot be expressed in the subset at all (recursive or external references). */
  | { ok: false; reason: string };

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPrimitive(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function pathOf(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

/** Local definitions by pointer (`#/$defs/a`, `#/definitions/a`). */
function collectDefinitions(root: JsonObject): Map<string, unknown> {
  const definitions = new Map<string, unknown>();
  for (const container of ['$defs', 'definitions']) {
    const defs = root[container];
    if (isObject(defs)) for (const [name, schema] of Object.entries(defs)) definitions.set(`#/${container}/${name}`, schema);
  }
  return definitions;
}

function referencesIn(node: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(node)) node.forEach((item) => referencesIn(item, out));
  else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') out.add(value);
      else referencesIn(value, out);
    }
  }
  return out;
}

/** Why the references cannot stay (external, dangling or recursive), or null. */
function checkReferences(root: JsonObject): string | null {
  const definitions = collectDefinitions(root);
  for (const reference of referencesIn(root, new Set())) {
    if (reference === '#') return 'the schema refers to itself (recursive schemas are not supported)';
    if (!reference.startsWith('#/')) return `the reference ${reference} is not local`;
    if (!definitions.has(reference)) return `the reference ${reference} does not point into $defs or definitions`;
  }
  const visiting = new Set<string>();
  const done = new Set<string>();
  const cyclic = (reference: string): boolean => {
    if (done.has(reference)) return false;
    if (visiting.has(reference)) return true;
    visiting.add(reference);
    for (const next of referencesIn(definitions.get(reference), new Set())) if (cyclic(next)) return true;
    visiting.delete(reference);
    done.add(reference);
    return false;
  };
  for (const reference of definitions.keys()) if (cyclic(reference)) return `${reference} is recursive (recursive schemas are not supported)`;
  return null;
}

/**
 * A client JSON Schema → Anthropic's structured-output subset (see `ANTHROPIC_SCHEMA_FORMATS`' comment). Pure; the
 * input is never mutated.
 *
 * 1. Every keyword outside the subset is removed at every depth, with one `schema_keyword_removed` warning each;
 *    its value is kept as text in the node's `description` (`(minimum: 0; maxLength: 20)`) so the model still sees it.
 * 2. `oneOf` becomes `anyOf` (exclusivity is the removed constraint, reported the same way).
 * 3. `minItems` above 1 becomes 1 (reported); `enum` with non-primitive members, unsupported `format`s and complex
 *    `pattern`s are removed (reported).
 * 4. Every object gets `additionalProperties: false` (Anthropic requires it); an object that allowed other
 *    properties (`additionalProperties` true or a schema) is closed with a `schema_additional_properties_closed`
 *    warning.
 * 5. Local `$ref` into `$defs` / `definitions` stay; recursive, dangling or external references cannot be expressed:
 *    the result is `{ok: false, reason}` (the caller falls back).
 *
 * The conversion only removes constraints (reported) or closes objects, so an instance valid under the result
 * breaks the original schema only through a reported keyword (the property test checks this).
 */
export function convertJsonSchemaToAnthropicSubset(schema: Record<string, unknown>, path: string): ConvertJsonSchemaToAnthropicSubsetResult {
  const reason = checkReferences(schema);
  if (reason !== null) return { ok: false, reason };
  const warnings: TranslationWarning[] = [];
  const removed: RemovedSchemaKeyword[] = [];

  const remove = (at: string, keyword: string, message: string): void => {
    removed.push({ path: at, keyword });
    warnings.push({ code: 'schema_keyword_removed', param: pathOf(at, keyword), message });
  };

  const convertNode = (node: unknown, at: string): unknown => {
    if (typeof node === 'boolean') return node;
    if (!isObject(node)) return node;
    const out: JsonObject = {};
    const notes: string[] = [];
    const note = (keyword: string, value: unknown) => notes.push(`${keyword}: ${JSON.stringify(value)}`);
    for (const [key, value] of Object.entries(node)) {
      if (SILENT.has(key)) continue;
      if (key === 'oneOf' && Array.isArray(value)) {
        remove(at, 'oneOf', 'Anthropic structured outputs have no oneOf; it was sent as anyOf (a value may now match several branches).');
        out['anyOf'] = value.map((branch, i) => convertNode(branch, pathOf(pathOf(at, 'oneOf'), i)));
        continue;
      }
      if (!KEPT.has(key)) {
        remove(at, key, `Anthropic structured outputs do not support \`${key}\`; it was removed and written into the description.`);
        note(key, value);
        continue;
      }
      switch (key) {
        case 'properties':
          if (isObject(value)) out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, convertNode(sub, pathOf(pathOf(at, 'properties'), name))]));
          else out[key] = value;
          break;
        case '$defs':
        case 'definitions':
          if (isObject(value)) out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, convertNode(sub, pathOf(pathOf(at, key), name))]));
          break;
        case 'items':
          if (Array.isArray(value)) {
            remove(at, 'items', 'Anthropic structured outputs do not support tuple `items`; it was removed and written into the description.');
            note(key, value);
          } else out[key] = convertNode(value, pathOf(at, 'items'));
          break;
        case 'anyOf':
        case 'allOf':
          out[key] = Array.isArray(value) ? value.map((branch, i) => convertNode(branch, pathOf(pathOf(at, key), i))) : value;
          break;
        case 'additionalProperties':
          if (value !== false) {
            warnings.push({ code: 'schema_additional_properties_closed', param: pathOf(at, key), message: 'Anthropic structured outputs require additionalProperties: false; other properties are no longer allowed here.' });
          }
          break;
        case 'enum':
          if (Array.isArray(value) && value.every(isPrimitive)) out[key] = value;
          else {
            remove(at, 'enum', 'Anthropic structured outputs accept enums of strings, numbers, booleans and null only; the enum was removed and written into the description.');
            note(key, value);
          }
          break;
        case 'format':
          if (typeof value === 'string' && ANTHROPIC_SCHEMA_FORMATS.has(value)) out[key] = value;
          else {
            remove(at, 'format', `Anthropic structured outputs do not support the format ${JSON.stringify(value)}; it was removed and written into the description.`);
            note(key, value);
          }
          break;
        case 'pattern':
          if (typeof value === 'string' && !COMPLEX_PATTERN.test(value)) out[key] = value;
          else {
            remove(at, 'pattern', 'Anthropic structured outputs accept simple patterns only (no backreferences, lookaround or word boundaries); the pattern was removed and written into the description.');
            note(key, value);
          }
          break;
        case 'minItems':
          if (value === 0 || value === 1) out[key] = value;
          else if (typeof value === 'number' && value > 1) {
            remove(at, 'minItems', `Anthropic structured outputs accept minItems 0 or 1 only; minItems ${value} was sent as 1 and written into the description.`);
            note(key, value);
            out[key] = 1;
          }
          break;
        default:
          out[key] = value;
      }
    }
    const types = Array.isArray(out['type']) ? out['type'] : [out['type']];
    if (types.includes('object') || (out['type'] === undefined && (out['properties'] !== undefined || node['additionalProperties'] !== undefined))) out['additionalProperties'] = false;
    if (notes.length > 0) {
      const text = `(${notes.join('; ')})`;
      out['description'] = typeof out['description'] === 'string' && out['description'] !== '' ? `${out['description']} ${text}` : text;
    }
    return out;
  };

  return { ok: true, schema: convertNode(schema, path) as Record<string, unknown>, warnings, removed };
}

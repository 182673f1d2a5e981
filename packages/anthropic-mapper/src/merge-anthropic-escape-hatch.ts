import { addWarning, RequestMappingFailure, type RequestMappingState } from './request-mapping-failure.js';

/** Fields of the upstream body the escape hatch may not set: they decide routing and the reply's shape. */
const RESERVED = new Set(['model', 'stream']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The escape hatch: the request body's `anthropic` object (what the official OpenAI SDKs send with
 * `extra_body={"anthropic": {...}}`) merged into the mapped Anthropic body, for what the mapping does not cover
 * (`thinking`, `output_config`, `context_management`, `container`, `mcp_servers`, `inference_geo`, …).
 *
 * - a field the mapping did not set is added;
 * - a field it set is replaced (`anthropic_field_overridden` warning naming `anthropic.<field>`); when both are
 *   objects (`output_config`, `thinking`, `metadata`), they merge one level deep, each replaced key warned;
 * - `model` and `stream` cannot be set (400 naming `anthropic.<field>`), nor can anything but an object be given.
 *
 * Returns the merged body (the input body is not mutated).
 */
export function mergeAnthropicEscapeHatch<Body extends object>(body: Body, hatch: unknown, state: RequestMappingState): Body {
  if (hatch === undefined || hatch === null) return body;
  if (!isPlainObject(hatch)) throw new RequestMappingFailure('`anthropic` must be an object of Anthropic Messages fields.', 'anthropic', 'invalid_value');
  const merged: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const [key, value] of Object.entries(hatch)) {
    if (RESERVED.has(key)) throw new RequestMappingFailure(`\`anthropic.${key}\` cannot be set: the gateway decides it.`, `anthropic.${key}`, 'invalid_value');
    const current = merged[key];
    if (current === undefined) {
      merged[key] = value;
    } else if (isPlainObject(current) && isPlainObject(value)) {
      const inner: Record<string, unknown> = { ...current };
      for (const [innerKey, innerValue] of Object.entries(value)) {
        if (inner[innerKey] !== undefined && JSON.stringify(inner[innerKey]) !== JSON.stringify(innerValue)) {
          addWarning(state, 'anthropic_field_overridden', `anthropic.${key}.${innerKey}`, `The mapped ${key}.${innerKey} was replaced by the one given in \`anthropic\`.`);
        }
        inner[innerKey] = innerValue;
      }
      merged[key] = inner;
    } else {
      if (JSON.stringify(current) !== JSON.stringify(value)) {
        addWarning(state, 'anthropic_field_overridden', `anthropic.${key}`, `The mapped ${key} was replaced by the one given in \`anthropic\`.`);
      }
      merged[key] = value;
    }
  }
  return merged as Body;
}

/** `anthropic-beta` values: comma-separated lists merged, trimmed, without duplicates, in first-seen order. */
export function mergeAnthropicBetas(...lists: Array<string | readonly string[] | undefined>): string[] {
  if (lists.every((list) => list === undefined)) return []; // the usual request: no betas, no Set
  const seen = new Set<string>();
  for (const list of lists) {
    if (list === undefined) continue;
    for (const entry of typeof list === 'string' ? [list] : list) {
      for (const beta of entry.split(',')) {
        const trimmed = beta.trim();
        if (trimmed !== '') seen.add(trimmed);
      }
    }
  }
  return [...seen];
}

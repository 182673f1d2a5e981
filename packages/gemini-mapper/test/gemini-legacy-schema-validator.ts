/// <reference types="node" />
import { readVendoredSpec } from '@interlingua/conformance/node';

interface SpecSchemaComponent {
  properties: Record<string, unknown>;
}

let cached: { keys: Set<string>; types: Set<string> } | undefined;

function loadSpec() {
  if (cached) return cached;
  const spec = readVendoredSpec('gemini') as {
    components: { schemas: { Schema: SpecSchemaComponent; Type: { enum: string[] } } };
  };
  cached = {
    keys: new Set(Object.keys(spec.components.schemas.Schema.properties)),
    types: new Set(spec.components.schemas.Type.enum.filter((type) => type !== 'TYPE_UNSPECIFIED')),
  };
  return cached;
}

/**
 * Problems of a schema against Gemini's legacy `Schema` subset, built from the v1beta discovery spec's `Schema`
 * component (allowed keys) and `Type` enum, plus the rules Gemini enforces: `type` present (unless anyOf), `required`
 * names existing properties, enums are non-empty strings, arrays have items, anyOf has no siblings.
 */
export function validateGeminiLegacySchema(schema: unknown, path = '$'): string[] {
  const { keys, types } = loadSpec();
  const problems: string[] = [];
  const visit = (node: unknown, where: string) => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      problems.push(`${where}: not an object`);
      return;
    }
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) if (!keys.has(key)) problems.push(`${where}.${key}: not a Schema key`);
    if (record.anyOf !== undefined) {
      if (!Array.isArray(record.anyOf) || record.anyOf.length === 0) problems.push(`${where}.anyOf: not a non-empty array`);
      const siblings = Object.keys(record).filter((key) => key !== 'anyOf');
      if (siblings.length > 0) problems.push(`${where}: anyOf has siblings ${siblings.join(',')}`);
      (record.anyOf as unknown[]).forEach((branch, index) => visit(branch, `${where}.anyOf[${index}]`));
      return;
    }
    if (typeof record.type !== 'string' || !types.has(record.type)) problems.push(`${where}.type: ${JSON.stringify(record.type)} is not a Gemini type`);
    if (record.enum !== undefined) {
      if (!Array.isArray(record.enum) || record.enum.some((value) => typeof value !== 'string' || value === '')) problems.push(`${where}.enum: not non-empty strings`);
    }
    if (record.type === 'ARRAY' && record.items === undefined) problems.push(`${where}: ARRAY without items`);
    if (record.items !== undefined) visit(record.items, `${where}.items`);
    const properties = (record.properties ?? {}) as Record<string, unknown>;
    if (record.properties !== undefined && Object.keys(properties).length === 0) problems.push(`${where}.properties: empty`);
    for (const [name, value] of Object.entries(properties)) visit(value, `${where}.properties.${name}`);
    if (record.required !== undefined) {
      for (const name of record.required as unknown[]) {
        if (typeof name !== 'string' || !(name in properties)) problems.push(`${where}.required: ${JSON.stringify(name)} names no property`);
      }
    }
    for (const key of ['minItems', 'maxItems', 'minLength', 'maxLength', 'minProperties', 'maxProperties']) {
      if (record[key] !== undefined && !/^\d+$/.test(String(record[key]))) problems.push(`${where}.${key}: not an int64`);
    }
  };
  visit(schema, path);
  return problems;
}

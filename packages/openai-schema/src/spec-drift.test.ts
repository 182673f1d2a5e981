/// <reference types="node" />
/**
 * Fails when OpenAI's spec (vendored in packages/conformance/specs) grows something our request schema does not know:
 * a property of `CreateChatCompletionRequest` (after resolving `allOf`/`$ref`), a message role, a content part
 * type, or an enum value of a request field.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { chatCompletionRequestSchema } from './chat-completion-request-schema.js';
import { parseChatCompletionRequest } from './parse-chat-completion-request.js';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(packageDir, '..', '..');
const specFile = path.resolve(repoRoot, 'packages', 'conformance', 'specs', 'openai-openapi.subset.json');

type Json = Record<string, unknown>;
let schemas: Record<string, Json>;

function resolveRef(node: Json): Json {
  let current = node;
  while (typeof current.$ref === 'string') {
    const name = current.$ref.replace('#/components/schemas/', '');
    current = schemas[name]!;
  }
  return current;
}

/** Properties of an object schema, following `$ref` and merging `allOf` (later members win). */
function propertiesOf(node: Json): Record<string, Json> {
  const resolved = resolveRef(node);
  const merged: Record<string, Json> = {};
  for (const member of (resolved.allOf as Json[] | undefined) ?? []) Object.assign(merged, propertiesOf(member));
  Object.assign(merged, (resolved.properties as Record<string, Json> | undefined) ?? {});
  return merged;
}

/** All string enum values reachable through `$ref`/`anyOf`/`oneOf` (not into objects or arrays). */
function enumValues(node: Json): string[] {
  const resolved = resolveRef(node);
  const out = ((resolved.enum as unknown[] | undefined) ?? []).filter((v): v is string => typeof v === 'string');
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    for (const member of (resolved[key] as Json[] | undefined) ?? []) out.push(...enumValues(member));
  }
  return out;
}

function membersOf(node: Json): Json[] {
  const resolved = resolveRef(node);
  const members = [...((resolved.oneOf as Json[] | undefined) ?? []), ...((resolved.anyOf as Json[] | undefined) ?? [])];
  return members.length === 0 ? [resolved] : members.flatMap(membersOf);
}

beforeAll(() => {
  const doc = JSON.parse(readFileSync(specFile, 'utf8')) as { components: { schemas: Record<string, Json> } };
  schemas = doc.components.schemas;
}, 60_000);

const base = { model: 'm', messages: [{ role: 'user', content: 'x' }] };

describe('spec drift: CreateChatCompletionRequest', () => {
  it('every request property of the spec is known to our schema', () => {
    const specProperties = Object.keys(propertiesOf(schemas.CreateChatCompletionRequest!)).sort();
    expect(specProperties).toEqual(expect.arrayContaining(['messages', 'model', 'temperature', 'top_p', 'user', 'metadata']));
    const ours = new Set(Object.keys(chatCompletionRequestSchema().shape));
    expect(specProperties.filter((name) => !ours.has(name))).toEqual([]);
  });

  it('every message role of the spec is accepted', () => {
    const roles = membersOf(schemas.ChatCompletionRequestMessage!).flatMap((m) => enumValues(propertiesOf(m).role!));
    expect(roles.sort()).toEqual(['assistant', 'developer', 'function', 'system', 'tool', 'user']);
  });

  it('every content part type of the spec is accepted for its role', () => {
    const byRole: Record<string, string[]> = {};
    for (const message of membersOf(schemas.ChatCompletionRequestMessage!)) {
      const properties = propertiesOf(message);
      const role = enumValues(properties.role!)[0]!;
      const arrays = membersOf(properties.content!).filter((m) => m.type === 'array');
      byRole[role] = arrays.flatMap((array) => membersOf(array.items as Json).flatMap((part) => enumValues(propertiesOf(part).type!)));
    }
    expect(byRole.user?.sort()).toEqual(['file', 'image_url', 'input_audio', 'text']);
    const samples: Record<string, unknown> = {
      text: { type: 'text', text: 't' },
      image_url: { type: 'image_url', image_url: { url: 'https://x' } },
      input_audio: { type: 'input_audio', input_audio: { data: 'AA==', format: 'wav' } },
      file: { type: 'file', file: { file_id: 'f' } },
      refusal: { type: 'refusal', refusal: 'no' },
    };
    for (const [role, types] of Object.entries(byRole)) {
      for (const type of types) {
        expect(samples[type], `sample for part type ${type}`).toBeDefined();
        const message = { role, content: [samples[type]], tool_call_id: 'c', name: 'n' };
        expect(parseChatCompletionRequest({ ...base, messages: [message] }), `${role} with a ${type} part`).toMatchObject({ ok: true });
      }
    }
  });

  it('every enum value of a top-level request field is accepted', () => {
    const properties = propertiesOf(schemas.CreateChatCompletionRequest!);
    const checked: string[] = [];
    for (const [name, property] of Object.entries(properties)) {
      const resolved = resolveRef(property);
      // Only plain enum fields (string or nullable string); arrays and objects are covered above.
      // `model` lists known ids beside a free string; `function_call` is covered by its own tests.
      if (name === 'model' || name === 'function_call') continue;
      const itemValues = membersOf(resolved)
        .filter((m) => m.type === 'array' && m.items)
        .flatMap((m) => enumValues(m.items as Json));
      const values = enumValues(resolved);
      if (values.length === 0 && itemValues.length === 0) continue;
      for (const value of values) {
        expect(parseChatCompletionRequest({ ...base, [name]: value }), `${name}: ${value}`).toMatchObject({ ok: true });
      }
      for (const value of itemValues) {
        expect(parseChatCompletionRequest({ ...base, [name]: [value] }), `${name}: [${value}]`).toMatchObject({ ok: true });
      }
      checked.push(name);
    }
    expect(checked.sort()).toEqual(expect.arrayContaining(['modalities', 'prompt_cache_retention', 'reasoning_effort', 'service_tier', 'tool_choice', 'verbosity']));
  });
});

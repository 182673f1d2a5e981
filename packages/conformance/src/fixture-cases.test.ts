import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { fixturesRoot } from './fixtures-root.js';
import { loadFixtureCases } from './load-fixture-cases.js';

const root = fixturesRoot();
const cases = loadFixtureCases(root, { client: 'all' }); // Chat Completions and Responses API cases
const caseSchema = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'schemas', 'case.schema.json'), 'utf8'));
const validateCase = new Ajv({ allErrors: true, strict: false }).compile(caseSchema);

describe('fixture cases', () => {
  it('exist, including every seed example', () => {
    const ids = cases.map((c) => c.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'anthropic/seed-tools-non-stream',
        'anthropic/seed-tools-stream',
        'gemini/seed-json-object',
        'gemini/seed-json-schema',
        'gemini/seed-vision',
        'gemini/seed-vision-stream',
        'openai-compatible/seed-say-test',
      ]),
    );
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s: case.json validates against case.schema.json', (_id, fixtureCase) => {
    const valid = validateCase(fixtureCase.description);
    expect(validateCase.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s: has the files its kind needs', (_id, fixtureCase) => {
    const expected = fixtureCase.expectedResponse;
    if (fixtureCase.upstreamRequest) {
      // A case that reaches the upstream has a recorded reply.
      expect(fixtureCase.upstreamResponse).toBeDefined();
    }
    if (expected.kind === 'sse') {
      expect(fixtureCase.stream).toBe(true);
      expect(expected.text.endsWith('\n\n')).toBe(true);
    } else if (expected.response.status === 200) {
      // A successful JSON reply answers a non-streamed request.
      expect(fixtureCase.stream).toBe(false);
    }
    if (fixtureCase.description.source.kind === 'seed') {
      expect(fixtureCase.name.startsWith('seed-')).toBe(true);
    }
  });
});

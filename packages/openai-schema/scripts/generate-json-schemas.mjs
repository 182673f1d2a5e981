#!/usr/bin/env node
/**
 * Generates JSON Schemas (draft-07) from the exported wire interfaces with typescript-json-schema, into
 * `schemas/*.json` (shipped in the package and exported as `@interlingua/openai-schema/schemas/*`).
 *
 * Settings: `required: true` (non-optional properties are required) and `noExtraProps: false` (additional
 * properties are allowed, as the zod schemas keep unknown fields). Run by the package's `build` script.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import TJS from 'typescript-json-schema';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(packageDir, 'schemas');

/** Output file → [source file, exported type]. */
export const SCHEMAS = {
  'chat-completion-request.schema.json': ['src/chat-completion-request.ts', 'ChatCompletionRequest'],
  'chat-completion.schema.json': ['src/chat-completion.ts', 'ChatCompletion'],
  'chat-completion-chunk.schema.json': ['src/chat-completion-chunk.ts', 'ChatCompletionChunk'],
  'completion-usage.schema.json': ['src/completion-usage.ts', 'CompletionUsage'],
  'error-envelope.schema.json': ['src/openai-error-envelope.ts', 'OpenAIErrorEnvelope'],
};

const compilerOptions = {
  target: 'ES2022',
  // Bundler resolution (same `.js` specifiers) keeps definition names plain instead of `import("/abs/path").X`.
  module: 'ESNext',
  moduleResolution: 'Bundler',
  strict: true,
  strictNullChecks: true,
  skipLibCheck: true,
  types: [],
};

const settings = {
  required: true,
  noExtraProps: false,
  strictNullChecks: true,
  ref: true,
  aliasRef: true,
  topRef: false,
  titles: false,
  defaultProps: false,
  ignoreErrors: false,
};

const files = [...new Set(Object.values(SCHEMAS).map(([file]) => join(packageDir, file)))];
const program = TJS.getProgramFromFiles(files, compilerOptions, packageDir);
const generator = TJS.buildGenerator(program, settings, files);
if (!generator) throw new Error('typescript-json-schema could not build a generator (type errors above)');

mkdirSync(outDir, { recursive: true });
for (const [outFile, [, typeName]] of Object.entries(SCHEMAS)) {
  const schema = generator.getSchemaForSymbol(typeName);
  const ordered = {
    $schema: schema.$schema,
    $id: `https://unpkg.com/@interlingua/openai-schema/schemas/${outFile}`,
    title: typeName,
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema')),
  };
  writeFileSync(join(outDir, outFile), `${JSON.stringify(ordered, null, 2)}\n`);
  console.log(`schemas/${outFile} ← ${typeName}`);
}

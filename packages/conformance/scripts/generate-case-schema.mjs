#!/usr/bin/env node
// Generates schemas/case.schema.json (the JSON Schema of case.json) from the CaseDescription type.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as TJS from 'typescript-json-schema';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, '..');
const program = TJS.getProgramFromFiles([join(packageDir, 'src', 'fixture-case.ts')], {
  strict: true,
  skipLibCheck: true,
  module: 'ES2022',
  moduleResolution: 'Bundler',
});
const schema = TJS.generateSchema(program, 'CaseDescription', { required: true, noExtraProps: true, strictNullChecks: true });
if (!schema) throw new Error('typescript-json-schema produced no schema for CaseDescription');
schema.$id = 'https://interlingua.dev/schemas/case.schema.json';
schema.title = 'Interlingua fixture case (case.json)';
mkdirSync(join(packageDir, 'schemas'), { recursive: true });
writeFileSync(join(packageDir, 'schemas', 'case.schema.json'), JSON.stringify(schema, null, 2) + '\n');
console.log('wrote schemas/case.schema.json');

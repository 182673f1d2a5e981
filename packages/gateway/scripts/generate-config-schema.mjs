#!/usr/bin/env node
// Generates schemas/gateway-config.schema.json (the JSON Schema of the gateway config file) from the GatewayConfigFile type.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as TJS from 'typescript-json-schema';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, '..');
const program = TJS.getProgramFromFiles([join(packageDir, 'src', 'gateway-config.ts')], {
  strict: true,
  skipLibCheck: true,
  module: 'ES2022',
  moduleResolution: 'Bundler',
});
const schema = TJS.generateSchema(program, 'GatewayConfigFile', { required: true, noExtraProps: true, strictNullChecks: true });
if (!schema) throw new Error('typescript-json-schema produced no schema for CaseDescription');
schema.$id = 'https://interlingua.dev/schemas/gateway-config.schema.json';
schema.title = 'Interlingua gateway config file';
mkdirSync(join(packageDir, 'schemas'), { recursive: true });
writeFileSync(join(packageDir, 'schemas', 'gateway-config.schema.json'), JSON.stringify(schema, null, 2) + '\n');
console.log('wrote schemas/gateway-config.schema.json');

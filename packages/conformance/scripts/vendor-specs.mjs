#!/usr/bin/env node
// Refreshes the vendored API specifications in packages/conformance/specs/ from full copies of the upstream
// documents. Each output keeps `openapi`, `info` and the `components.schemas` reachable (through `$ref`) from the
// roots listed below, so validators built from it behave exactly as with the full document while the repository
// and the npm tarball stay small. Provenance and licences: specs/README.md (update it when a source changes).
//
// Usage: node scripts/vendor-specs.mjs --from <folder holding the full documents>
//   <folder>/openai-openapi.yaml                                   github.com/openai/openai-openapi (MIT)
//   <folder>/anthropic-openapi.stainless-v195.ai_clients_dart.json github.com/davidmigloz/ai_clients_dart (MIT),
//                                                                  packages/anthropic_sdk_dart/specs/openapi.json
//   <folder>/gemini-v1beta-discovery-openapi3.ai_clients_dart.json the same repository, packages/googleai_dart/specs
//                                                                  /openapi.json (Google's v1beta discovery doc)
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const SPECS = [
  {
    source: 'openai-openapi.yaml',
    target: 'openai-openapi.subset.json',
    roots: [
      'CreateChatCompletionRequest',
      'CreateChatCompletionResponse',
      'CreateChatCompletionStreamResponse',
      'ErrorResponse',
      'ListModelsResponse',
      'Model',
      'CreateResponse',
      'Response',
      'ResponseStreamEvent',
      'ResponseItemList',
    ],
  },
  {
    source: 'anthropic-openapi.stainless-v195.ai_clients_dart.json',
    target: 'anthropic-openapi.subset.json',
    roots: ['CreateMessageParams', 'Message', 'MessageStreamEvent', 'ErrorResponse', 'CountMessageTokensParams', 'CountMessageTokensResponse'],
  },
  {
    source: 'gemini-v1beta-discovery-openapi3.ai_clients_dart.json',
    target: 'gemini-v1beta.subset.json',
    roots: ['GenerateContentRequest', 'GenerateContentResponse', 'CountTokensRequest', 'CountTokensResponse', 'Schema', 'Type', 'Status'],
  },
];

const fromIndex = process.argv.indexOf('--from');
if (fromIndex < 0 || !process.argv[fromIndex + 1]) {
  console.error('usage: node scripts/vendor-specs.mjs --from <folder with the full specifications>');
  process.exit(2);
}
const from = resolve(process.argv[fromIndex + 1]);
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'specs');
mkdirSync(outDir, { recursive: true });

/** Every schema name a node refers to with `#/components/schemas/<name>`. */
function refsOf(node, out) {
  if (Array.isArray(node)) for (const item of node) refsOf(item, out);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) out.add(value.slice(21));
      else refsOf(value, out);
    }
  }
  return out;
}

for (const spec of SPECS) {
  const text = readFileSync(join(from, spec.source), 'utf8');
  const doc = spec.source.endsWith('.yaml') ? parse(text) : JSON.parse(text);
  const all = doc.components.schemas;
  const keep = new Set();
  const queue = spec.roots.filter((root) => {
    if (!(root in all)) console.warn(`${spec.source}: no schema ${root} (skipped)`);
    return root in all;
  });
  while (queue.length > 0) {
    const name = queue.pop();
    if (keep.has(name)) continue;
    keep.add(name);
    for (const ref of refsOf(all[name], new Set())) if (!keep.has(ref)) queue.push(ref);
  }
  const schemas = Object.fromEntries([...keep].sort().map((name) => [name, all[name]]));
  const out = {
    openapi: doc.openapi,
    info: doc.info,
    'x-interlingua-vendored': { source: spec.source, roots: spec.roots, schemas: keep.size, of: Object.keys(all).length },
    components: { schemas },
  };
  writeFileSync(join(outDir, spec.target), `${JSON.stringify(out)}\n`);
  console.log(`${spec.target}: ${keep.size} of ${Object.keys(all).length} schemas`);
}

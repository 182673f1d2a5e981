#!/usr/bin/env node
// The conformance package's fixtures are the repository's `fixtures/` folder. They are copied into
// packages/conformance/fixtures (gitignored) just before packing (`prepack`) and removed right after (`postpack`),
// so the tarball carries them while the workspace keeps a single copy.
// Usage: node copy-conformance-fixtures.mjs [--remove]
import { cpSync, existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const source = join(repositoryRoot, 'fixtures');
const target = join(repositoryRoot, 'packages', 'conformance', 'fixtures');

rmSync(target, { recursive: true, force: true });
if (!process.argv.includes('--remove')) {
  if (!existsSync(join(source, 'README.md'))) throw new Error(`no fixtures at ${source}`);
  cpSync(source, target, { recursive: true });
}

/// <reference types="node" />
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesRoot, readVendoredSpec, recordingsRoot } from './fixtures-root.js';

/**
 * The repository stands on its own: no source, test, script or configuration file reads the reference folder that
 * sits beside the developers' checkout (specs, recordings and the seed live inside the project, with provenance).
 * Prose (`.md`) may still name it as the origin of a copy.
 */
const repositoryRoot = resolve(fixturesRoot(), '..');
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', '.git', '.turbo', 'coverage', 'results', 'recordings']);
const CHECKED = /\.(ts|mts|cts|js|mjs|cjs|json|py|sh|toml|yaml|yml)$|^run$/;
// Built from parts so that this file does not name what it looks for.
// The folder's name with two dots and a slash before it, followed by a slash and specs/recordings/seed, or quoted alone (a path segment).
const NAME = ['sh', 'ared'].join('');
const FORBIDDEN = new RegExp(`\\.\\./${NAME}|${NAME}/(specs|recordings|seed)|['"]${NAME}['"]`);

function* projectFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    if (SKIPPED_FOLDERS.has(entry)) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* projectFiles(path);
    else if (CHECKED.test(entry) && entry !== 'pnpm-lock.yaml') yield path;
  }
}

describe('the repository is self-contained', () => {
  it('no file outside prose names the reference folder beside the checkout', () => {
    const files = [...projectFiles(repositoryRoot)];
    expect(files.length).toBeGreaterThan(200);
    const offenders = files.filter((file) => FORBIDDEN.test(readFileSync(file, 'utf8'))).map((file) => relative(repositoryRoot, file));
    expect(offenders).toEqual([]);
  });

  it('the vendored specs hold the schemas the validators start from', () => {
    expect(Object.keys(readVendoredSpec('openai').components.schemas)).toEqual(
      expect.arrayContaining(['CreateChatCompletionRequest', 'CreateChatCompletionStreamResponse', 'ErrorResponse', 'CreateResponse']),
    );
    expect(readVendoredSpec('anthropic').components.schemas).toHaveProperty('CreateMessageParams');
    expect(readVendoredSpec('gemini').components.schemas).toHaveProperty('GenerateContentRequest');
    expect(readVendoredSpec('open-responses').components.schemas).toHaveProperty('ResponseResource');
  });

  it('every recording the catalog names is in the repository', () => {
    const root = recordingsRoot();
    const rows = readFileSync(join(root, 'CATALOG.tsv'), 'utf8').split('\n').slice(1).filter((row) => row.trim() !== '');
    expect(rows.length).toBeGreaterThan(200);
    const missing = rows.map((row) => row.split('\t')[0]!).filter((path) => {
      try {
        return !statSync(join(root, path)).isFile();
      } catch {
        return true;
      }
    });
    expect(missing).toEqual([]);
  });
});

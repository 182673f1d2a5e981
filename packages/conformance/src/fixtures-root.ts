import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The `fixtures/` folder: inside the published package (`<package>/fixtures`), or in the repository
 * (`<repo>/fixtures`) when running from the workspace.
 */
export function fixturesRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'fixtures');
    if (existsSync(join(candidate, 'README.md'))) return candidate;
    dir = resolve(dir, '..');
  }
  throw new Error('cannot find the fixtures folder');
}

/** The package's own folder (the installed package, or packages/conformance in the repository). */
function packageRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..');
}

/** The vendored API specifications (`specs/`, shipped in the package; provenance in specs/README.md). */
export function specsRoot(): string {
  return join(packageRoot(), 'specs');
}

/** Which vendored specification: OpenAI, Anthropic, Gemini v1beta or Open Responses. */
export type VendoredSpec = 'openai' | 'anthropic' | 'gemini' | 'open-responses';

const SPEC_FILES: Record<VendoredSpec, string> = {
  openai: 'openai-openapi.subset.json',
  anthropic: 'anthropic-openapi.subset.json',
  gemini: 'gemini-v1beta.subset.json',
  'open-responses': 'open-responses-openapi.json',
};

/** A vendored specification, parsed afresh (callers may normalise it in place): `{openapi, info, components: {schemas}}`. */
export function readVendoredSpec(which: VendoredSpec): { components: { schemas: Record<string, any> } } & Record<string, unknown> {
  return JSON.parse(readFileSync(join(specsRoot(), SPEC_FILES[which]), 'utf8'));
}

/**
 * The recorded provider traffic (`recordings/` with its `CATALOG.tsv`). It lives in the repository only: the
 * published package carries its cases' upstream data inline, not the raw recordings.
 */
export function recordingsRoot(): string {
  const root = join(packageRoot(), 'recordings');
  if (!existsSync(join(root, 'CATALOG.tsv'))) throw new Error(`no recordings at ${root}: they are in the repository, not in the published package`);
  return root;
}

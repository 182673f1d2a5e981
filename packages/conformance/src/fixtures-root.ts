import { existsSync } from 'node:fs';
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

/** The read-only `shared/` folder beside the repository (reference material: recordings, specs, seed). */
export function sharedRoot(): string {
  return resolve(fixturesRoot(), '..', '..', 'shared');
}

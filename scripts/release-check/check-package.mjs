// Checks of one package's manifest (as in the workspace) and of its packed tarball (as a stranger gets it).
// Each function returns a list of problems (strings); an empty list means the check passed.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

const SOURCE_CONDITION = '@interlingua/source';
const REQUIRED_FIELDS = ['name', 'version', 'description', 'keywords', 'license', 'repository', 'engines', 'files', 'exports', 'sideEffects'];

/** Every file under `dir`, as paths relative to it. */
export function listFiles(dir) {
  const out = [];
  const walk = (current) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(dir, path).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** The exports map without the workspace-only source condition: what consumers must see. */
export function stripSourceCondition(exports) {
  if (typeof exports !== 'object' || exports === null) return exports;
  return Object.fromEntries(
    Object.entries(exports)
      .filter(([key]) => key !== SOURCE_CONDITION)
      .map(([key, value]) => [key, stripSourceCondition(value)]),
  );
}

/** Problems of an exports map as published: a source condition left in, or `types` not first among conditions. */
export function checkPublishedExports(exports, where) {
  const problems = [];
  const visit = (node, path) => {
    if (typeof node !== 'object' || node === null) return;
    const keys = Object.keys(node);
    const isConditions = keys.length > 0 && keys.every((key) => !key.startsWith('.'));
    if (isConditions) {
      if (keys.includes(SOURCE_CONDITION)) problems.push(`${where}: ${path} still has the ${SOURCE_CONDITION} condition`);
      if (keys.includes('types') && keys[0] !== 'types') problems.push(`${where}: ${path} lists "${keys[0]}" before "types"`);
      if (!keys.includes('types') && keys.some((key) => key === 'import' || key === 'default') && Object.values(node).some((target) => typeof target === 'string' && target.endsWith('.js'))) {
        problems.push(`${where}: ${path} has JavaScript but no "types" condition`);
      }
    }
    for (const [key, value] of Object.entries(node)) visit(value, `${path}[${JSON.stringify(key)}]`);
  };
  visit(exports, 'exports');
  return problems;
}

/** Bare module specifiers imported by the built JavaScript (`from '…'`, `import('…')`, `export … from '…'`). */
export function importedPackages(distDir) {
  const names = new Set();
  for (const file of listFiles(distDir).filter((path) => path.endsWith('.js') || path.endsWith('.d.ts'))) {
    const text = readFileSync(join(distDir, file), 'utf8');
    for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"'.][^"']*)["']/g)) {
      const specifier = match[1];
      if (specifier.startsWith('node:') || builtinModules.includes(specifier)) continue;
      const parts = specifier.split('/');
      names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  }
  return names;
}

/**
 * The workspace manifest: required metadata, repository directory, a `publishConfig.exports` equal to `exports`
 * without the source condition, internal dependencies on `workspace:` ranges, and dependency placement checked
 * against what the built code imports.
 */
export function checkManifest({ folder, packageDir, manifest, rootDir }) {
  const problems = [];
  for (const field of REQUIRED_FIELDS) if (manifest[field] === undefined) problems.push(`missing "${field}"`);
  if (manifest.license !== 'MIT') problems.push(`license is ${manifest.license}, not MIT`);
  if (!existsSync(join(rootDir, 'LICENSE'))) problems.push('no LICENSE at the repository root');
  if (manifest.repository?.directory !== `packages/${folder}`) problems.push(`repository.directory is ${manifest.repository?.directory}`);
  if (!manifest.engines?.node) problems.push('engines.node is not set');
  if (!Array.isArray(manifest.keywords) || manifest.keywords.length === 0) problems.push('no keywords');
  if (manifest.name !== `@interlingua/${folder}`) problems.push(`name ${manifest.name} does not match the folder`);
  for (const entry of manifest.files ?? []) {
    if (/^(src|test|tests|scripts)(\/|$)/.test(entry)) problems.push(`files includes ${entry}`);
    if (entry === 'fixtures' && folder !== 'conformance') problems.push('files includes fixtures');
  }
  const expected = stripSourceCondition(manifest.exports);
  if (!isDeepStrictEqual(manifest.publishConfig?.exports, expected)) {
    problems.push('publishConfig.exports is not exports without the @interlingua/source condition (run node scripts/release-check/sync-publish-exports.mjs)');
  }
  problems.push(...checkPublishedExports(manifest.publishConfig?.exports, 'publishConfig'));
  if (manifest.publishConfig?.access !== 'public') problems.push('publishConfig.access is not "public"');

  const runtime = { ...manifest.dependencies, ...manifest.peerDependencies };
  for (const [name, range] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })) {
    if (name.startsWith('@interlingua/') && !String(range).startsWith('workspace:')) problems.push(`${name} is ${range}, not a workspace: range`);
  }
  const imported = importedPackages(join(packageDir, 'dist'));
  for (const name of imported) {
    if (name === manifest.name) continue;
    if (!(name in runtime)) {
      problems.push(`dist imports ${name}, which is ${manifest.devDependencies?.[name] ? 'only a devDependency' : 'not a dependency'}`);
    }
  }
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    if (imported.has(name)) continue;
    // A dependency the code does not import is still needed when it satisfies a peer of another dependency
    // (hono for @hono/node-server).
    const isPeerOfADependency = Object.keys(manifest.dependencies).some((other) => {
      const otherManifest = join(packageDir, 'node_modules', other, 'package.json');
      return existsSync(otherManifest) && name in (JSON.parse(readFileSync(otherManifest, 'utf8')).peerDependencies ?? {});
    });
    if (!isPeerOfADependency) problems.push(`dependency ${name} is never imported by dist (dev-only?)`);
  }
  return problems;
}

/** The unpacked tarball: its file list, its package.json, the files its exports and bin point at. */
export function checkTarball({ folder, extractedDir, files }) {
  const problems = [];
  const manifest = JSON.parse(readFileSync(join(extractedDir, 'package.json'), 'utf8'));
  for (const file of files) {
    if (/^(src|test|tests|scripts)\//.test(file)) problems.push(`ships ${file}`);
    else if (/\.(test|test-d|bench)\.[cm]?[jt]s$|\.d\.ts\.map$|\.js\.map$|(^|\/)tsconfig[^/]*\.json$|(^|\/)vitest\.config\./.test(file)) problems.push(`ships ${file}`);
    else if (/(^|\/)(__fixtures__|fixtures)\//.test(file) && folder !== 'conformance') problems.push(`ships ${file}`);
  }
  for (const required of ['package.json', 'README.md', 'LICENSE']) if (!files.includes(required)) problems.push(`${required} missing`);
  if (folder === 'conformance') {
    if (!files.includes('fixtures/README.md')) problems.push('fixtures/README.md missing');
    if (!files.some((file) => file.endsWith('/case.json'))) problems.push('no fixtures/*/*/case.json');
  }
  const text = JSON.stringify(manifest);
  if (text.includes('workspace:')) problems.push('package.json still has a workspace: range');
  if (text.includes(SOURCE_CONDITION)) problems.push(`package.json still mentions ${SOURCE_CONDITION}`);
  problems.push(...checkPublishedExports(manifest.exports, 'package.json'));
  // Every export target is in the tarball (wildcards: at least one file matches).
  const targets = [];
  const collect = (node) => {
    if (typeof node === 'string') targets.push(node);
    else if (node && typeof node === 'object') Object.values(node).forEach(collect);
  };
  collect(manifest.exports);
  for (const target of [...targets, manifest.main, manifest.types].filter(Boolean)) {
    const path = target.replace(/^\.\//, '');
    if (path.includes('*')) {
      const pattern = new RegExp(`^${path.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`);
      if (!files.some((file) => pattern.test(file))) problems.push(`nothing matches export ${target}`);
    } else if (!files.includes(path)) problems.push(`export target ${target} missing`);
  }
  for (const [name, target] of Object.entries(manifest.bin ?? {})) {
    const path = join(extractedDir, target);
    if (!existsSync(path)) {
      problems.push(`bin ${name} → ${target} missing`);
      continue;
    }
    if (!readFileSync(path, 'utf8').startsWith('#!/usr/bin/env node\n')) problems.push(`bin ${name} has no node shebang`);
    if ((statSync(path).mode & 0o111) === 0) problems.push(`bin ${name} is not executable in the tarball`);
  }
  return { problems, manifest };
}

#!/usr/bin/env node
// Dry run of `changeset version`: copies the repository (without node_modules) to a temporary folder and versions
// it there, twice, printing the versions and CHANGELOG entries each time:
//   1. with the changesets pending in .changeset/ (what the next release would be);
//   2. then with a sample patch changeset for @interlingua/sse (dependents keep `workspace:^`, which still covers
//      the new version, so only sse is released);
//   3. then with a sample minor changeset for @interlingua/openai-schema (0.x: a minor leaves the caret range of
//      every dependent, so each dependent gets a patch release and an "Updated dependencies" entry).
// The copy is made a git repository with one commit per step, so CHANGELOG entries carry commit ids as in a real
// release.
// Nothing in the repository is changed. Usage: node scripts/release-check/changeset-dry-run.mjs [--from-head]
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const changesetBin = join(repositoryRoot, 'node_modules', '.bin', 'changeset');
const workRoot = mkdtempSync(join(tmpdir(), 'interlingua-changeset-dry-run-'));
const copyRoot = join(workRoot, 'repo');

function copyRepository() {
  mkdirSync(copyRoot);
  if (process.argv.includes('--from-head')) {
    execFileSync('sh', ['-c', `git archive --format=tar HEAD | tar -x -C "${copyRoot}"`], { cwd: repositoryRoot });
    return;
  }
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repositoryRoot, encoding: 'utf8' });
  for (const path of listed.split('\0').filter((entry) => entry && existsSync(join(repositoryRoot, entry)))) {
    mkdirSync(dirname(join(copyRoot, path)), { recursive: true });
    cpSync(join(repositoryRoot, path), join(copyRoot, path));
  }
}

function readPackages() {
  return readdirSync(join(copyRoot, 'packages'))
    .filter((folder) => existsSync(join(copyRoot, 'packages', folder, 'package.json')))
    .sort()
    .map((folder) => {
      const manifest = JSON.parse(readFileSync(join(copyRoot, 'packages', folder, 'package.json'), 'utf8'));
      const changelogPath = join(copyRoot, 'packages', folder, 'CHANGELOG.md');
      return { folder, manifest, changelog: existsSync(changelogPath) ? readFileSync(changelogPath, 'utf8') : '' };
    });
}

/** The newest section of a CHANGELOG.md (from the first `## ` heading to the next). */
function newestEntry(changelog) {
  const sections = changelog.split(/^(?=## )/m).filter((section) => section.startsWith('## '));
  return (sections[0] ?? '').trim();
}

function version(title, before) {
  execFileSync(changesetBin, ['version'], { cwd: copyRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  const after = readPackages();
  console.log(`\n### ${title}\n`);
  console.log('| package | before | after | internal dependency ranges |');
  console.log('|---|---|---|---|');
  for (const entry of after) {
    const previous = before.find((item) => item.folder === entry.folder);
    const internal = Object.entries(entry.manifest.dependencies ?? {})
      .filter(([name]) => name.startsWith('@interlingua/'))
      .map(([name, range]) => `${name.replace('@interlingua/', '')} ${range}`)
      .join(', ');
    console.log(`| ${entry.manifest.name} | ${previous.manifest.version} | ${entry.manifest.version}${entry.manifest.version === previous.manifest.version ? ' (unchanged)' : ''} | ${internal || '—'} |`);
  }
  for (const entry of after) {
    if (entry.changelog === before.find((item) => item.folder === entry.folder).changelog) continue;
    console.log(`\n\`packages/${entry.folder}/CHANGELOG.md\` (newest entry):\n`);
    console.log('```md');
    console.log(newestEntry(entry.changelog));
    console.log('```');
  }
  return after;
}

const git = (...args) => execFileSync('git', ['-c', 'user.name=Interlingua release check', '-c', 'user.email=release-check@interlingua.invalid', ...args], { cwd: copyRoot, stdio: 'ignore' });
function commit(message) {
  git('add', '-A');
  git('commit', '-q', '--no-verify', '-m', message);
}

try {
  copyRepository();
  git('init', '-q', '-b', 'main');
  commit('repository as checked');
  const pending = readdirSync(join(copyRoot, '.changeset')).filter((file) => file.endsWith('.md') && file !== 'README.md');
  console.log(`## changeset version, dry run (${pending.length} pending changesets)`);
  const afterPending = version('1. The pending changesets', readPackages());
  commit('version packages');

  writeFileSync(
    join(copyRoot, '.changeset', 'sample-sse-patch.md'),
    '---\n"@interlingua/sse": patch\n---\n\nSample change (dry run only): the decoder ignores a leading byte-order mark.\n',
  );
  commit('sample: sse patch');
  const afterPatch = version('2. Then a sample patch changeset for @interlingua/sse', afterPending);
  commit('version packages');

  writeFileSync(
    join(copyRoot, '.changeset', 'sample-openai-schema-minor.md'),
    '---\n"@interlingua/openai-schema": minor\n---\n\nSample change (dry run only): a new exported schema.\n',
  );
  commit('sample: openai-schema minor');
  version('3. Then a sample minor changeset for @interlingua/openai-schema', afterPatch);
} finally {
  rmSync(workRoot, { recursive: true, force: true });
}

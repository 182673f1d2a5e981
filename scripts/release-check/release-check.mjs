#!/usr/bin/env node
// `pnpm release:check`: proves that a publish would work for a stranger, without publishing anything.
//
//  1. Copies the working tree (tracked and new files, not ignored ones) to a temporary folder, installs it with
//     the lockfile and builds every package there, so stale build output and local links cannot hide a problem.
//  2. For every package: checks the manifest (metadata, publishConfig.exports, dependency placement against what
//     dist imports), packs it with `pnpm pack` (workspace: ranges rewritten, publishConfig applied, prepack run),
//     checks the tarball's files and package.json, and runs publint and @arethetypeswrong/cli (esm-only profile)
//     on the tarball; any error fails the check.
//  3. Creates a consumer project in the OS temporary folder (outside any workspace), installs all tarballs there
//     with npm, type-checks a consumer file under moduleResolution node16 and bundler, and runs a smoke script:
//     one request translated, one Anthropic and one Gemini recorded stream transduced (compared with the fixtures
//     shipped in @interlingua/conformance), the Express router answering on 127.0.0.1, `npx interlingua --help`,
//     and the Workers adapter bundled with esbuild (wrangler's settings) with its size printed.
//  4. In the same consumer project, the packed conformance kit scores the packed Express adapter and the packed CLI's
//     `interlingua serve` started exactly as `interlingua conformance --print-setup` prints it (consumer/conformance.mjs),
//     in both stream modes; anything under 100% fails.
//
// Options: --keep (leave the temporary folders); --from-head (check the last commit instead of the working tree),
// or --tree <tree-ish> (any commit or tree).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { checkManifest, checkTarball, listFiles } from './check-package.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repositoryRoot = resolve(here, '..', '..');
const rootManifest = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8'));
const pnpm = ['-y', `pnpm@${rootManifest.packageManager.split('@')[1]}`];
const keep = process.argv.includes('--keep');
const treeFlag = process.argv.indexOf('--tree');
const tree = treeFlag > 0 ? process.argv[treeFlag + 1] : process.argv.includes('--from-head') ? 'HEAD' : undefined;
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', npm_config_update_notifier: 'false' };

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;
const step = (title) => console.log(`\n== ${title} (${elapsed()})`);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: options.cwd, env, encoding: 'utf8', input: options.input, maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 && !options.allowFailure) {
    throw new Error(`${command} ${args.join(' ')} (in ${options.cwd ?? process.cwd()}) exited ${result.status}\n${output}`);
  }
  return { status: result.status, output, stdout: result.stdout ?? '' };
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const workRoot = mkdtempSync(join(tmpdir(), 'interlingua-release-check-'));
const failures = [];
const rows = [];

try {
  // 1. A clean copy of the repository, installed and built.
  step(`copying ${tree ? `git tree ${tree}` : 'the working tree'} to ${workRoot}/repo`);
  const copyRoot = join(workRoot, 'repo');
  mkdirSync(copyRoot);
  if (tree) {
    execFileSync('sh', ['-c', `git archive --format=tar "${tree}" | tar -x -C "${copyRoot}"`], { cwd: repositoryRoot });
  } else {
    const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repositoryRoot, encoding: 'utf8' });
    const paths = listed.split('\0').filter((path) => path && existsSync(join(repositoryRoot, path)));
    for (const path of paths) {
      mkdirSync(dirname(join(copyRoot, path)), { recursive: true });
      cpSync(join(repositoryRoot, path), join(copyRoot, path));
    }
    console.log(`${paths.length} files`);
  }
  step('pnpm install --frozen-lockfile');
  run('npx', [...pnpm, 'install', '--frozen-lockfile', '--prefer-offline'], { cwd: copyRoot });
  step('build (turbo run build)');
  run('npx', [...pnpm, 'exec', 'turbo', 'run', 'build', '--output-logs=errors-only'], { cwd: copyRoot });

  // 2. Every package: manifest, pack, tarball, publint, attw.
  const tarballDir = join(workRoot, 'tarballs');
  mkdirSync(tarballDir);
  const folders = readdirSync(join(copyRoot, 'packages'))
    .filter((folder) => existsSync(join(copyRoot, 'packages', folder, 'package.json')))
    .sort();
  const tarballs = [];
  for (const folder of folders) {
    const packageDir = join(copyRoot, 'packages', folder);
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
    if (manifest.private) continue;
    step(`${manifest.name}`);
    const problems = checkManifest({ folder, packageDir, manifest, rootDir: copyRoot }).map((problem) => `manifest: ${problem}`);

    run('npx', [...pnpm, 'pack', '--pack-destination', tarballDir], { cwd: packageDir });
    const tarball = join(tarballDir, `${manifest.name.replace('@', '').replace('/', '-')}-${manifest.version}.tgz`);
    tarballs.push(tarball);
    const extractedDir = join(workRoot, 'extracted', folder);
    mkdirSync(extractedDir, { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', extractedDir, '--strip-components=1']);
    const files = listFiles(extractedDir);
    const unpackedBytes = files.reduce((sum, file) => sum + statSync(join(extractedDir, file)).size, 0);
    problems.push(...checkTarball({ folder, extractedDir, files }).problems.map((problem) => `tarball: ${problem}`));
    if (existsSync(join(packageDir, 'fixtures'))) problems.push('prepack copy of fixtures was not removed after packing');

    const buffer = readFileSync(tarball);
    const lint = await publint({ pack: { tarball: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) }, level: 'suggestion' });
    const count = (type) => lint.messages.filter((message) => message.type === type).length;
    for (const message of lint.messages) {
      const line = `publint ${message.type}: ${formatMessage(message, lint.pkg) ?? message.code}`;
      console.log(line);
      if (message.type === 'error') problems.push(line);
    }

    const attw = run(join(repositoryRoot, 'node_modules', '.bin', 'attw'), [tarball, '--format', 'json', '--profile', 'esm-only', '--no-definitely-typed'], { allowFailure: true });
    const attwReport = JSON.parse(attw.stdout);
    const ignoredKinds = new Set(['node10', 'node16-cjs']);
    const allProblems = Object.values(attwReport.problems ?? {}).flat();
    const counted = allProblems.filter((problem) => !ignoredKinds.has(problem.resolutionKind));
    for (const problem of counted) problems.push(`attw: ${problem.kind} at ${problem.entrypoint} (${problem.resolutionKind})`);
    if (attw.status !== 0 && counted.length === 0) problems.push(`attw exited ${attw.status}`);
    const entrypoints = Object.keys(attwReport.analysis?.entrypoints ?? {});

    for (const problem of problems) console.log(`FAIL ${problem}`);
    console.log(`${files.length} files, ${kib(buffer.length)} packed, ${kib(unpackedBytes)} unpacked; attw entrypoints ${entrypoints.join(' ')}`);
    failures.push(...problems.map((problem) => `${manifest.name}: ${problem}`));
    rows.push({
      name: manifest.name,
      version: manifest.version,
      publint: `${count('error')} errors, ${count('warning')} warnings, ${count('suggestion')} suggestions`,
      attw: counted.length === 0 ? `ok (${entrypoints.length} entrypoints; ${allProblems.length} CJS-only notes ignored)` : `${counted.length} problems`,
      files: files.length,
      packed: kib(buffer.length),
      unpacked: kib(unpackedBytes),
      ok: problems.length === 0,
    });
  }

  // 3. A consumer project outside the workspace, installed from the tarballs with npm.
  const consumerDir = join(workRoot, 'consumer');
  step(`consumer project at ${consumerDir}: npm install of ${tarballs.length} tarballs`);
  mkdirSync(consumerDir);
  writeFileSync(join(consumerDir, 'package.json'), JSON.stringify({ name: 'interlingua-consumer', private: true, type: 'module' }, null, 2));
  for (const file of ['consumer.ts', 'tsconfig.node16.json', 'tsconfig.bundler.json', 'smoke.mjs', 'conformance.mjs']) cpSync(join(here, 'consumer', file), join(consumerDir, file));
  const rootDevelopment = rootManifest.devDependencies;
  run('npm', [
    'install', '--no-audit', '--no-fund', '--loglevel=error',
    ...tarballs,
    `typescript@${rootDevelopment.typescript}`, `@types/node@${rootDevelopment['@types/node']}`,
    'express@^5.1.0', '@types/express@^5.0.0', 'esbuild@^0.25.0',
  ], { cwd: consumerDir });
  const lock = JSON.parse(readFileSync(join(consumerDir, 'package-lock.json'), 'utf8'));
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!/(^|\/)node_modules\/@interlingua\//.test(path)) continue;
    if (path.split('node_modules/').length > 2) failures.push(`consumer: nested copy ${path}`);
    if (!String(entry.resolved ?? '').startsWith('file:')) failures.push(`consumer: ${path} came from ${entry.resolved}, not a tarball`);
  }
  const consumerResults = [];
  for (const resolution of ['node16', 'bundler']) {
    const result = run(join(consumerDir, 'node_modules', '.bin', 'tsc'), ['-p', `tsconfig.${resolution}.json`], { cwd: consumerDir, allowFailure: true });
    const line = `${result.status === 0 ? 'ok  ' : 'FAIL'} tsc --noEmit, moduleResolution ${resolution}, skipLibCheck false`;
    console.log(line + (result.status === 0 ? '' : `\n${result.output}`));
    consumerResults.push(line);
    if (result.status !== 0) failures.push(`consumer: ${line}`);
  }
  step('smoke script');
  const smoke = run('node', ['smoke.mjs'], { cwd: consumerDir, allowFailure: true });
  const smokeLines = smoke.stdout.split('\n').filter((line) => /^(ok  |FAIL)/.test(line));
  console.log(smoke.output.split('\n').filter((line) => !line.startsWith('{"time"')).join('\n'));
  if (smoke.status !== 0) failures.push('consumer: smoke script failed');
  step('conformance: the packed kit against the packed Express adapter and the packed CLI serve');
  const kit = run('node', ['conformance.mjs'], { cwd: consumerDir, allowFailure: true });
  const kitLines = kit.stdout.split('\n').filter((line) => /^(ok  |FAIL)/.test(line));
  console.log(kit.output.split('\n').filter((line) => !line.startsWith('{"time"')).join('\n'));
  if (kit.status !== 0) failures.push('consumer: the packed conformance kit did not score the packed gateways at 100%');

  // Summary.
  console.log(`\n== summary (${elapsed()})\n`);
  console.log('| package | version | publint | attw (esm-only) | files | packed | unpacked |');
  console.log('|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.ok ? '' : 'FAIL '}${row.name} | ${row.version} | ${row.publint} | ${row.attw} | ${row.files} | ${row.packed} | ${row.unpacked} |`);
  console.log('');
  for (const line of [...consumerResults, ...smokeLines, ...kitLines]) console.log(line.split('\n')[0]);
} catch (error) {
  failures.push(error instanceof Error ? error.message : String(error));
} finally {
  if (keep) console.log(`\nkept ${workRoot}`);
  else rmSync(workRoot, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.log(`\nrelease:check FAILED (${failures.length}):`);
  for (const failure of failures) console.log(`- ${failure}`);
  process.exit(1);
}
console.log(`\nrelease:check passed in ${elapsed()}`);

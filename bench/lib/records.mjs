// The machine, the versions and the load: stamped on every JSON record kept in bench/results/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { hasTaskset, portkeyDirectory, repositoryRoot, SUT_CPU, CLIENT_CPU, PORTKEY_VERSION } from './processes.mjs';

const readJson = (path) => {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
};

function git(args) {
  try {
    return execFileSync('git', args, { cwd: repositoryRoot }).toString().trim();
  } catch {
    return null;
  }
}

const version = (path) => readJson(path)?.version ?? null;

export function describeMachine() {
  const packages = {};
  for (const name of ['openai-schema', 'sse', 'anthropic-mapper', 'anthropic-transducer', 'gemini-mapper', 'gemini-transducer', 'gateway', 'express', 'cli', 'workers']) {
    packages[`@interlingua/${name}`] = version(join(repositoryRoot, 'packages', name, 'package.json'));
  }
  const nodeModules = join(repositoryRoot, 'node_modules');
  const hono = join(repositoryRoot, 'packages', 'express', 'node_modules', '@hono', 'node-server', 'package.json');
  return {
    commit: git(['rev-parse', 'HEAD']),
    dirty: (git(['status', '--porcelain', '--', 'packages', 'bench']) ?? '') !== '',
    cpuModel: cpus()[0]?.model ?? null,
    nproc: cpus().length,
    taskset: hasTaskset ? { sut: SUT_CPU, mockAndLoadGenerator: CLIENT_CPU } : null,
    process: { versions: process.versions, platform: process.platform, arch: process.arch },
    packages,
    tools: {
      undici: version(join(nodeModules, 'undici', 'package.json')),
      autocannon: version(join(nodeModules, 'autocannon', 'package.json')),
      express: version(join(nodeModules, 'express', 'package.json')),
      '@hono/node-server (Interlingua)': version(hono),
      wrk: wrkVersion(),
    },
    portkey: existsSync(join(portkeyDirectory, 'node_modules', '@portkey-ai', 'gateway'))
      ? {
          pinned: PORTKEY_VERSION,
          gateway: version(join(portkeyDirectory, 'node_modules', '@portkey-ai', 'gateway', 'package.json')),
          '@hono/node-server': version(join(portkeyDirectory, 'node_modules', '@hono', 'node-server', 'package.json')),
          hono: version(join(portkeyDirectory, 'node_modules', 'hono', 'package.json')),
        }
      : null,
  };
}

function wrkVersion() {
  try {
    execFileSync('wrk', ['-v'], { stdio: 'pipe' });
    return 'present';
  } catch (error) {
    const text = `${error.stdout ?? ''}${error.stderr ?? ''}`;
    const match = /wrk (\S+)/.exec(text);
    return match ? match[1] : null;
  }
}

export const loadAverage = () => loadavg().map((value) => Math.round(value * 100) / 100);

/** Writes one record to bench/results/<session>/<name>.json and returns its path. */
export function writeRecord(session, name, record) {
  const directory = join(repositoryRoot, 'bench', 'results', session);
  mkdirSync(directory, { recursive: true });
  const path = join(directory, `${name}.json`);
  writeFileSync(path, `${JSON.stringify(record, null, 2)}\n`);
  return path;
}

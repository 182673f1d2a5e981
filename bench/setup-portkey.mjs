#!/usr/bin/env node
// Installs the Portkey gateway 1.15.2 from npm into a directory OUTSIDE the repository (it is a competitor under
// test, never a dependency of ours), with @hono/node-server 1.13.5 and hono 4.9.7 pinned through npm overrides
// (newer ones break its streaming). Idempotent. Directory: $BENCH_PORTKEY_DIR or <tmp>/interlingua-bench-portkey-1.15.2.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PORTKEY_VERSION, portkeyDirectory, portkeyEntry } from './lib/processes.mjs';

export function setupPortkey(log = console.log) {
  if (existsSync(portkeyEntry)) return true;
  mkdirSync(portkeyDirectory, { recursive: true });
  const pins = { '@hono/node-server': '1.13.5', hono: '4.9.7' };
  writeFileSync(
    join(portkeyDirectory, 'package.json'),
    JSON.stringify({ name: 'interlingua-bench-portkey', private: true, dependencies: { '@portkey-ai/gateway': PORTKEY_VERSION, ...pins }, overrides: pins }, null, 2),
  );
  log(`installing @portkey-ai/gateway@${PORTKEY_VERSION} into ${portkeyDirectory}`);
  try {
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: portkeyDirectory, stdio: 'inherit' });
  } catch (error) {
    log(`Portkey could not be installed: ${error.message}`);
    return false;
  }
  return existsSync(portkeyEntry);
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = setupPortkey() ? 0 : 1;

#!/usr/bin/env node
// Makes sure the real components the tests start are on this machine, before `pnpm test` runs them.
// Today that is Redis (the Responses API's persistent store is tested against a real redis-server, started by the
// test itself on 127.0.0.1). Found: nothing to do. Missing, as root with apt-get (a fresh Debian machine, CI):
// installed from Debian's packages. Missing otherwise: says what to install and fails, rather than letting the
// store tests fail later with a less direct message.
import { spawnSync } from 'node:child_process';

const SERVICES = [{ binary: 'redis-server', versionFlag: '--version', debianPackage: 'redis-server', neededBy: 'the Responses API store tests (packages/gateway/src/store)' }];

const present = (binary, flag) => spawnSync(binary, [flag], { stdio: 'ignore' }).status === 0;
const missing = SERVICES.filter((service) => !present(service.binary, service.versionFlag));
if (missing.length === 0) process.exit(0);

const packages = missing.map((service) => service.debianPackage);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
if (isRoot && hasApt) {
  console.log(`Installing ${packages.join(', ')} from Debian's packages (needed by ${missing.map((service) => service.neededBy).join('; ')})…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env }) : update;
  if (install.status === 0 && missing.every((service) => present(service.binary, service.versionFlag))) process.exit(0);
  console.error(`Could not install ${packages.join(', ')} with apt-get.`);
  process.exit(1);
}
console.error(`The tests need ${missing.map((service) => `${service.binary} (${service.neededBy})`).join(', ')}.`);
console.error(`Install it, e.g. \`sudo apt-get install -y ${packages.join(' ')}\` on Debian or Ubuntu, \`brew install redis\` on macOS, then run the tests again.`);
process.exit(1);

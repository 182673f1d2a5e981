// Starting and stopping the servers of a benchmark session: the mock upstream and the arms (systems under test),
// each a fresh process, pinned with taskset when it exists (SUT on CPU1, mock + load generator on CPU0).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const armsDirectory = join(repositoryRoot, 'bench', 'arms');

export const hasTaskset = (() => {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

export const SUT_CPU = process.env.BENCH_SUT_CPU ?? '1';
export const CLIENT_CPU = process.env.BENCH_CLIENT_CPU ?? '0';

/** Where Portkey is installed (outside the repository); see setup-portkey.mjs. */
export const PORTKEY_VERSION = '1.15.2';
export const portkeyDirectory = process.env.BENCH_PORTKEY_DIR ?? join(tmpdir(), `interlingua-bench-portkey-${PORTKEY_VERSION}`);
export const portkeyEntry = join(portkeyDirectory, 'node_modules', '@portkey-ai', 'gateway', 'build', 'start-server.js');

// Below the kernel's ephemeral range (net.ipv4.ip_local_port_range, 32768–60999 here): a listening port chosen inside
// it can be taken by one of the thousands of client sockets the stream lanes open.
let nextPort = 20_000 + Math.floor(Math.random() * 10_000);
const freePort = () => nextPort++;

/** Spawns `node args…` (pinned to `cpu` when taskset exists) and resolves once `port` accepts connections. */
async function startNode({ name, args, env, cpu, port, cwd }) {
  const command = hasTaskset ? 'taskset' : process.execPath;
  const commandArgs = hasTaskset ? ['-c', cpu, process.execPath, ...args] : args;
  // stdout to /dev/null; BENCH_STDOUT_PIPE=1 (diagnostics only): to a pipe drained by `cat`, as under a container
  // runtime or a service manager (a pipe read by this process would stall the arm while this process is busy).
  const sink = process.env.BENCH_STDOUT_PIPE === '1' ? spawn('cat', [], { stdio: ['pipe', 'ignore', 'ignore'] }) : undefined;
  const child = spawn(command, commandArgs, { cwd: cwd ?? repositoryRoot, env: { ...process.env, ...env }, stdio: ['ignore', sink ? sink.stdin : 'ignore', 'pipe'] });
  sink?.stdin.destroy(); // the arm holds the pipe's write end; `cat` ends when the arm does
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    if (stderr.length < 20_000) stderr += chunk;
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}) before listening: ${stderr}`);
    if (await canConnect(port)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not listen on ${port} within 30 s: ${stderr}`);
    }
    await sleep(50);
  }
  return {
    name,
    port,
    pid: child.pid, // with taskset, exec replaces taskset in the same pid
    url: `http://127.0.0.1:${port}`,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function canConnect(port) {
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function startMock(knobs = {}) {
  const port = freePort();
  const env = {
    MOCK_CHUNKS: String(knobs.chunks ?? 64),
    MOCK_INTERVAL_MS: String(knobs.intervalMs ?? 0),
    MOCK_TTFT_MS: String(knobs.ttftMs ?? 0),
    MOCK_CHUNK_BYTES: String(knobs.chunkBytes ?? 0),
  };
  return startNode({ name: 'mock', args: ['bench/mock-upstream.mjs', '--port', String(port)], env, cpu: CLIENT_CPU, port });
}

/** Changes the mock's knobs at run time. */
export async function setMockKnobs(mock, knobs) {
  const response = await fetch(`${mock.url}/__knobs`, { method: 'POST', body: JSON.stringify(knobs) });
  return response.json();
}

/**
 * The arms. Each returns {name, url, pid, stop, headers(lane), model(lane)}; `lane` is 'openai' | 'anthropic' | 'gemini'.
 * `options.memory` starts the arm with --expose-gc and the memory probe preload; `options.maxStreams` raises the
 * concurrent-stream limit of the Interlingua arms.
 */
export const ARMS = {
  direct: {
    description: 'the mock upstream itself, called with the provider-native request (the baseline)',
    async start(mock) {
      return { name: 'direct', url: mock.url, pid: mock.pid, stop: async () => {}, direct: true };
    },
  },
  'floor-pass': {
    description: 'bare node:http pass-through proxy (zero dependencies): bytes forwarded unchanged',
    start: (mock, options) => startFloor('floor-pass', 'pass', mock, options),
  },
  'floor-translate': {
    description: 'bare node:http proxy doing the minimal JSON translation (the floor for a translating gateway)',
    start: (mock, options) => startFloor('floor-translate', 'translate', mock, options),
  },
  'floor-translate-tiered': {
    description: "the translating floor started with the V8 flag `interlingua serve` sets itself (`--interrupt-budget`, BENCHMARKS.md item 42): M1's reference on equal terms",
    async start(mock, options = {}) {
      return startFloor('floor-translate-tiered', 'translate', mock, { ...options, nodeArgs: [...(options.nodeArgs ?? []), await serveTierUpFlag()] });
    },
  },
  'floor-translate-express': {
    description: "the translating floor's handler as the one route of an Express app served as the Express arm is (`FLOOR_HOST=express`): M1's reference for the Express arm on equal terms",
    start: (mock, options = {}) => startFloor('floor-translate-express', 'translate', mock, { ...options, floorHost: 'express' }),
  },
  express: {
    description: 'Interlingua through the Express adapter (createInterlinguaRouter on an app served by createExpressServer, from the built @interlingua/express)',
    start(mock, options = {}) {
      const port = freePort();
      return startNode({
        name: 'express',
        args: [...nodeFlags(options), 'bench/arms/express-arm.mjs', '--port', String(port)],
        env: { ...upstreamEnv(mock), BENCH_MAX_STREAMS: String(options.maxStreams ?? 1000), ...memoryEnv(options) },
        cpu: SUT_CPU,
        port,
      });
    },
  },
  serve: {
    description: 'Interlingua as shipped: `node packages/cli/dist/bin.js serve`',
    start(mock, options = {}) {
      const port = freePort();
      const args = [...nodeFlags(options), 'packages/cli/dist/bin.js', 'serve', '--host', '127.0.0.1', '--port', String(port)];
      const env = { ...upstreamEnv(mock), ANTHROPIC_API_KEY: 'bench-key', GEMINI_API_KEY: 'bench-key', OPENAI_API_KEY: 'bench-key', ...memoryEnv(options) };
      if (options.maxStreams) {
        const directory = mkdtempSync(join(tmpdir(), 'interlingua-bench-'));
        const config = join(directory, 'config.json');
        execFileSync(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(config)}, JSON.stringify({limits:{maxConcurrentStreams:${options.maxStreams}}}))`]);
        args.push('--config', config);
      }
      return startNode({ name: 'serve', args, env, cpu: SUT_CPU, port });
    },
  },
  portkey: {
    description: `Portkey gateway ${PORTKEY_VERSION} from npm (@hono/node-server 1.13.5, hono 4.9.7), bound to 127.0.0.1`,
    available: () => existsSync(portkeyEntry),
    start(mock, options = {}) {
      const port = freePort();
      return startNode({
        name: 'portkey',
        args: [...nodeFlags(options), '--import', join(armsDirectory, 'loopback-only.mjs'), portkeyEntry, `--port=${port}`, '--headless'],
        env: { ...memoryEnv(options), NODE_ENV: 'production' },
        cpu: SUT_CPU,
        port,
        cwd: portkeyDirectory,
      });
    },
  },
};

/** The `--interrupt-budget` flag `interlingua serve` sets itself, from the built CLI (`set-v8-tier-up-budget.ts`). */
async function serveTierUpFlag() {
  const { SERVE_INTERRUPT_BUDGET } = await import(pathToFileURL(join(repositoryRoot, 'packages', 'cli', 'dist', 'set-v8-tier-up-budget.js')).href);
  return `--interrupt-budget=${SERVE_INTERRUPT_BUDGET}`;
}

function nodeFlags(options) {
  const flags = options.memory ? ['--expose-gc', '--import', join(armsDirectory, 'memory-probe.mjs')] : [];
  // Extra Node flags for diagnostics (a CPU profile: `--cpu-prof`, which NODE_OPTIONS does not take).
  return options.nodeArgs ? [...options.nodeArgs, ...flags] : flags;
}

function memoryEnv(options) {
  return options.memory ? { BENCH_MEMORY_FILE: options.memoryFile } : {};
}

function upstreamEnv(mock) {
  return { ANTHROPIC_BASE_URL: mock.url, GEMINI_BASE_URL: mock.url, OPENAI_BASE_URL: `${mock.url}/v1` };
}

function startFloor(name, mode, mock, options = {}) {
  const port = freePort();
  return startNode({
    name,
    args: [...nodeFlags(options), 'bench/arms/floor-proxy.mjs', '--port', String(port)],
    env: { UPSTREAM: mock.url, FLOOR_MODE: mode, ...(options.floorClient ? { FLOOR_CLIENT: options.floorClient } : {}), ...(options.floorHost ? { FLOOR_HOST: options.floorHost } : {}), ...memoryEnv(options) },
    cpu: SUT_CPU,
    port,
  });
}

/** utime + stime of a process in µs (from /proc/<pid>/stat), or null off Linux. */
export function cpuMicroseconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of the full line)
    return (ticks * 1e6) / clockTicksPerSecond;
  } catch {
    return null;
  }
}
const clockTicksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Resident set size of a process in KiB (VmRSS), or null. */
export function rssKiB(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/**
 * A lowest-priority busy loop pinned on the SUT's CPU (`nice -n 19`), so that CPU never idles: the SUT still gets
 * almost all of it (CFS weights 1024 against 15), but a wake-up no longer has to bring a halted vCPU back.
 */
export function startSpinner(cpu = SUT_CPU) {
  const script = 'for(;;){}';
  const args = hasTaskset ? ['-n', '19', 'taskset', '-c', cpu, process.execPath, '-e', script] : ['-n', '19', process.execPath, '-e', script];
  const child = spawn('nice', args, { stdio: 'ignore' });
  return { stop: () => child.kill('SIGKILL') };
}

let nextServePort = 19_400 + Math.floor(Math.random() * 1_000);

/**
 * The Express arm (`bench/arms/express-arm.mjs`, the shipped `@interlingua/express` handler) of another checkout, as
 * `startServeFrom` starts `serve`; `env` is added to its environment (`BENCH_LOG=0`: no log line), `nodeArgs` to its
 * Node command line.
 */
export function startExpressFrom(root, mock, env = {}, nodeArgs = []) {
  const port = ++nextServePort;
  return startNode({
    name: `express (${root})`,
    args: [...nodeArgs, resolve(root, 'bench/arms/express-arm.mjs'), '--port', String(port)],
    env: { ...upstreamEnv(mock), ...env },
    cpu: SUT_CPU,
    port,
    cwd: root,
  });
}

/**
 * `interlingua serve` as built in another checkout (`root`, a repository root with built packages), pinned to the SUT
 * core, every upstream pointed at `mock`: how the A/B diagnostics run two builds side by side. Started as the `serve`
 * arm is, stdout to /dev/null: through a pipe, each log line would be a blocking write (Node writes to pipes
 * synchronously on Linux) read by the diagnostic's own process, which is also the load generator.
 */
export function startServeFrom(root, mock, nodeArgs = []) {
  const port = ++nextServePort;
  return startNode({
    name: `serve (${root})`,
    args: [...nodeArgs, resolve(root, 'packages/cli/dist/bin.js'), 'serve', '--host', '127.0.0.1', '--port', String(port)],
    env: { ...upstreamEnv(mock), ANTHROPIC_API_KEY: 'bench-key', GEMINI_API_KEY: 'bench-key', OPENAI_API_KEY: 'bench-key' },
    cpu: SUT_CPU,
    port,
  });
}

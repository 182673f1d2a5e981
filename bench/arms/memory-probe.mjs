// Preloaded into every Node arm (`node --expose-gc --import bench/arms/memory-probe.mjs …`). On SIGUSR2 it forces a
// full GC and writes `process.memoryUsage()` as JSON to BENCH_MEMORY_FILE, so the harness can read the JS heap after GC
// without any hook inside the shipped packages.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_MEMORY_FILE;
if (file) {
  process.on('SIGUSR2', () => {
    if (typeof globalThis.gc === 'function') {
      globalThis.gc();
      globalThis.gc();
    }
    writeFileSync(file, JSON.stringify({ ...process.memoryUsage(), gcForced: typeof globalThis.gc === 'function', at: Date.now() }));
  });
}

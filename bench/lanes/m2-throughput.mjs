// M2: RPS at saturation as a frontier (autocannon 8, closed loop), and CPU µs per request at c=8 from /proc.
// One fresh arm process per (lane, arm) cell. The direct arm measures the ceiling of mock + load generator on CPU0;
// a result within 10% of that ceiling is flagged "mock-bound".
import autocannon from 'autocannon';
import { ARMS, cpuMicroseconds, sleep, startMock } from '../lib/processes.mjs';
import { requestFor } from '../lib/requests.mjs';
import { round } from '../lib/stats.mjs';

const P99_BOUNDS_MS = [1, 5, 10, 50, Infinity];

function runAutocannon(url, request, connections, seconds) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url: url + request.path, method: 'POST', headers: request.headers, body: request.body, connections, pipelining: 1, duration: seconds, timeout: 10 },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

function rung(result, connections, seconds) {
  return {
    connections,
    seconds,
    requests: result.requests.total,
    rps: round(result.requests.total / seconds, 1),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

export async function measureThroughput({ lanes, arms, ladder, rungSeconds, cpuSeconds, log }) {
  const results = {};
  for (const lane of lanes) {
    results[lane] = {};
    for (const arm of arms) {
      const mock = await startMock({ chunks: 64, intervalMs: 0 });
      const server = await ARMS[arm].start(mock);
      try {
        const request = requestFor(arm, lane, { mockUrl: mock.url });
        await runAutocannon(server.url, request, 8, 2); // warm-up rung
        // CPU µs per request at a fixed c=8 (the SUT's own utime+stime; for direct, the mock's).
        const cpuBefore = cpuMicroseconds(server.pid);
        const fixed = await runAutocannon(server.url, request, 8, cpuSeconds);
        const cpuAfter = cpuMicroseconds(server.pid);
        const cpuPerRequest = cpuBefore === null ? null : round((cpuAfter - cpuBefore) / fixed.requests.total, 1);
        const rungs = [];
        for (const connections of ladder) {
          const result = await runAutocannon(server.url, request, connections, rungSeconds);
          rungs.push(rung(result, connections, rungSeconds));
          await sleep(200);
        }
        const frontier = {};
        for (const bound of P99_BOUNDS_MS) {
          const eligible = rungs.filter((r) => r.errors === 0 && r.timeouts === 0 && r.non2xx === 0 && r.latencyMs.p99 <= bound);
          const best = eligible.reduce((a, b) => (b.rps > (a?.rps ?? -1) ? b : a), null);
          frontier[bound === Infinity ? 'unbounded' : `p99<=${bound}ms`] = best ? { rps: best.rps, connections: best.connections } : null;
        }
        results[lane][arm] = { cpuMicrosPerRequestAtC8: cpuPerRequest, c8Rps: round(fixed.requests.total / cpuSeconds, 1), maxRps: frontier.unbounded?.rps ?? null, frontier, rungs };
        log(`M2 ${lane} ${arm}: max ${frontier.unbounded?.rps ?? '-'} rps (c=${frontier.unbounded?.connections ?? '-'}), ${cpuPerRequest} CPU µs/request at c=8`);
      } finally {
        await server.stop();
        await mock.stop();
      }
    }
    const ceiling = results[lane].direct?.maxRps;
    if (ceiling) for (const arm of Object.keys(results[lane])) if (arm !== 'direct') results[lane][arm].mockBound = results[lane][arm].maxRps >= 0.9 * ceiling;
  }
  return results;
}

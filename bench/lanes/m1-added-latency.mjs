// M1: added latency p50/p99 vs direct, non-streamed, per lane, c=1, zero-delay mock.
// Fresh arm processes per lane; warm-up, then interleaved rounds (arm order shuffled each round).
import { ARMS, startMock } from '../lib/processes.mjs';
import { createProbe } from '../lib/probe.mjs';
import { requestFor } from '../lib/requests.mjs';
import { medianWithIqr, quantile, round, shuffle, summary } from '../lib/stats.mjs';

export async function measureAddedLatency({ lanes, arms, warmup, rounds, perRound, log }) {
  const results = {};
  for (const lane of lanes) {
    const mock = await startMock({ chunks: 64, intervalMs: 0 });
    const running = [];
    try {
      for (const arm of arms) running.push(await ARMS[arm].start(mock));
      const probes = running.map((server) => ({ server, probe: createProbe(server.url), request: requestFor(server.name, lane, { mockUrl: mock.url }), samples: [], roundMedians: [] }));
      for (const entry of probes) for (let i = 0; i < warmup; i++) await entry.probe.timeRequest(entry.request);
      for (let round = 0; round < rounds; round++) {
        for (const entry of shuffle(probes)) {
          const samples = [];
          for (let i = 0; i < perRound; i++) samples.push(await entry.probe.timeRequest(entry.request));
          entry.samples.push(...samples);
          entry.roundMedians.push(quantile(samples, 0.5));
        }
      }
      const direct = probes.find((entry) => entry.server.name === 'direct');
      const directP50 = quantile(direct.samples, 0.5);
      const directP99 = quantile(direct.samples, 0.99);
      results[lane] = {};
      for (const entry of probes) {
        const added = entry.roundMedians.map((value, i) => value - direct.roundMedians[i]);
        results[lane][entry.server.name] = {
          latencyMicros: summary(entry.samples),
          addedP50Micros: round(quantile(entry.samples, 0.5) - directP50),
          addedP99Micros: round(quantile(entry.samples, 0.99) - directP99),
          addedRoundMedianMicros: medianWithIqr(added),
        };
        log(`M1 ${lane} ${entry.server.name}: p50 ${round(quantile(entry.samples, 0.5))} µs, added p50 ${results[lane][entry.server.name].addedP50Micros} µs, added p99 ${results[lane][entry.server.name].addedP99Micros} µs`);
      }
      for (const entry of probes) await entry.probe.close();
    } finally {
      for (const server of running) await server.stop();
      await mock.stop();
    }
  }
  return results;
}

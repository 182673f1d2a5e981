// The c=1 interleaved probe of M1 with named entries instead of one request per arm: several entries may share one
// arm process (e.g. its /v1/chat/completions and its /v1/responses, or a small and a 64 KiB body), each with its own
// connection, and each entry's added latency is taken against its own baseline entry (the direct arm with the same
// request size, or with the native request). Fresh arm processes per call; warm-up, then interleaved rounds with the
// entry order shuffled each round (the same protocol as m1-added-latency.mjs).
import { ARMS, startMock } from '../lib/processes.mjs';
import { createProbe } from '../lib/probe.mjs';
import { medianWithIqr, quantile, round, shuffle, summary } from '../lib/stats.mjs';

/**
 * entries: [{label, arm, request: (mockUrl) => {path, headers, body}, baseline: label}]. Resolves to {label: {arm,
 * bodyBytes, latencyMicros, addedP50Micros, addedP99Micros, addedRoundMedianMicros}}.
 */
export async function measurePairedLatency({ entries, warmup, rounds, perRound, log, tag }) {
  const mock = await startMock({ chunks: 64, intervalMs: 0 });
  const running = new Map();
  try {
    for (const entry of entries) if (!running.has(entry.arm)) running.set(entry.arm, await ARMS[entry.arm].start(mock));
    const probes = entries.map((entry) => {
      const server = running.get(entry.arm);
      return { ...entry, probe: createProbe(server.url), built: entry.request(mock.url), samples: [], roundMedians: [] };
    });
    for (const entry of probes) for (let i = 0; i < warmup; i++) await entry.probe.timeRequest(entry.built);
    for (let r = 0; r < rounds; r++) {
      for (const entry of shuffle(probes)) {
        const samples = [];
        for (let i = 0; i < perRound; i++) samples.push(await entry.probe.timeRequest(entry.built));
        entry.samples.push(...samples);
        entry.roundMedians.push(quantile(samples, 0.5));
      }
    }
    const byLabel = new Map(probes.map((entry) => [entry.label, entry]));
    const results = {};
    for (const entry of probes) {
      const base = byLabel.get(entry.baseline);
      const added = entry.roundMedians.map((value, i) => value - base.roundMedians[i]);
      results[entry.label] = {
        arm: entry.arm,
        path: entry.built.path,
        bodyBytes: Buffer.byteLength(entry.built.body),
        baseline: entry.baseline,
        latencyMicros: summary(entry.samples),
        addedP50Micros: round(quantile(entry.samples, 0.5) - quantile(base.samples, 0.5)),
        addedP99Micros: round(quantile(entry.samples, 0.99) - quantile(base.samples, 0.99)),
        addedRoundMedianMicros: medianWithIqr(added),
      };
      log(`${tag} ${entry.label}: p50 ${round(quantile(entry.samples, 0.5))} µs, added p50 ${results[entry.label].addedP50Micros} µs, added p99 ${results[entry.label].addedP99Micros} µs`);
    }
    for (const entry of probes) await entry.probe.close();
    return results;
  } finally {
    for (const server of running.values()) await server.stop();
    await mock.stop();
  }
}

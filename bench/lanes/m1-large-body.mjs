// M1, 64 KiB lane: the OpenAI-compatible passthrough (the openai lane: OpenAI request in, OpenAI upstream) with the
// fixture's small body and with a 64 KiB body (earlier turns before the same last message; lib/requests.mjs), both
// through the same arm processes, interleaved. Added latency per size against the direct arm with the same body;
// cost per KiB = (added p50 with 64 KiB − added p50 with the small body) / the extra KiB.
import { requestFor, largeOpenAIBody, openaiRequestWithBody } from '../lib/requests.mjs';
import { round } from '../lib/stats.mjs';
import { measurePairedLatency } from './paired-probes.mjs';

export async function measureLargeBody({ arms, bytes, warmup, rounds, perRound, log }) {
  const large = largeOpenAIBody(bytes);
  const entries = [];
  for (const arm of arms) {
    entries.push({ label: `${arm}`, arm, baseline: 'direct', request: (mockUrl) => requestFor(arm, 'openai', { mockUrl }) });
    entries.push({ label: `${arm}-large`, arm, baseline: 'direct-large', request: (mockUrl) => openaiRequestWithBody(arm, large, mockUrl) });
  }
  const cells = await measurePairedLatency({ entries, warmup, rounds, perRound, log, tag: 'M1 64 KiB' });
  const smallBytes = cells.direct.bodyBytes;
  const extraKiB = (bytes - smallBytes) / 1024;
  const results = { smallBodyBytes: smallBytes, largeBodyBytes: bytes, extraKiB: round(extraKiB, 3), openai: {}, 'openai-64k': {}, perKiB: {} };
  for (const arm of arms) {
    const small = cells[arm];
    const big = cells[`${arm}-large`];
    results.openai[arm] = small;
    results['openai-64k'][arm] = big;
    results.perKiB[arm] =
      arm === 'direct'
        ? // The baseline's own growth: what 64 KiB more costs on loopback and in the mock (absolute p50s).
          { p50DeltaMicros: round(big.latencyMicros.p50 - small.latencyMicros.p50), microsPerKiB: round((big.latencyMicros.p50 - small.latencyMicros.p50) / extraKiB, 3) }
        : {
            addedP50DeltaMicros: round(big.addedP50Micros - small.addedP50Micros),
            microsPerKiB: round((big.addedP50Micros - small.addedP50Micros) / extraKiB, 3),
            addedP99DeltaMicros: round(big.addedP99Micros - small.addedP99Micros),
            p99MicrosPerKiB: round((big.addedP99Micros - small.addedP99Micros) / extraKiB, 3),
          };
    log(`M1 64 KiB ${arm}: ${results.perKiB[arm].microsPerKiB} µs per extra KiB`);
  }
  return results;
}

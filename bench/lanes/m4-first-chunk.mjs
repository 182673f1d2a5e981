// M4: added time to the first content frame and added inter-frame gap, c=1, streamed.
// Paced variant: the mock sends its opening events at once, then MOCK_CHUNKS deltas MOCK_INTERVAL_MS apart.
// Burst variant: every event written at once (exposes write batching). Arms interleaved stream by stream.
// Every arm is first warmed with `warmupBurst` streams in burst mode (fast), then `warmup` streams of the variant:
// a paced stream takes over a second, and two of them leave a JIT-compiled gateway cold (the first session measured
// 6–9 ms of added first-chunk time that 2,000 warm-up streams brought down to about 1.5 ms).
// A variant with `spin: true` keeps the SUT's CPU busy with a lowest-priority busy loop (`nice -n 19`), so that CPU
// never goes idle between events: a diagnostic for the cost of waking an idle vCPU, which pacing adds to every proxy.
import { ARMS, setMockKnobs, startMock, startSpinner } from '../lib/processes.mjs';
import { createProbe } from '../lib/probe.mjs';
import { contentPattern, requestFor } from '../lib/requests.mjs';
import { quantile, round, shuffle } from '../lib/stats.mjs';

export async function measureFirstChunk({ lanes, arms, variants, log }) {
  const results = {};
  for (const variant of variants) {
    results[variant.name] = {};
    for (const lane of lanes) {
      const spinner = variant.spin ? startSpinner() : undefined;
      const mock = await startMock(variant.knobs);
      const running = [];
      try {
        for (const arm of arms) running.push(await ARMS[arm].start(mock));
        const entries = running.map((server) => ({
          server,
          probe: createProbe(server.url),
          request: requestFor(server.name, lane, { stream: true, mockUrl: mock.url }),
          pattern: contentPattern(server.name, lane),
          first: [],
          gaps: [],
          totals: [],
          contentFrames: [],
        }));
        if (variant.warmupBurst) {
          await setMockKnobs(mock, { intervalMs: 0, ttftMs: 0 });
          for (const entry of entries) for (let i = 0; i < variant.warmupBurst; i++) await entry.probe.timeStream(entry.request, entry.pattern);
          await setMockKnobs(mock, variant.knobs);
        }
        for (const entry of entries) for (let i = 0; i < variant.warmup; i++) await entry.probe.timeStream(entry.request, entry.pattern);
        for (let i = 0; i < variant.streams; i++) {
          for (const entry of shuffle(entries)) {
            const timing = await entry.probe.timeStream(entry.request, entry.pattern);
            entry.first.push(timing.firstContent);
            entry.totals.push(timing.total);
            entry.contentFrames.push(timing.contentTimes.length);
            for (let k = 1; k < timing.contentTimes.length; k++) entry.gaps.push(timing.contentTimes[k] - timing.contentTimes[k - 1]);
          }
        }
        const direct = entries.find((entry) => entry.server.name === 'direct');
        results[variant.name][lane] = {};
        for (const entry of entries) {
          const record = {
            streams: entry.first.length,
            contentFramesPerStream: quantile(entry.contentFrames, 0.5),
            firstContentMicros: { p50: round(quantile(entry.first, 0.5)), p99: round(quantile(entry.first, 0.99)) },
            gapMicros: { p50: round(quantile(entry.gaps, 0.5)), p99: round(quantile(entry.gaps, 0.99)) },
            totalMicros: { p50: round(quantile(entry.totals, 0.5)) },
            addedFirstContentP50Micros: round(quantile(entry.first, 0.5) - quantile(direct.first, 0.5)),
            addedFirstContentP99Micros: round(quantile(entry.first, 0.99) - quantile(direct.first, 0.99)),
            addedGapP50Micros: round(quantile(entry.gaps, 0.5) - quantile(direct.gaps, 0.5)),
            addedGapP99Micros: round(quantile(entry.gaps, 0.99) - quantile(direct.gaps, 0.99)),
            addedTotalP50Micros: round(quantile(entry.totals, 0.5) - quantile(direct.totals, 0.5)),
          };
          results[variant.name][lane][entry.server.name] = record;
          log(`M4 ${variant.name} ${lane} ${entry.server.name}: first content p50 ${record.firstContentMicros.p50} µs (added ${record.addedFirstContentP50Micros}), gap p50 added ${record.addedGapP50Micros} µs, p99 added ${record.addedGapP99Micros} µs, ${record.contentFramesPerStream} content frames`);
        }
        for (const entry of entries) await entry.probe.close();
      } finally {
        for (const server of running) await server.stop();
        await mock.stop();
        spinner?.stop();
      }
    }
  }
  return results;
}

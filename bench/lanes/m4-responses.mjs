// M4, Responses lane: added time to the first content frame (and inter-frame gap) of a streamed POST /v1/responses
// on the Anthropic upstream, against the same arm's streamed POST /v1/chat/completions, c=1, entries interleaved
// stream by stream (the protocol of m4-first-chunk.mjs: burst warm-up, then the variant). Content frames:
// `response.output_text.delta` events (Responses) and chunks with a non-empty delta.content (chat).
import { ARMS, setMockKnobs, startMock } from '../lib/processes.mjs';
import { createProbe } from '../lib/probe.mjs';
import { contentPattern, requestFor, responsesContentPattern, responsesRequestFor } from '../lib/requests.mjs';
import { quantile, round, shuffle } from '../lib/stats.mjs';

export async function measureResponsesFirstChunk({ arms, variants, log }) {
  const results = {};
  for (const variant of variants) {
    const mock = await startMock(variant.knobs);
    const running = new Map();
    try {
      for (const arm of ['direct', ...arms]) running.set(arm, await ARMS[arm].start(mock));
      const entries = [{ label: 'direct', arm: 'direct', request: requestFor('direct', 'anthropic', { stream: true, mockUrl: mock.url }), pattern: contentPattern('direct', 'anthropic') }];
      for (const arm of arms) {
        entries.push({ label: `${arm}-chat`, arm, request: requestFor(arm, 'anthropic', { stream: true, mockUrl: mock.url }), pattern: contentPattern(arm, 'anthropic') });
        entries.push({ label: `${arm}-responses`, arm, request: responsesRequestFor({ stream: true }), pattern: responsesContentPattern });
      }
      for (const entry of entries) Object.assign(entry, { probe: createProbe(running.get(entry.arm).url), first: [], gaps: [], totals: [], contentFrames: [] });
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
      const direct = entries[0];
      results[variant.name] = { anthropic: {} };
      for (const entry of entries) {
        const record = {
          arm: entry.arm,
          path: entry.request.path,
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
        results[variant.name].anthropic[entry.label] = record;
        log(`M4 Responses ${variant.name} ${entry.label}: first content p50 ${record.firstContentMicros.p50} µs (added ${record.addedFirstContentP50Micros}), total added ${record.addedTotalP50Micros} µs, ${record.contentFramesPerStream} content frames`);
      }
      for (const entry of entries) await entry.probe.close();
    } finally {
      for (const server of running.values()) await server.stop();
      await mock.stop();
    }
  }
  return results;
}

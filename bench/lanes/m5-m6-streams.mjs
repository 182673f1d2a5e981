// M5: memory per open stream. Fresh arm process per C; idle RSS, peak RSS while C paced streams are open (sampled
// every 50 ms from /proc), JS heap after a forced GC while they are open (SIGUSR2 → memory-probe.mjs), recovered RSS
// after the streams end. Reported as least-squares slopes in KiB per stream.
// M6: streams sustained. Highest C at which every expected content frame arrives, no gap exceeds 10 × the pacing
// interval and errors stay under 0.1%; frames/s at that point.
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARMS, rssKiB, setMockKnobs, sleep, startMock } from '../lib/processes.mjs';
import { openStreamCrowd } from '../lib/stream-crowd.mjs';
import { contentPattern, requestFor } from '../lib/requests.mjs';
import { linearFit, quantile, round } from '../lib/stats.mjs';

async function heapAfterGc(server, file) {
  rmSync(file, { force: true });
  process.kill(server.pid, 'SIGUSR2');
  for (let i = 0; i < 100; i++) {
    await sleep(50);
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      // not written yet
    }
  }
  return null;
}

async function warmUp(mock, knobs, server, request, pattern) {
  await setMockKnobs(mock, { ...knobs, intervalMs: 0 });
  for (let i = 0; i < 5; i++) await openStreamCrowd({ url: server.url, request, pattern, count: 20 }).done;
  await setMockKnobs(mock, knobs);
}

export async function measureMemory({ lane, arms, counts, knobs, recoverySeconds, log }) {
  const results = {};
  for (const arm of arms) {
    const cells = [];
    const mock = await startMock(knobs);
    try {
      for (const count of counts) {
        const memoryFile = join(tmpdir(), `interlingua-bench-memory-${process.pid}-${arm}.json`);
        const server = await ARMS[arm].start(mock, { memory: true, memoryFile, maxStreams: 20_000 });
        try {
          const request = requestFor(arm, lane, { stream: true, mockUrl: mock.url });
          const pattern = contentPattern(arm, lane);
          // Warm-up: unpaced streams so lazy code paths are compiled before the idle reading.
          await warmUp(mock, knobs, server, request, pattern);
          await sleep(500);
          const idleHeap = await heapAfterGc(server, memoryFile);
          const idleRss = rssKiB(server.pid);
          const crowd = openStreamCrowd({ url: server.url, request, pattern, count });
          let peakRss = idleRss;
          const sampler = setInterval(() => {
            const rss = rssKiB(server.pid);
            if (rss !== null && rss > peakRss) peakRss = rss;
          }, 50);
          const openDeadline = Date.now() + 60_000;
          while (crowd.state.opened + crowd.state.errors < count && Date.now() < openDeadline) await sleep(50);
          await sleep(knobs.intervalMs * 2);
          const openRss = rssKiB(server.pid);
          const openHeap = await heapAfterGc(server, memoryFile);
          const state = await crowd.done;
          clearInterval(sampler);
          crowd.close();
          await sleep(recoverySeconds * 1000);
          const recoveredRss = rssKiB(server.pid);
          const recoveredHeap = await heapAfterGc(server, memoryFile);
          const cell = {
            count,
            errors: state.errors,
            errorSamples: state.errorSamples,
            idleRssKiB: idleRss,
            openRssKiB: openRss,
            peakRssKiB: peakRss,
            recoveredRssKiB: recoveredRss,
            idleHeapUsedKiB: idleHeap && round(idleHeap.heapUsed / 1024, 0),
            openHeapUsedKiB: openHeap && round(openHeap.heapUsed / 1024, 0),
            recoveredHeapUsedKiB: recoveredHeap && round(recoveredHeap.heapUsed / 1024, 0),
            openExternalKiB: openHeap && round((openHeap.external + openHeap.arrayBuffers) / 1024, 0),
            gcForced: openHeap?.gcForced ?? false,
          };
          cells.push(cell);
          log(`M5 ${arm} C=${count}: RSS idle ${idleRss} → peak ${peakRss} KiB (recovered ${recoveredRss}); heap idle ${cell.idleHeapUsedKiB} → open ${cell.openHeapUsedKiB} KiB; errors ${state.errors}`);
        } finally {
          await server.stop();
        }
      }
    } finally {
      await mock.stop();
    }
    const xs = cells.map((cell) => cell.count);
    results[arm] = {
      cells,
      peakRssSlopeKiBPerStream: linearFit(xs, cells.map((cell) => cell.peakRssKiB - cell.idleRssKiB)).slope,
      openRssSlopeKiBPerStream: linearFit(xs, cells.map((cell) => cell.openRssKiB - cell.idleRssKiB)).slope,
      heapSlopeKiBPerStream: cells.every((cell) => cell.openHeapUsedKiB !== null) ? linearFit(xs, cells.map((cell) => cell.openHeapUsedKiB - cell.idleHeapUsedKiB)).slope : null,
    };
    log(`M5 ${arm}: peak RSS slope ${results[arm].peakRssSlopeKiBPerStream} KiB/stream, heap slope ${results[arm].heapSlopeKiBPerStream} KiB/stream`);
  }
  return results;
}

export async function measureCapacity({ lane, arms, counts, knobs, log }) {
  const results = {};
  for (const arm of arms) {
    const cells = [];
    let sustained = null;
    for (const count of counts) {
      const mock = await startMock(knobs);
      const server = await ARMS[arm].start(mock, { maxStreams: 20_000 });
      try {
        const request = requestFor(arm, lane, { stream: true, mockUrl: mock.url });
        const pattern = contentPattern(arm, lane);
        await warmUp(mock, knobs, server, request, pattern);
        const started = performance.now();
        const crowd = openStreamCrowd({ url: server.url, request, pattern, count, batch: 500, batchDelayMs: 100, deadlineMs: 60_000 });
        const state = await crowd.done;
        const seconds = (performance.now() - started) / 1000;
        crowd.close();
        const expectedFrames = quantile(state.contentFrames, 1) ?? 0; // every stream should carry the same count
        const complete = state.contentFrames.filter((frames) => frames === expectedFrames).length;
        const maxGapMs = state.maxGapsMs.length ? Math.max(...state.maxGapsMs) : null;
        const totalFrames = state.contentFrames.reduce((a, b) => a + b, 0);
        const cell = {
          count,
          errors: state.errors,
          errorRate: round(state.errors / count, 4),
          errorSamples: state.errorSamples,
          incompleteStreams: state.finished - complete,
          expectedContentFramesPerStream: expectedFrames,
          maxGapMs: round(maxGapMs, 1),
          gapP99Ms: round(quantile(state.maxGapsMs, 0.99), 1),
          firstContentP50Ms: round(quantile(state.firstContentMs, 0.5), 1),
          firstContentP99Ms: round(quantile(state.firstContentMs, 0.99), 1),
          seconds: round(seconds, 1),
          framesPerSecond: round(totalFrames / seconds, 0),
        };
        cell.ok = cell.errorRate < 0.001 && cell.incompleteStreams === 0 && maxGapMs !== null && maxGapMs <= 10 * knobs.intervalMs;
        cells.push(cell);
        log(`M6 ${arm} C=${count}: ${cell.ok ? 'ok' : 'FAILED'}; errors ${state.errors}, incomplete ${cell.incompleteStreams}, max gap ${cell.maxGapMs} ms, ${cell.framesPerSecond} frames/s`);
        if (cell.ok) sustained = cell;
        else break;
      } finally {
        await server.stop();
        await mock.stop();
      }
    }
    results[arm] = { sustained: sustained?.count ?? 0, framesPerSecondAtSustained: sustained?.framesPerSecond ?? null, cells };
  }
  return results;
}

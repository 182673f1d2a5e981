// Many concurrent streamed requests from one process (node:http, one socket per stream, no pool cap), for the
// memory (M5) and capacity (M6) lanes. Counts content frames per stream and the longest gap between them.
import { Agent, request as httpRequest } from 'node:http';

export function openStreamCrowd({ url, request, pattern, count, batch = 250, batchDelayMs = 50, deadlineMs = 120_000 }) {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  const state = { started: 0, opened: 0, finished: 0, errors: 0, errorSamples: [], contentFrames: [], maxGapsMs: [], firstContentMs: [] };
  let resolveDone;
  const done = new Promise((resolve) => (resolveDone = resolve));
  const settle = () => {
    if (state.finished + state.errors === count) {
      clearTimeout(deadline);
      resolveDone(state);
    }
  };
  const failers = new Set();
  // A stream that neither ends nor fails within the deadline counts as an error (and is destroyed).
  const deadline = setTimeout(() => {
    for (const fail of [...failers]) fail(`no end within ${deadlineMs} ms`);
  }, deadlineMs);

  function one() {
    const started = performance.now();
    let last = null;
    let maxGap = 0;
    let frames = 0;
    let pending = '';
    let failed = false;
    let outgoing;
    const fail = (why) => {
      if (failed) return;
      failed = true;
      failers.delete(fail);
      outgoing?.destroy();
      state.errors++;
      if (state.errorSamples.length < 5) state.errorSamples.push(String(why));
      settle();
    };
    failers.add(fail);
    outgoing = httpRequest(
      { host: target.hostname, port: target.port, method: 'POST', path: request.path, headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) }, agent },
      (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          fail(`HTTP ${response.statusCode}`);
          return;
        }
        response.setEncoding('utf8');
        response.on('data', (text) => {
          pending += text;
          const blocks = pending.split(/\r?\n\r?\n/);
          pending = blocks.pop();
          const now = performance.now();
          for (const block of blocks) {
            if (!pattern.test(block)) continue;
            if (frames === 0) {
              state.opened++;
              state.firstContentMs.push(now - started);
            } else maxGap = Math.max(maxGap, now - last);
            frames++;
            last = now;
          }
        });
        response.on('end', () => {
          if (failed) return;
          failed = true; // settled: a later socket error must not count it twice
          failers.delete(fail);
          state.finished++;
          state.contentFrames.push(frames);
          state.maxGapsMs.push(maxGap);
          settle();
        });
        response.on('error', fail);
      },
    );
    outgoing.on('error', fail);
    outgoing.setNoDelay(true);
    outgoing.end(request.body);
  }

  // Ramp: `batch` new streams every `batchDelayMs` (a listen backlog of 511 drops a burst of thousands of SYNs).
  const ramp = setInterval(() => {
    for (let i = 0; i < batch && state.started < count; i++, state.started++) one();
    if (state.started >= count) clearInterval(ramp);
  }, batchDelayMs);
  return { state, done, close: () => agent.destroy() };
}

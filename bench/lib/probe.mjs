// The c=1 probe: one undici Pool({connections: 1}) per arm, timed with process.hrtime.bigint() (autocannon's
// millisecond histogram is too coarse for sub-millisecond deltas).
import { Pool } from 'undici';

export function createProbe(url) {
  const pool = new Pool(url, { connections: 1, pipelining: 1, keepAliveTimeout: 60_000 });
  return {
    /** One non-streamed request; resolves to its latency in µs (status checked). */
    async timeRequest(request) {
      const started = process.hrtime.bigint();
      const { statusCode, body } = await pool.request({ method: 'POST', path: request.path, headers: request.headers, body: request.body });
      const bytes = await body.arrayBuffer();
      const micros = Number(process.hrtime.bigint() - started) / 1000;
      if (statusCode !== 200) throw new Error(`HTTP ${statusCode}: ${Buffer.from(bytes).toString().slice(0, 300)}`);
      return micros;
    },
    /**
     * One streamed request: times (µs from the request's start) of the first content frame and of every content
     * frame, and the total time. Frames are split on blank lines (LF or CRLF).
     */
    async timeStream(request, pattern) {
      const started = process.hrtime.bigint();
      const { statusCode, body } = await pool.request({ method: 'POST', path: request.path, headers: request.headers, body: request.body });
      const contentTimes = [];
      let pending = '';
      let frames = 0;
      for await (const chunk of body) {
        const at = Number(process.hrtime.bigint() - started) / 1000;
        pending += chunk.toString('utf8');
        const blocks = pending.split(/\r?\n\r?\n/);
        pending = blocks.pop();
        for (const block of blocks) {
          if (block === '') continue;
          frames++;
          if (pattern.test(block)) contentTimes.push(at);
        }
      }
      const total = Number(process.hrtime.bigint() - started) / 1000;
      if (statusCode !== 200) throw new Error(`HTTP ${statusCode}: ${pending.slice(0, 300)}`);
      return { firstContent: contentTimes[0] ?? null, contentTimes, frames, total };
    },
    close: () => pool.close(),
  };
}

// Diagnostic (not part of bench/run.mjs): times every frame of paced streams, direct to the mock and through a
// running SUT, one stream after another with an optional pause (SLEEP ms) between streams. Prints, per stream, the
// time to the response headers and to the first four body chunks. Used for BENCHMARKS.md's note on M4.
// Usage: N=6 SLEEP=6000 node bench/diagnostics/trace-first-frames.mjs <mockUrl> <sutUrl> <lane>
import { Pool } from 'undici';
import { requestFor } from '../lib/requests.mjs';
const [mockUrl, sutUrl, lane] = process.argv.slice(2);
async function trace(url, arm) {
  const pool = new Pool(url, { connections: 1 });
  const req = requestFor(arm, lane, { stream: true, mockUrl });
  const rows = [];
  for (let n = 0; n < Number(process.env.N ?? 8); n++) {
    if (n > 0 && process.env.SLEEP) await new Promise((r) => setTimeout(r, Number(process.env.SLEEP)));
    const t0 = process.hrtime.bigint();
    const { body, headers } = await pool.request({ method: 'POST', path: req.path, headers: req.headers, body: req.body });
    const th = Number(process.hrtime.bigint() - t0) / 1e3;
    const times = [];
    for await (const chunk of body) { times.push([Number(process.hrtime.bigint() - t0) / 1e3, chunk.length]); }
    rows.push({ headers: th.toFixed(0), first: times.slice(0, 4).map(([t, l]) => `${t.toFixed(0)}us/${l}B`).join(' ') });
  }
  await pool.close();
  console.log(arm); for (const r of rows.slice(2)) console.log('  hdr', r.headers, '|', r.first);
}
if (!process.env.SKIP_DIRECT) await trace(mockUrl, 'direct');
await trace(sutUrl, 'serve');

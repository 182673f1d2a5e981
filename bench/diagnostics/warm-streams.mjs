// Diagnostic: sets the mock to burst mode, runs N streams through the SUT (warming it), then sets the pacing back to
// 20 ms. Usage: node bench/diagnostics/warm-streams.mjs <mockUrl> <sutUrl> <lane> <N>
import { Pool } from 'undici';
import { requestFor } from '../lib/requests.mjs';
const [mockUrl, sutUrl, lane, n] = process.argv.slice(2);
await fetch(`${mockUrl}/__knobs`, { method: 'POST', body: JSON.stringify({ intervalMs: 0 }) });
const pool = new Pool(sutUrl, { connections: 1 });
const req = requestFor('serve', lane, { stream: true, mockUrl });
const t = [];
for (let i = 0; i < Number(n); i++) {
  const t0 = process.hrtime.bigint();
  const { body } = await pool.request({ method: 'POST', path: req.path, headers: req.headers, body: req.body });
  let first; for await (const c of body) first ??= Number(process.hrtime.bigint() - t0) / 1e3;
  t.push(first);
}
await pool.close();
console.log('burst first-chunk µs: first 5', t.slice(0,5).map(Math.round), 'last 5', t.slice(-5).map(Math.round));
await fetch(`${mockUrl}/__knobs`, { method: 'POST', body: JSON.stringify({ intervalMs: 20 }) });

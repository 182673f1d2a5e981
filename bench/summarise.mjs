#!/usr/bin/env node
// Reads the records of one session (bench/results/<session>/*.json) and prints the Markdown tables of BENCHMARKS.md:
// every metric with its target, the measured value, the ratio and whether the target is met.
//   node bench/summarise.mjs bench/results/<session> [bench/results/<other session> …]
// With several sessions, a record of a later one replaces the record of the same name of an earlier one (e.g. M1
// run again on a quieter machine).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const directories = process.argv.slice(2);
if (directories.length === 0 || !directories.every((directory) => existsSync(directory))) {
  console.error('usage: node bench/summarise.mjs bench/results/<session> [more sessions]');
  process.exit(2);
}
const records = {};
for (const directory of directories) {
  const names = readdirSync(directory).filter((name) => name.endsWith('.json'));
  // A later session's M1 runs replace all earlier M1 runs (they are one measurement).
  if (names.some((name) => name.startsWith('m1-'))) for (const key of Object.keys(records)) if (key.startsWith('m1-')) delete records[key];
  for (const name of names) records[name.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(directory, name), 'utf8'));
}

const fixed = (value, digits = 2) => (value === null || value === undefined || Number.isNaN(value) ? 'n/a' : Number(value).toFixed(digits));
const ms = (micros) => (micros === null || micros === undefined ? 'n/a' : `${(micros / 1000).toFixed(3)} ms`);
const met = (ok) => (ok === null ? 'n/a' : ok ? 'met' : '**not met**');
const ratio = (a, b) => (a === null || a === undefined || b === null || b === undefined || b === 0 ? null : a / b);
const rows = [];
const row = (metric, target, measured, ratioText, ok) => rows.push(`| ${metric} | ${target} | ${measured} | ${ratioText} | ${met(ok)} |`);
const loads = [];

// ---- M1: the median of the runs by the Express arm's added p50 in the Anthropic lane ----
const m1Runs = Object.keys(records).filter((name) => name.startsWith('m1-added-latency')).map((name) => records[name]);
let m1 = null;
if (m1Runs.length) {
  const sorted = [...m1Runs].sort((a, b) => a.results.anthropic.express.addedP50Micros - b.results.anthropic.express.addedP50Micros);
  m1 = sorted[Math.floor((sorted.length - 1) / 2)];
  for (const run of m1Runs) loads.push(['M1 ' + run.metric.replace('m1-added-latency-', ''), run.loadAverageBefore, run.loadAverageAfter]);
  for (const lane of ['anthropic', 'gemini', 'openai']) {
    const cells = m1.results[lane];
    if (!cells) continue;
    const floor = cells['floor-translate'];
    for (const arm of ['express', 'serve', 'express-undici']) {
      const cell = cells[arm];
      if (!cell) continue;
      const p50Ratio = ratio(cell.addedP50Micros, floor.addedP50Micros);
      const p99Ratio = ratio(cell.addedP99Micros, floor.addedP99Micros);
      row(`M1 added p50, ${lane} lane, ${arm}`, '≤ 1.2× floor', `${ms(cell.addedP50Micros)} (floor ${ms(floor.addedP50Micros)}; Portkey ${ms(cells.portkey?.addedP50Micros)})`, `${fixed(p50Ratio)}× floor; Portkey/this ${fixed(ratio(cells.portkey?.addedP50Micros, cell.addedP50Micros))}×`, p50Ratio === null ? null : p50Ratio <= 1.2);
      row(`M1 added p99, ${lane} lane, ${arm}`, '≤ 1.2× floor', `${ms(cell.addedP99Micros)} (floor ${ms(floor.addedP99Micros)}; Portkey ${ms(cells.portkey?.addedP99Micros)})`, `${fixed(p99Ratio)}× floor`, p99Ratio === null ? null : p99Ratio <= 1.2);
    }
    // Each adapter against a floor run as it runs: `serve` against the floor started with the V8 flag `serve` sets
    // itself (sessions from item 42 on), the Express arm against the floor hosted in Express (from item 43 on).
    for (const [arm, reference, what] of [
      ['serve', 'floor-translate-tiered', "the floor with serve's V8 flag"],
      ['express', 'floor-translate-express', 'the floor hosted in Express'],
    ]) {
      const cell = cells[arm];
      const floorCell = cells[reference];
      if (!cell || !floorCell) continue;
      row(
        `M1 added p50 / p99, ${lane} lane, ${arm}, on equal terms (${what})`,
        'report',
        `${ms(cell.addedP50Micros)} / ${ms(cell.addedP99Micros)} (that floor ${ms(floorCell.addedP50Micros)} / ${ms(floorCell.addedP99Micros)})`,
        `${fixed(ratio(cell.addedP50Micros, floorCell.addedP50Micros))}× / ${fixed(ratio(cell.addedP99Micros, floorCell.addedP99Micros))}× that floor`,
        null,
      );
    }
  }
}

// ---- M2 ----
const m2 = records['m2-throughput'];
if (m2) {
  loads.push(['M2', m2.loadAverageBefore, m2.loadAverageAfter]);
  for (const lane of Object.keys(m2.results)) {
    const cells = m2.results[lane];
    const bare = cells['floor-pass']?.maxRps;
    for (const arm of ['express', 'serve', 'express-undici']) {
      const cell = cells[arm];
      if (!cell) continue;
      const vsBare = ratio(cell.maxRps, bare);
      const vsPortkey = ratio(cell.maxRps, cells.portkey?.maxRps);
      row(`M2 max RPS, one core, ${lane} lane, ${arm}`, '≥ 0.8× bare hop, ≥ 4× Portkey', `${fixed(cell.maxRps, 0)} rps (bare hop ${fixed(bare, 0)}, floor-translate ${fixed(cells['floor-translate']?.maxRps, 0)}, Portkey ${fixed(cells.portkey?.maxRps, 0)}, mock ceiling ${fixed(cells.direct?.maxRps, 0)})${cell.mockBound ? ' mock-bound' : ''}`, `${fixed(vsBare)}× bare; ${fixed(vsPortkey)}× Portkey`, vsBare === null ? null : vsBare >= 0.8 && (vsPortkey === null || vsPortkey >= 4));
      row(`M2 CPU µs per request at c=8, ${lane} lane, ${arm}`, 'report', `${fixed(cell.cpuMicrosPerRequestAtC8, 0)} µs (bare hop ${fixed(cells['floor-pass']?.cpuMicrosPerRequestAtC8, 0)}, floor-translate ${fixed(cells['floor-translate']?.cpuMicrosPerRequestAtC8, 0)}, Portkey ${fixed(cells.portkey?.cpuMicrosPerRequestAtC8, 0)})`, `${fixed(ratio(cell.cpuMicrosPerRequestAtC8, cells['floor-pass']?.cpuMicrosPerRequestAtC8))}× bare`, null);
    }
  }
}

// ---- M3 ----
const m3 = records['m3-transducer-cost'];
if (m3) {
  loads.push(['M3', m3.loadAverageBefore, m3.loadAverageAfter]);
  for (const provider of ['anthropic', 'gemini']) {
    const entry = m3.results[provider];
    const byte = entry.bytePath.microsPerEventMedian;
    row(`M3 byte path, ${provider}`, '≤ 1.5× JSON floor', `${fixed(byte, 2)} µs/event, ${entry.bytePath.bytesAllocatedPerEvent} B/event (JSON floor ${fixed(entry.jsonFloor.microsPerEventMedian, 2)} µs)`, `${fixed(entry.bytePathOverJsonFloor)}× floor`, entry.bytePathOverJsonFloor <= 1.5);
    if (entry.bytePathNode) {
      row(`M3 byte path with the Node adapter's encoder (Buffer.from), ${provider}`, 'report', `${fixed(entry.bytePathNode.microsPerEventMedian, 2)} µs/event, ${entry.bytePathNode.bytesAllocatedPerEvent} B/event`, `${fixed(entry.bytePathNodeOverJsonFloor)}× floor`, null);
    }
    if (entry.bytePathNodeIo) {
      row(`M3 byte path with the Node adapter's encoder and decoder (Buffer.from, StringDecoder), ${provider}`, 'report', `${fixed(entry.bytePathNodeIo.microsPerEventMedian, 2)} µs/event, ${entry.bytePathNodeIo.bytesAllocatedPerEvent} B/event`, `${fixed(entry.bytePathNodeIoOverJsonFloor)}× floor`, null);
    }
    row(`M3 WHATWG-streams path, ${provider}`, 'report', `${fixed(entry.streamPath.microsPerEventMedian, 2)} µs/event, ${entry.streamPath.bytesAllocatedPerEvent} B/event`, `${fixed(entry.streamPathOverJsonFloor)}× floor`, null);
  }
}

// ---- M4 ----
const m4 = records['m4-first-chunk'];
if (m4) {
  loads.push(['M4', m4.loadAverageBefore, m4.loadAverageAfter]);
  for (const variant of Object.keys(m4.results)) {
    for (const lane of Object.keys(m4.results[variant])) {
      const cells = m4.results[variant][lane];
      for (const arm of ['express', 'serve']) {
        const cell = cells[arm];
        if (!cell) continue;
        // Issue 18's M4 target: in a burst, the first content chunk no more than 0.5 ms after the translating floor's
        // (the added time there is the translation's; paced, it is mostly the wait for the upstream: reported).
        const floorAdded = cells['floor-translate']?.addedFirstContentP50Micros;
        const overFloor = floorAdded === undefined ? undefined : cell.addedFirstContentP50Micros - floorAdded;
        const signed = overFloor === undefined ? '' : `${overFloor < 0 ? '−' : '+'}${ms(Math.abs(overFloor))} over the floor; `;
        row(
          `M4 added first content chunk p50, ${variant}, ${lane}, ${arm}`,
          variant === 'burst' ? '≤ 0.5 ms over the floor' : 'report',
          `${ms(cell.addedFirstContentP50Micros)} (floor ${ms(floorAdded)}, Portkey ${ms(cells.portkey?.addedFirstContentP50Micros)})`,
          `${signed}Portkey/this ${fixed(ratio(cells.portkey?.addedFirstContentP50Micros, cell.addedFirstContentP50Micros))}×`,
          variant === 'burst' && overFloor !== undefined ? overFloor <= 500 : null,
        );
        if (variant === 'paced') {
          row(`M4 added inter-chunk gap p50 / p99, ${lane}, ${arm}`, 'report', `${ms(cell.addedGapP50Micros)} / ${ms(cell.addedGapP99Micros)} (Portkey ${ms(cells.portkey?.addedGapP50Micros)} / ${ms(cells.portkey?.addedGapP99Micros)})`, '', null);
        }
      }
    }
  }
}

// ---- M5 ----
const m5 = records['m5-memory'];
if (m5) {
  loads.push(['M5', m5.loadAverageBefore, m5.loadAverageAfter]);
  for (const arm of ['express', 'serve', 'floor-translate', 'portkey']) {
    const entry = m5.results[arm];
    if (!entry) continue;
    const slope = entry.peakRssSlopeKiBPerStream;
    const target = arm === 'express' || arm === 'serve';
    // Issue 18's targets: RSS per open stream ≤ 40 KiB, JS heap ≤ 20 KiB.
    const heap = entry.heapSlopeKiBPerStream;
    row(`M5 memory per open stream, ${arm}`, target ? '≤ 40 KiB RSS, heap ≤ 20 KiB' : 'reference', `${fixed(slope, 1)} KiB/stream peak-RSS slope (RSS with all open: ${fixed(entry.openRssSlopeKiBPerStream, 1)}; JS heap after GC: ${fixed(heap, 1)}); peak RSS at C=${entry.cells.at(-1).count}: ${fixed(entry.cells.at(-1).peakRssKiB / 1024, 0)} MiB; errors ${entry.cells.map((cell) => cell.errors).join('/')}`, target ? `${fixed(slope / 40)}× RSS target; ${fixed(heap / 20)}× heap target` : '', target ? slope <= 40 && heap <= 20 : null);
  }
}

// ---- M6 ----
const m6 = records['m6-capacity'];
if (m6) {
  loads.push(['M6', m6.loadAverageBefore, m6.loadAverageAfter]);
  for (const arm of Object.keys(m6.results)) {
    const entry = m6.results[arm];
    const target = arm === 'express' || arm === 'serve';
    const tried = entry.cells.map((cell) => `${cell.count}${cell.ok ? '' : ' ✗'}`).join(', ');
    // Issue 18's target: at least 0.9× what the translating floor sustains on this machine.
    const floor = m6.results['floor-translate']?.sustained;
    const ratio = floor ? entry.sustained / floor : null;
    row(`M6 concurrent paced streams sustained, ${arm}`, target ? '≥ 0.9× floor, no error' : 'reference', `${entry.sustained} (${fixed(entry.framesPerSecondAtSustained, 0)} frames/s); tried ${tried}`, target && ratio !== null ? `${fixed(ratio)}× floor-translate (${floor})` : '', target ? ratio !== null && ratio >= 0.9 : null);
  }
}

// ---- M1, 64 KiB lane: the median of the runs by the Express arm's µs per extra KiB ----
const medianRun = (prefix, key) => {
  const runs = Object.keys(records).filter((name) => name.startsWith(prefix)).map((name) => records[name]);
  if (!runs.length) return null;
  for (const run of runs) loads.push([run.metric, run.loadAverageBefore, run.loadAverageAfter]);
  const sorted = [...runs].sort((a, b) => key(a) - key(b));
  return { chosen: sorted[Math.floor((sorted.length - 1) / 2)], runs };
};
const us = (micros, digits = 1) => (micros === null || micros === undefined ? 'n/a' : `${Number(micros).toFixed(digits)} µs`);
const m1body = medianRun('m1body-', (record) => record.results.perKiB.express?.microsPerKiB ?? 0);
if (m1body) {
  const { results } = m1body.chosen;
  const kib = results.extraKiB;
  const floorPerKiB = results.perKiB['floor-translate']?.microsPerKiB;
  const direct = results.perKiB.direct;
  for (const arm of ['floor-pass', 'floor-translate', 'express', 'serve', 'portkey']) {
    const perKiB = results.perKiB[arm];
    if (!perKiB) continue;
    const small = results.openai[arm];
    const large = results['openai-64k'][arm];
    row(
      `M1 64 KiB body, openai lane, ${arm}: cost per KiB (${m1body.chosen.metric.replace('m1body-64k-', '')} of ${m1body.runs.length})`,
      'report',
      `added p50 ${ms(large.addedP50Micros)} with ${results.largeBodyBytes} B against ${ms(small.addedP50Micros)} with ${results.smallBodyBytes} B: **${us(perKiB.microsPerKiB, 2)} per extra KiB** (${fixed(kib, 1)} KiB; every run: ${m1body.runs.map((run) => fixed(run.results.perKiB[arm]?.microsPerKiB, 1)).join(' / ')}); added p99 ${ms(large.addedP99Micros)} / ${ms(small.addedP99Micros)}`,
      arm === 'floor-translate' || arm === 'floor-pass' ? '' : `${fixed(ratio(perKiB.microsPerKiB, floorPerKiB))}× floor-translate's per KiB`,
      null,
    );
  }
  if (direct) row('M1 64 KiB body, openai lane, direct (the baseline itself: loopback + mock)', 'reference', `p50 ${ms(results['openai-64k'].direct.latencyMicros.p50)} against ${ms(results.openai.direct.latencyMicros.p50)}: ${us(direct.microsPerKiB, 2)} per extra KiB`, '', null);
}

// ---- Responses lanes: Interlingua's /v1/responses against Interlingua's /v1/chat/completions (same upstream reply) ----
const m1resp = medianRun('m1resp-', (record) => record.results.anthropic['express-responses']?.addedP50Micros ?? 0);
if (m1resp) {
  const cells = m1resp.chosen.results.anthropic;
  const floor = cells['floor-translate-chat'];
  for (const arm of ['express', 'serve']) {
    const chat = cells[`${arm}-chat`];
    const responses = cells[`${arm}-responses`];
    if (!chat || !responses) continue;
    const p50Ratio = ratio(responses.addedP50Micros, chat.addedP50Micros);
    const p99Ratio = ratio(responses.addedP99Micros, chat.addedP99Micros);
    row(`M1 added p50, Responses API, anthropic lane, ${arm} (${m1resp.chosen.metric.replace('m1resp-added-latency-', '')} of ${m1resp.runs.length})`, '≤ 1.2× chat lane', `${ms(responses.addedP50Micros)} (/v1/chat/completions ${ms(chat.addedP50Micros)}; floor-translate chat ${ms(floor?.addedP50Micros)})`, `${fixed(p50Ratio)}× chat lane (every run: ${m1resp.runs.map((run) => fixed(ratio(run.results.anthropic[`${arm}-responses`]?.addedP50Micros, run.results.anthropic[`${arm}-chat`]?.addedP50Micros))).join(' / ')})`, p50Ratio === null ? null : p50Ratio <= 1.2);
    row(`M1 added p99, Responses API, anthropic lane, ${arm}`, '≤ 1.2× chat lane', `${ms(responses.addedP99Micros)} (/v1/chat/completions ${ms(chat.addedP99Micros)}; floor-translate chat ${ms(floor?.addedP99Micros)})`, `${fixed(p99Ratio)}× chat lane`, p99Ratio === null ? null : p99Ratio <= 1.2);
  }
}
const m3resp = records['m3resp-transducer-cost'];
if (m3resp) {
  loads.push(['M3 Responses', m3resp.loadAverageBefore, m3resp.loadAverageAfter]);
  const entry = m3resp.results.anthropic;
  row(
    'M3 per upstream event, Responses API stream, anthropic (Anthropic SSE → chat chunks → Responses events)',
    '≤ 1.2× chat lane',
    `${fixed(entry.responses.microsPerEventMedian, 2)} µs/event, ${entry.responses.bytesAllocatedPerEvent} B/event (chat lane ${fixed(entry.chat.microsPerEventMedian, 2)} µs, ${entry.chat.bytesAllocatedPerEvent} B; Responses transcoder alone ${fixed(entry.responsesAlone.microsPerEventMedian, 2)} µs, ${entry.responsesAlone.bytesAllocatedPerEvent} B; JSON floor ${fixed(entry.jsonFloor.microsPerEventMedian, 2)} µs)`,
    `${fixed(entry.responsesOverChat)}× chat lane; ${fixed(entry.responsesOverJsonFloor)}× JSON floor`,
    entry.responsesOverChat <= 1.2,
  );
}
const m4resp = records['m4resp-first-chunk'];
if (m4resp) {
  loads.push(['M4 Responses', m4resp.loadAverageBefore, m4resp.loadAverageAfter]);
  for (const variant of Object.keys(m4resp.results)) {
    const cells = m4resp.results[variant].anthropic;
    for (const arm of ['express', 'serve']) {
      const chat = cells[`${arm}-chat`];
      const responses = cells[`${arm}-responses`];
      if (!chat || !responses) continue;
      // Paced: the added first chunk is mostly the wait for the paced upstream, the same for both lanes: reported.
      // Burst: the added time is the translation's, and the ratio to the chat lane is the target.
      const burstRatio = ratio(responses.addedFirstContentP50Micros, chat.addedFirstContentP50Micros);
      row(
        `M4 added first content chunk p50, Responses API, ${variant}, anthropic, ${arm}`,
        variant === 'paced' ? 'report' : '≤ 1.2× chat lane',
        `${ms(responses.addedFirstContentP50Micros)} (/v1/chat/completions ${ms(chat.addedFirstContentP50Micros)}); total stream added ${ms(responses.addedTotalP50Micros)} (chat ${ms(chat.addedTotalP50Micros)})`,
        variant === 'paced' ? '' : `${fixed(burstRatio)}× chat lane`,
        variant === 'paced' ? null : burstRatio === null ? null : burstRatio <= 1.2,
      );
    }
  }
}

// ---- bundle ----
const bundle = records['bundle-size'];
if (bundle) {
  // The budget in force when the session ran, as recorded with the size (packages/workers/scripts/bundle-budget.mjs
  // has it and its history); sessions before the record was kept ran under the 100 KiB budget.
  const budget = bundle.results.budgetBytes ?? 100 * 1024;
  row('Workers bundle, min + gzip', `≤ ${budget / 1024} KiB (measured budget)`, `${fixed(bundle.results.gzipBytes / 1024, 1)} KiB (${bundle.results.gzipBytes} B; ${fixed(bundle.results.minifiedBytes / 1000, 1)} KB minified)`, `${fixed(bundle.results.gzipBytes / budget)}× budget`, bundle.results.gzipBytes <= budget);
}

const anyRecord = Object.values(records)[0];
const sessions = [...new Set(Object.values(records).map((record) => record.session))];
const quick = Object.values(records).some((record) => record.quick === true);
console.log(`Session${sessions.length > 1 ? 's' : ''} ${sessions.map((name) => `\`${name}\``).join(', ')}, commit \`${anyRecord?.machine?.commit}\`${anyRecord?.machine?.dirty ? ' (working tree dirty)' : ''}, ${quick ? '**quick smoke run (not for publishing)**' : 'full run'}.\n`);
console.log('| metric | target | measured | ratio | verdict |');
console.log('| --- | --- | --- | --- | --- |');
for (const line of rows) console.log(line);
console.log('\n| part | 1-minute load average before | after |');
console.log('| --- | --- | --- |');
for (const [name, before, after] of loads) console.log(`| ${name} | ${before?.[0]} | ${after?.[0]} |`);

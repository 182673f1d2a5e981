#!/usr/bin/env node
// Diagnostic (not part of bench/run.mjs): what the same small step costs when the CPU has just been idle, which is
// what a c=1 request is made of. Two steps of a non-streamed Anthropic-lane reply, from the BUILT packages: the
// `JSON.stringify` of the OpenAI reply, and the reply's conversion (`JSON.parse` of the Anthropic body and
// convertAnthropicResponseToOpenAI). Each is timed alone (performance.now around one call), 300 times back to back
// and 300 times after a `setTimeout` of 1 and of 5 ms each (the process idles in between); prints the medians.
// Usage: taskset -c 1 node bench/in-process/idle-gap-cost.mjs
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const load = (pkg) => import(pathToFileURL(join(root, 'packages', pkg, 'dist', 'index.js')).href);
const { convertOpenAIRequestToAnthropic, convertAnthropicResponseToOpenAI } = await load('anthropic-mapper');
const { parseChatCompletionRequest, createDefaultEnvironment } = await load('openai-schema');
const fixture = (path) => JSON.parse(readFileSync(join(root, 'fixtures', path), 'utf8'));
const upstreamReply = JSON.stringify(fixture('anthropic/text/upstream-response.json').body);
const environment = createDefaultEnvironment();
const mapped = convertOpenAIRequestToAnthropic(parseChatCompletionRequest(fixture('anthropic/text/request.json')).value);
const convert = () => convertAnthropicResponseToOpenAI(JSON.parse(upstreamReply), { context: mapped.context, environment }).response;
const reply = convert();
const steps = { stringify: () => JSON.stringify(reply).length, convert: () => convert().id.length };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let sink = 0;
for (const step of Object.values(steps)) for (let i = 0; i < 20_000; i++) sink += step();
const result = {};
for (const [name, step] of Object.entries(steps)) {
  for (const gapMs of [0, 1, 5]) {
    const micros = [];
    for (let i = 0; i < 300; i++) {
      if (gapMs) await sleep(gapMs);
      const started = performance.now();
      sink += step();
      micros.push((performance.now() - started) * 1000);
    }
    micros.sort((a, b) => a - b);
    result[`${name}, idle ${gapMs} ms before`] = `${micros[150].toFixed(2)} µs`;
  }
}
process.stdout.write(`${JSON.stringify({ ...result, sink: sink > 0 }, null, 1)}\n`);

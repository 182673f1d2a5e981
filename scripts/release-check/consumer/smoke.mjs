// Runs inside the temporary consumer project, against the packages npm installed from the tarballs.
// Prints one line per check and writes smoke-results.json; exits non-zero when a check fails.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import express from 'express';
import { convertOpenAIRequestToAnthropic } from '@interlingua/anthropic-mapper';
import { createAnthropicToOpenAIStream } from '@interlingua/anthropic-transducer';
import { convertOpenAIRequestToGemini } from '@interlingua/gemini-mapper';
import { createGeminiToOpenAIStream } from '@interlingua/gemini-transducer';
import { defaultReplayModels } from '@interlingua/gateway';
import { createInterlinguaRouter } from '@interlingua/express';
import { createCaseEnvironment, fixturesRoot, loadFixtureCases } from '@interlingua/conformance/node';

const results = [];
async function check(name, run) {
  try {
    const detail = await run();
    results.push({ name, ok: true, detail });
    console.log(`ok   ${name}: ${detail}`);
  } catch (error) {
    results.push({ name, ok: false, detail: error instanceof Error ? error.message : String(error) });
    console.log(`FAIL ${name}: ${error instanceof Error ? error.stack : String(error)}`);
  }
}

/** `data: <json>` payloads of an OpenAI SSE text, JSON-parsed (`[DONE]` kept as the string). */
function frames(text) {
  return text
    .split('\n\n')
    .filter((frame) => frame.startsWith('data: '))
    .map((frame) => frame.slice('data: '.length))
    .map((data) => (data === '[DONE]' ? data : JSON.parse(data)));
}

async function transduce(stream, text) {
  const bytes = new TextEncoder().encode(text);
  // Feed the recording in small slices so events are split across reads, as on a network.
  const source = new ReadableStream({
    start(controller) {
      for (let offset = 0; offset < bytes.length; offset += 7) controller.enqueue(bytes.slice(offset, offset + 7));
      controller.close();
    },
  });
  return new Response(source.pipeThrough(stream)).text();
}

function findCase(provider, name) {
  const found = loadFixtureCases(fixturesRoot(), { provider }).find((fixtureCase) => fixtureCase.name === name);
  if (!found) throw new Error(`fixture ${provider}/${name} is not in the installed @interlingua/conformance`);
  return found;
}

await check('conformance fixtures ship in the tarball', () => {
  const root = fixturesRoot();
  if (!root.includes('node_modules')) throw new Error(`fixturesRoot() is ${root}, not inside node_modules`);
  const count = ['anthropic', 'gemini', 'openai-compatible'].reduce((sum, provider) => sum + loadFixtureCases(root, { provider }).length, 0);
  return `${count} cases under node_modules/@interlingua/conformance/fixtures`;
});

await check('translate one request (anthropic/text-stream)', () => {
  const fixtureCase = findCase('anthropic', 'text-stream');
  const mapped = convertOpenAIRequestToAnthropic(fixtureCase.request);
  if (!mapped.ok) throw new Error(JSON.stringify(mapped.error));
  if (!isDeepStrictEqual(mapped.upstream.body, fixtureCase.upstreamRequest.body)) throw new Error('upstream body differs from the fixture');
  return `POST ${mapped.upstream.path} ${JSON.stringify(mapped.upstream.body).length} bytes, equal to the fixture`;
});

await check('transduce one recorded Anthropic stream (anthropic/text-stream)', async () => {
  const fixtureCase = findCase('anthropic', 'text-stream');
  const mapped = convertOpenAIRequestToAnthropic(fixtureCase.request);
  const output = await transduce(createAnthropicToOpenAIStream({ context: mapped.context, environment: createCaseEnvironment(fixtureCase) }), fixtureCase.upstreamResponse.text);
  const actual = frames(output);
  if (!isDeepStrictEqual(actual, frames(fixtureCase.expectedResponse.text))) throw new Error(`chunks differ from the fixture:\n${output}`);
  return `${actual.length} frames equal to the fixture, last ${JSON.stringify(actual.at(-1))}`;
});

await check('transduce one recorded Gemini stream (gemini/google-text-stream)', async () => {
  const fixtureCase = findCase('gemini', 'google-text-stream');
  const mapped = await convertOpenAIRequestToGemini(fixtureCase.request);
  if (!mapped.ok) throw new Error(JSON.stringify(mapped.error));
  const output = await transduce(createGeminiToOpenAIStream({ context: mapped.context, environment: createCaseEnvironment(fixtureCase) }), fixtureCase.upstreamResponse.text);
  const actual = frames(output);
  if (!isDeepStrictEqual(actual, frames(fixtureCase.expectedResponse.text))) throw new Error(`chunks differ from the fixture:\n${output}`);
  return `${actual.length} frames equal to the fixture`;
});

const chatRequest = { model: 'replay/claude', messages: [{ role: 'user', content: 'Hello' }] };
const firstLine = (completion) => String(completion.choices?.[0]?.message?.content ?? '').split('\n')[0];

await check('Express router on 127.0.0.1 answers a replay request', async () => {
  const app = express();
  app.use(createInterlinguaRouter({ models: defaultReplayModels(), log: () => {} }));
  const server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  try {
    const { port } = server.address();
    const response = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(chatRequest),
    });
    const body = await response.json();
    if (response.status !== 200 || body.object !== 'chat.completion') throw new Error(`${response.status} ${JSON.stringify(body)}`);
    return `200 chat.completion, first line: ${JSON.stringify(firstLine(body))}`;
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

await check('npx interlingua --help', () => {
  const help = execFileSync('npx', ['--no-install', 'interlingua', '--help'], { encoding: 'utf8' });
  if (!help.includes('serve') || !help.includes('translate')) throw new Error(help);
  return JSON.stringify(help.split('\n')[0]);
});

await check('npx interlingua translate --to anthropic (stdin)', () => {
  const out = execFileSync('npx', ['--no-install', 'interlingua', 'translate', '--to', 'anthropic'], {
    encoding: 'utf8',
    input: JSON.stringify({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hello' }] }),
  });
  const parsed = JSON.parse(out);
  return `${Object.keys(parsed).join(', ')}`;
});

await check('Workers adapter bundles with esbuild (wrangler settings) and answers', async () => {
  // The Worker with the replay models, built the way the workers README shows (the default export carries none).
  const contents = [
    "import { createWorker } from '@interlingua/workers';",
    "import { createReplayFetch, defaultReplayModels } from '@interlingua/gateway';",
    'export default createWorker({ replayFetch: createReplayFetch(), replayModels: defaultReplayModels() });',
  ].join('\n');
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  const gzip = gzipSync(code).length;
  writeFileSync('worker.bundle.mjs', code);
  const worker = (await import(new URL('./worker.bundle.mjs', import.meta.url).href)).default;
  const response = await worker.fetch(
    new Request('http://worker.test/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...chatRequest, model: 'replay/gemini' }) }),
    {},
  );
  const body = await response.json();
  if (response.status !== 200) throw new Error(`${response.status} ${JSON.stringify(body)}`);
  results.workerBundle = { minifiedBytes: code.length, gzipBytes: gzip };
  return `${(code.length / 1024).toFixed(1)} KiB minified, ${(gzip / 1024).toFixed(1)} KiB min+gzip; bundled worker answered 200, first line: ${JSON.stringify(firstLine(body))}`;
});

writeFileSync('smoke-results.json', JSON.stringify({ checks: results, workerBundle: results.workerBundle }, null, 2));
if (results.some((result) => !result.ok)) process.exitCode = 1;

#!/usr/bin/env node
// Runs the Open Responses compliance suite (the `compliance-tests` module of github.com/openresponses/openresponses,
// `bin/compliance-test.ts`, run with Bun) against `interlingua serve` on 127.0.0.1, and saves its JSON reports (not run
// in CI: it needs a checkout of that repository and fetches Bun from npm).
//
//   node scripts/conformance/run-open-responses-suite.mjs --suite ../openresponses
//   node scripts/conformance/run-open-responses-suite.mjs --suite ../openresponses --bun /path/to/bun --date 2026-12-06
//
// --suite <dir>   a checkout of openresponses/openresponses with its dependencies installed (`bun install`; the suite
//                 needs `zod` and the kubb-generated schemas in src/generated/kubb, which the repository commits and
//                 `bun run generate:zod` regenerates). Nothing of the suite is copied into this repository.
// --bun <cmd>     the Bun binary (default: `npx -y bun@1.4.5`, so Bun stays out of this project's dependencies).
// --date <day>    the results folder name (default: today, UTC): scripts/conformance/results/open-responses/<day>/.
// --lane <name>   only one lane: `replay` or `mock` (default: both).
//
// Two lanes, each a fresh `interlingua serve` (packages/cli/dist/bin.js: build it first with
// `npx -y pnpm@10.34.9 --filter @interlingua/cli... build` when the sources changed):
// 1. replay: no upstream key, so the offline replay models `replay/claude` and `replay/gemini` answer from the
//    recorded provider traffic embedded in the gateway.
// 2. mock: real model names (`claude-sonnet-4-5`, `gemini-3-pro-preview`) routed by the gateway's config to a mock
//    upstream started here on 127.0.0.1. The mock speaks the providers' wire formats (Anthropic Messages API
//    `POST /v1/messages`, Gemini API `:generateContent` / `:streamGenerateContent?alt=sse`), checks the requests the way
//    the providers document their 400s (auth header, roles, block and part types, a tool_result answering the previous
//    turn's tool_use, Gemini 3's thought signature on the current turn's function calls) and answers a tool call when
//    tools are offered and text otherwise. Its refusals are saved with the report, so a mapping the provider would
//    reject shows up as a failure, not as a pass.
// For each model the suite runs exactly as its README says (`bun run bin/compliance-test.ts --base-url … --api-key …
// --model … --json`), then once more for its two optional tests (`--filter file-search,offline-web-search` with
// `--file-search-vector-store-id` and `--enable-offline-web-search`), which the plain run skips.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const cliBin = join(root, 'packages', 'cli', 'dist', 'bin.js');

function option(name) {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

const suiteArg = option('--suite');
if (!suiteArg) {
  console.error('usage: node scripts/conformance/run-open-responses-suite.mjs --suite <checkout of openresponses> [--bun <cmd>] [--date <day>] [--lane replay|mock]');
  process.exit(2);
}
const suite = resolve(suiteArg);
const bunCommand = option('--bun') ? [option('--bun')] : ['npx', '-y', 'bun@1.4.5'];
const day = option('--date') ?? new Date().toISOString().slice(0, 10);
const onlyLane = option('--lane');
const resultsDir = join(here, 'results', 'open-responses', day);

const MOCK_KEYS = { anthropic: 'mock-anthropic-key', gemini: 'mock-gemini-key' };
const LANES = [
  { lane: 'replay', models: ['replay/claude', 'replay/gemini'] },
  { lane: 'mock', models: ['claude-sonnet-4-5', 'gemini-3-pro-preview'] },
].filter((l) => !onlyLane || l.lane === onlyLane);

// ---------------------------------------------------------------------------------------------------------------
// The suite checkout: where it is, which version.

function suiteVersion() {
  const git = spawnSync('git', ['-C', suite, 'rev-parse', 'HEAD'], { encoding: 'utf8' });
  if (git.status === 0) return { kind: 'git', commit: git.stdout.trim() };
  const provenance = join(suite, 'PROVENANCE.json');
  if (existsSync(provenance)) return { kind: 'provenance', ...JSON.parse(readFileSync(provenance, 'utf8')) };
  return { kind: 'unknown' };
}

function checkSuite() {
  const needed = ['bin/compliance-test.ts', 'src/lib/compliance-tests.ts', 'src/lib/sse-parser.ts', 'src/generated/kubb/zod/responseResourceSchema.ts'];
  const missing = needed.filter((path) => !existsSync(join(suite, path)));
  if (missing.length) throw new Error(`${suite} is not a usable openresponses checkout: missing ${missing.join(', ')} (run \`bun run generate:zod\` there for the generated schemas)`);
  if (!existsSync(join(suite, 'node_modules', 'zod'))) throw new Error(`${suite}/node_modules/zod is missing: run \`bun install\` (or \`npm install\`) in the checkout first`);
  if (!existsSync(cliBin)) throw new Error(`${cliBin} is missing: build it with \`npx -y pnpm@10.34.9 --filter @interlingua/cli... build\``);
}

// ---------------------------------------------------------------------------------------------------------------
// The mock upstream (Anthropic Messages API and Gemini API wire formats).

const ANTHROPIC_USER_BLOCKS = new Set(['text', 'image', 'document', 'tool_result', 'search_result']);
const ANTHROPIC_ASSISTANT_BLOCKS = new Set(['text', 'tool_use', 'thinking', 'redacted_thinking', 'server_tool_use', 'web_search_tool_result']);
const GEMINI_PART_KEYS = new Set(['text', 'inlineData', 'fileData', 'functionCall', 'functionResponse', 'thought', 'thoughtSignature', 'executableCode', 'codeExecutionResult', 'videoMetadata']);
const FORECAST = 'The weather in San Francisco is 64 degrees and clear.';
const TOOL_ARGS = { location: 'San Francisco, CA' };

class Refusal extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function lastUserText(texts) {
  const text = texts.filter((t) => typeof t === 'string' && t !== '').at(-1) ?? '';
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function chunkText(text) {
  const words = text.split(/(?<= )/);
  const third = Math.max(1, Math.ceil(words.length / 3));
  return [words.slice(0, third).join(''), words.slice(third, 2 * third).join(''), words.slice(2 * third).join('')].filter(Boolean);
}

/** Anthropic: checks a Messages request the way the API documents its 400s; returns the reply content blocks. */
function answerAnthropic(request, headers, issued) {
  if (headers['x-api-key'] !== MOCK_KEYS.anthropic) throw new Refusal(401, 'invalid x-api-key');
  if (!headers['anthropic-version']) throw new Refusal(400, 'anthropic-version: header is required');
  if (typeof request.model !== 'string' || request.model === '') throw new Refusal(400, 'model: Field required');
  if (!Number.isInteger(request.max_tokens) || request.max_tokens < 1) throw new Refusal(400, 'max_tokens: Field required (a positive integer)');
  if (!Array.isArray(request.messages) || request.messages.length === 0) throw new Refusal(400, 'messages: at least one message is required');
  const texts = [];
  let previousToolUses = [];
  request.messages.forEach((message, i) => {
    if (message.role !== 'user' && message.role !== 'assistant') throw new Refusal(400, `messages.${i}.role: Input should be 'user' or 'assistant'`);
    const blocks = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
    if (!Array.isArray(blocks)) throw new Refusal(400, `messages.${i}.content: Input should be a valid list`);
    const allowed = message.role === 'user' ? ANTHROPIC_USER_BLOCKS : ANTHROPIC_ASSISTANT_BLOCKS;
    const answered = new Set();
    blocks.forEach((block, j) => {
      if (!allowed.has(block?.type)) throw new Refusal(400, `messages.${i}.content.${j}.type: '${block?.type}' is not a valid ${message.role} content block`);
      if ((block.type === 'image' || block.type === 'document') && (typeof block.source !== 'object' || block.source === null)) {
        throw new Refusal(400, `messages.${i}.content.${j}.source: Field required`);
      }
      if (block.type === 'image' && block.source.type === 'base64' && !/^image\/(jpeg|png|gif|webp)$/.test(block.source.media_type ?? '')) {
        throw new Refusal(400, `messages.${i}.content.${j}.source.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'`);
      }
      if (block.type === 'tool_result') {
        if (!previousToolUses.includes(block.tool_use_id)) {
          throw new Refusal(400, `messages.${i}.content.${j}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${block.tool_use_id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`);
        }
        answered.add(block.tool_use_id);
      }
      if (block.type === 'text') texts.push(block.text);
    });
    if (message.role === 'user' && previousToolUses.some((id) => !answered.has(id))) {
      throw new Refusal(400, `messages.${i}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${previousToolUses.filter((id) => !answered.has(id)).join(', ')}`);
    }
    previousToolUses = message.role === 'assistant' ? blocks.filter((b) => b.type === 'tool_use').map((b) => b.id) : [];
    if (message.role === 'assistant' && request.thinking?.type === 'enabled' && previousToolUses.length && blocks[0]?.type !== 'thinking' && blocks[0]?.type !== 'redacted_thinking') {
      throw new Refusal(400, `messages.${i}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${blocks[0]?.type}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block.`);
    }
    if (message.role === 'assistant') {
      for (const block of blocks) if (block.type === 'thinking' && !issued.has(block.signature)) throw new Refusal(400, `messages.${i}: Invalid \`signature\` in \`thinking\` block`);
    }
  });
  const last = request.messages.at(-1);
  const answeredTool = Array.isArray(last.content) && last.content.some((b) => b.type === 'tool_result');
  const tools = Array.isArray(request.tools) ? request.tools.filter((t) => typeof t.name === 'string' && t.input_schema) : [];
  const blocks = [];
  if (request.thinking?.type === 'enabled' || request.thinking?.type === 'adaptive') {
    const signature = Buffer.from(`mock-anthropic-signature-${issued.size}`).toString('base64');
    issued.add(signature);
    blocks.push({ type: 'thinking', thinking: 'The user asked something; answer briefly.', signature });
  }
  if (!answeredTool && tools.length && request.tool_choice?.type !== 'none') {
    const name = request.tool_choice?.type === 'tool' ? request.tool_choice.name : tools[0].name;
    blocks.push({ type: 'tool_use', id: `toolu_mock${String(issued.size).padStart(4, '0')}${Date.now().toString(36)}`, name, input: TOOL_ARGS });
    return { blocks, stopReason: 'tool_use' };
  }
  blocks.push({ type: 'text', text: answeredTool ? FORECAST : `Mock Claude reply to: ${lastUserText(texts)}` });
  return { blocks, stopReason: 'end_turn' };
}

function anthropicReply(request, answer, id) {
  const usage = { input_tokens: Math.ceil(JSON.stringify(request.messages).length / 4), output_tokens: 12, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  return { id, type: 'message', role: 'assistant', model: request.model, content: answer.blocks, stop_reason: answer.stopReason, stop_sequence: null, usage };
}

function anthropicStream(reply) {
  const frames = [];
  const send = (event, data) => frames.push(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);
  send('message_start', { message: { ...reply, content: [], stop_reason: null, usage: { ...reply.usage, output_tokens: 1 } } });
  send('ping', {});
  reply.content.forEach((block, index) => {
    if (block.type === 'text') {
      send('content_block_start', { index, content_block: { type: 'text', text: '' } });
      for (const text of chunkText(block.text)) send('content_block_delta', { index, delta: { type: 'text_delta', text } });
    } else if (block.type === 'thinking') {
      send('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } });
      send('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: block.thinking } });
      send('content_block_delta', { index, delta: { type: 'signature_delta', signature: block.signature } });
    } else if (block.type === 'tool_use') {
      send('content_block_start', { index, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } });
      const json = JSON.stringify(block.input);
      for (const partial_json of [json.slice(0, 9), json.slice(9)]) send('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json } });
    }
    send('content_block_stop', { index });
  });
  send('message_delta', { delta: { stop_reason: reply.stop_reason, stop_sequence: null }, usage: { output_tokens: reply.usage.output_tokens } });
  send('message_stop', {});
  return frames;
}

/** Gemini: checks a generateContent request (v1beta) the way the API documents its 400s; returns the reply parts. */
function answerGemini(request, headers, url, model, issued) {
  if (headers['x-goog-api-key'] !== MOCK_KEYS.gemini && url.searchParams.get('key') !== MOCK_KEYS.gemini) {
    throw new Refusal(400, 'API key not valid. Please pass a valid API key.');
  }
  if (!Array.isArray(request.contents) || request.contents.length === 0) throw new Refusal(400, '* GenerateContentRequest.contents: contents is not specified');
  const gemini3 = /^gemini-3/.test(model);
  // The current turn starts after the last user content that is not only function responses.
  let currentTurn = 0;
  request.contents.forEach((content, i) => {
    if (content.role === 'user' && content.parts?.some((p) => p.functionResponse === undefined)) currentTurn = i;
  });
  const texts = [];
  request.contents.forEach((content, i) => {
    if (content.role !== 'user' && content.role !== 'model') throw new Refusal(400, `* GenerateContentRequest.contents[${i}].role: Please use a valid role: user, model.`);
    if (!Array.isArray(content.parts) || content.parts.length === 0) throw new Refusal(400, `* GenerateContentRequest.contents[${i}].parts: contents.parts must not be empty.`);
    content.parts.forEach((part, j) => {
      const keys = Object.keys(part);
      const unknown = keys.find((k) => !GEMINI_PART_KEYS.has(k));
      if (unknown) throw new Refusal(400, `Invalid JSON payload received. Unknown name "${unknown}" at 'contents[${i}].parts[${j}]': Cannot find field.`);
      if (part.inlineData && (typeof part.inlineData.mimeType !== 'string' || typeof part.inlineData.data !== 'string')) {
        throw new Refusal(400, `* GenerateContentRequest.contents[${i}].parts[${j}].inline_data: mime_type and data are required`);
      }
      if (part.functionCall && gemini3 && i > currentTurn && !issued.has(part.thoughtSignature)) {
        throw new Refusal(400, `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call \`default_api:${part.functionCall.name}\` , position ${j + 1}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.`);
      }
      if (typeof part.text === 'string' && content.role === 'user') texts.push(part.text);
    });
  });
  const last = request.contents.at(-1);
  const answeredTool = last.parts.some((p) => p.functionResponse);
  const declarations = (request.tools ?? []).flatMap((t) => t.functionDeclarations ?? []);
  const mode = request.toolConfig?.functionCallingConfig?.mode;
  const signature = () => {
    const value = Buffer.from(`mock-gemini-signature-${issued.size}`).toString('base64');
    issued.add(value);
    return value;
  };
  if (!answeredTool && declarations.length && mode !== 'NONE') {
    const name = request.toolConfig?.functionCallingConfig?.allowedFunctionNames?.[0] ?? declarations[0].name;
    return [{ functionCall: { name, args: TOOL_ARGS }, ...(gemini3 ? { thoughtSignature: signature() } : {}) }];
  }
  const parts = [];
  if (request.generationConfig?.thinkingConfig?.includeThoughts) parts.push({ text: 'Thinking about a short answer.', thought: true });
  parts.push({ text: answeredTool ? FORECAST : `Mock Gemini reply to: ${lastUserText(texts)}`, ...(gemini3 ? { thoughtSignature: signature() } : {}) });
  return parts;
}

function geminiReply(request, parts, model, id) {
  const promptTokenCount = Math.ceil(JSON.stringify(request.contents).length / 4);
  const usageMetadata = { promptTokenCount, candidatesTokenCount: 12, totalTokenCount: promptTokenCount + 12 + (/^gemini-3/.test(model) ? 20 : 0), ...(/^gemini-3/.test(model) ? { thoughtsTokenCount: 20 } : {}) };
  return { candidates: [{ content: { parts, role: 'model' }, finishReason: 'STOP', index: 0 }], usageMetadata, modelVersion: model, responseId: id };
}

function geminiStreamChunks(reply) {
  const [candidate] = reply.candidates;
  const chunks = [];
  for (const part of candidate.content.parts) {
    if (typeof part.text === 'string' && !part.thought) {
      const pieces = chunkText(part.text);
      pieces.forEach((text, i) => {
        const last = i === pieces.length - 1;
        chunks.push({ content: { parts: [{ text, ...(last && part.thoughtSignature ? { thoughtSignature: part.thoughtSignature } : {}) }], role: 'model' } });
      });
    } else chunks.push({ content: { parts: [part], role: 'model' } });
  }
  return chunks.map((c, i) => {
    const final = i === chunks.length - 1;
    return { candidates: [{ ...c, ...(final ? { finishReason: 'STOP' } : {}), index: 0 }], usageMetadata: reply.usageMetadata, modelVersion: reply.modelVersion, responseId: reply.responseId };
  });
}

async function startMockUpstream() {
  const calls = [];
  const issued = { anthropic: new Set(), gemini: new Set() };
  let counter = 0;
  const server = createHttpServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const url = new URL(req.url, 'http://127.0.0.1');
    const call = { method: req.method, path: url.pathname, stream: false, status: 200 };
    calls.push(call);
    const id = `mock${String(++counter).padStart(5, '0')}`;
    const sendJson = (status, body) => {
      call.status = status;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const sendFrames = async (frames) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      for (const frame of frames) {
        res.write(frame);
        await new Promise((r) => setTimeout(r, 5));
      }
      res.end();
    };
    let request;
    try {
      request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      request = undefined;
    }
    try {
      if (req.method === 'POST' && url.pathname === '/v1/messages') {
        call.provider = 'anthropic';
        call.model = request?.model;
        call.stream = request?.stream === true;
        if (!request) throw new Refusal(400, 'The request body is not valid JSON.');
        const reply = anthropicReply(request, answerAnthropic(request, req.headers, issued.anthropic), `msg_${id}`);
        if (call.stream) await sendFrames(anthropicStream(reply));
        else sendJson(200, reply);
        return;
      }
      const gemini = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent)$/.exec(url.pathname);
      if (req.method === 'POST' && gemini) {
        call.provider = 'gemini';
        call.model = gemini[1];
        call.stream = gemini[2] === 'streamGenerateContent';
        if (!request) throw new Refusal(400, 'Invalid JSON payload received.');
        const reply = geminiReply(request, answerGemini(request, req.headers, url, gemini[1], issued.gemini), gemini[1], id);
        if (!call.stream) sendJson(200, reply);
        else if (url.searchParams.get('alt') === 'sse') await sendFrames(geminiStreamChunks(reply).map((c) => `data: ${JSON.stringify(c)}\r\n\r\n`));
        else await sendFrames(geminiStreamChunks(reply).map((c, i, all) => `${i === 0 ? '[' : '\n,\r\n'}${JSON.stringify(c)}${i === all.length - 1 ? '\n]' : ''}`));
        return;
      }
      call.refused = `no such route: ${req.method} ${url.pathname}`;
      sendJson(404, { error: { code: 404, message: call.refused, status: 'NOT_FOUND' } });
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      call.refused = error.message;
      if (call.provider === 'anthropic') sendJson(error.status, { type: 'error', error: { type: error.status === 401 ? 'authentication_error' : 'invalid_request_error', message: error.message } });
      else sendJson(error.status, { error: { code: error.status, message: error.message, status: 'INVALID_ARGUMENT' } });
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    take: () => calls.splice(0, calls.length),
    close: () => new Promise((r) => server.close(r)),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The gateway and the suite.

async function freePort() {
  const server = createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

async function startGateway(lane, mock, work) {
  const port = await freePort();
  const args = [cliBin, 'serve', '--host', '127.0.0.1', '--port', String(port)];
  if (lane === 'mock') {
    const config = {
      upstreams: {
        anthropic: { apiKey: MOCK_KEYS.anthropic, baseUrl: mock.url },
        gemini: { apiKey: MOCK_KEYS.gemini, baseUrl: mock.url },
      },
    };
    const file = join(work, 'gateway-mock.json');
    writeFileSync(file, JSON.stringify(config, null, 2));
    args.push('--config', file);
  }
  // No provider key or base URL from the caller's environment: the replay lane must see none, the mock lane only the mock.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(ANTHROPIC|GEMINI|GOOGLE|OPENAI|VERTEX)_|^INTERLINGUA_/.test(k)));
  const log = join(work, `gateway-${lane}.log`);
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  child.stdout.on('data', (d) => lines.push(d));
  child.stderr.on('data', (d) => lines.push(d));
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`interlingua serve exited with ${child.exitCode}: ${Buffer.concat(lines).toString()}`);
    try {
      const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`${base}/healthz did not answer within 30 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    command: `node packages/cli/dist/bin.js ${args.slice(1).join(' ').replace(join(work, 'gateway-mock.json'), 'gateway-mock.json')}`,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      writeFileSync(log, Buffer.concat(lines));
    },
  };
}

/** Runs the suite with Bun, asynchronously: the mock upstream answers from this same process meanwhile. */
async function runSuite(base, model, extra) {
  const args = ['run', 'bin/compliance-test.ts', '--base-url', `${base}/v1`, '--api-key', 'unused', '--model', model, ...extra, '--json'];
  const [command, ...prefix] = bunCommand;
  const child = spawn(command, [...prefix, ...args], { cwd: suite, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = [];
  const err = [];
  child.stdout.on('data', (d) => out.push(d));
  child.stderr.on('data', (d) => err.push(d));
  const timer = setTimeout(() => child.kill('SIGTERM'), 300_000);
  const exitCode = await new Promise((r) => child.once('close', r));
  clearTimeout(timer);
  const stdout = Buffer.concat(out).toString('utf8');
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    throw new Error(`the suite printed no JSON report (exit ${exitCode}): ${Buffer.concat(err).toString('utf8') || stdout}`);
  }
  return { command: `bun ${args.join(' ').replace(base, 'http://127.0.0.1:<port>')}`, exitCode, report };
}

async function main() {
  checkSuite();
  const version = suiteVersion();
  const gatewayCommit = spawnSync('git', ['-C', root, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
  const bunVersion = spawnSync(bunCommand[0], [...bunCommand.slice(1), '--version'], { encoding: 'utf8' }).stdout.trim();
  mkdirSync(resultsDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'open-responses-suite-'));
  const mock = await startMockUpstream();
  const rows = [];
  try {
    for (const { lane, models } of LANES) {
      const gateway = await startGateway(lane, mock, work);
      try {
        for (const model of models) {
          for (const pass of ['readme', 'optional']) {
            const extra = pass === 'readme' ? [] : ['--filter', 'file-search,offline-web-search', '--file-search-vector-store-id', 'vs_open_responses_suite', '--enable-offline-web-search'];
            mock.take();
            const run = await runSuite(gateway.base, model, extra);
            const upstreamCalls = mock.take();
            const name = `${lane}-${model.replace(/[^a-z0-9.-]+/gi, '-')}${pass === 'optional' ? '-optional' : ''}.json`;
            const record = {
              suite: { repository: 'github.com/openresponses/openresponses', ...version },
              bun: bunVersion,
              gateway: { commit: gatewayCommit, lane, command: gateway.command, model, upstream: lane === 'mock' ? 'mock upstream on 127.0.0.1 (see scripts/conformance/run-open-responses-suite.mjs)' : 'embedded replay recordings' },
              command: run.command,
              exitCode: run.exitCode,
              upstreamCalls,
              report: run.report,
            };
            writeFileSync(join(resultsDir, name), `${JSON.stringify(record, null, 2)}\n`);
            const { summary, results } = run.report;
            rows.push({ lane, model, pass, ...summary, failed_ids: results.filter((r) => r.status === 'failed').map((r) => r.id), file: name });
          }
        }
      } finally {
        await gateway.stop();
      }
    }
  } finally {
    await mock.close();
  }
  const summary = { day, suite: version, bun: bunVersion, gatewayCommit, rows };
  writeFileSync(join(resultsDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`\nOpen Responses compliance suite (${version.kind === 'git' ? version.commit : JSON.stringify(version.files ?? version)}) — Bun ${bunVersion}`);
  console.log('| lane | model | run | passed | failed | skipped | total | failed tests |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.lane} | ${r.model} | ${r.pass} | ${r.passed} | ${r.failed} | ${r.skipped} | ${r.total} | ${r.failed_ids.join(', ') || '—'} |`);
  console.log(`\nreports: ${resultsDir}\ngateway logs: ${work}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

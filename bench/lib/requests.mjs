// The request every arm gets in each lane, built from the fixtures. The direct arm sends the provider-native request
// (the fixture's upstream-request.json); the gateways get the OpenAI request (the fixture's request.json) with the
// headers each one needs. The pass-through floor forwards the native request unchanged.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from './processes.mjs';

const fixture = (path) => JSON.parse(readFileSync(join(repositoryRoot, 'fixtures', path), 'utf8'));

const anthropicOpenAI = fixture('anthropic/text/request.json');
const anthropicNative = fixture('anthropic/text/upstream-request.json');
const geminiOpenAI = fixture('gemini/js-genai-text/request.json');
const geminiNative = fixture('gemini/js-genai-text/upstream-request.json');
const openaiRequest = { ...anthropicOpenAI, model: 'gpt-4o-mini' };

export const LANES = ['openai', 'anthropic', 'gemini'];

const json = { 'content-type': 'application/json' };

/** {path, headers, body} for an arm in a lane; `stream` asks for SSE. */
export function requestFor(armName, lane, { stream = false, mockUrl } = {}) {
  const native = armName === 'direct' || armName === 'floor-pass';
  if (lane === 'openai') {
    const body = stream ? { ...openaiRequest, stream: true } : openaiRequest;
    return { path: '/v1/chat/completions', headers: { ...json, authorization: 'Bearer bench-key', ...portkeyHeaders(armName, 'openai', mockUrl) }, body: JSON.stringify(body) };
  }
  if (lane === 'anthropic') {
    if (native) {
      const body = stream ? { ...anthropicNative.body, stream: true } : anthropicNative.body;
      return { path: anthropicNative.path, headers: { ...anthropicNative.headers, 'x-api-key': 'bench-key' }, body: JSON.stringify(body) };
    }
    const body = stream ? { ...anthropicOpenAI, stream: true } : anthropicOpenAI;
    return { path: '/v1/chat/completions', headers: { ...json, authorization: 'Bearer bench-key', ...portkeyHeaders(armName, 'anthropic', mockUrl) }, body: JSON.stringify(body) };
  }
  if (lane === 'gemini') {
    if (native) {
      const path = stream ? geminiNative.path.replace(':generateContent', ':streamGenerateContent?alt=sse') : geminiNative.path;
      return { path, headers: { ...geminiNative.headers, 'x-goog-api-key': 'bench-key' }, body: JSON.stringify(geminiNative.body) };
    }
    const body = stream ? { ...geminiOpenAI, stream: true } : geminiOpenAI;
    return { path: '/v1/chat/completions', headers: { ...json, authorization: 'Bearer bench-key', ...portkeyHeaders(armName, 'google', mockUrl) }, body: JSON.stringify(body) };
  }
  throw new Error(`unknown lane ${lane}`);
}

function portkeyHeaders(armName, provider, mockUrl) {
  if (armName !== 'portkey') return {};
  const host = provider === 'google' ? mockUrl : `${mockUrl}/v1`;
  return { 'x-portkey-provider': provider, 'x-portkey-custom-host': host };
}

/**
 * Recognises a frame that carries content, per wire format: OpenAI chunks with a non-empty delta.content, Anthropic
 * text_delta events, Gemini events with a non-empty text part.
 */
export function contentPattern(armName, lane) {
  const native = armName === 'direct' || armName === 'floor-pass';
  if (!native || lane === 'openai') return /"content":"[^"]/;
  if (lane === 'anthropic') return /"type":"text_delta","text":"[^"]/;
  return /"text":"[^"]/;
}

// ---- the 64 KiB lane and the Responses lanes (M1 body size, M1/M4 Responses) -------------------------------------

const FILLER_WORDS = 'the a model request context window earlier turn said reply token stream gateway upstream client question answer about which when large long message document section paragraph summary detail'.split(' ');

/** Deterministic English-like filler of exactly `length` ASCII characters (no JSON escapes). */
function fillerText(length, seed) {
  let state = seed >>> 0;
  let text = '';
  while (text.length < length) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    text += `${FILLER_WORDS[state % FILLER_WORDS.length]} `;
  }
  return text.slice(0, length);
}

/**
 * The openai lane's request grown to exactly `bytes` bytes of JSON, the way a large context grows: earlier turns
 * (alternating user/assistant, about 1 KiB of text each) before the fixture's own last user message.
 */
export function largeOpenAIBody(bytes) {
  const tail = openaiRequest.messages;
  const turns = [];
  const size = (messages) => Buffer.byteLength(JSON.stringify({ ...openaiRequest, messages: [...messages, ...tail] }));
  while (size([...turns, { role: 'user', content: fillerText(1024, 1) }]) < bytes - 1100) {
    turns.push({ role: turns.length % 2 ? 'assistant' : 'user', content: fillerText(1024, turns.length + 1) });
  }
  const last = { role: turns.length % 2 ? 'assistant' : 'user', content: '' };
  const missing = bytes - size([...turns, last]);
  if (missing < 0) throw new Error(`cannot build a ${bytes}-byte body`);
  last.content = fillerText(missing, turns.length + 1);
  const body = JSON.stringify({ ...openaiRequest, messages: [...turns, last, ...tail] });
  if (Buffer.byteLength(body) !== bytes) throw new Error(`built ${Buffer.byteLength(body)} bytes, wanted ${bytes}`);
  return body;
}

/** The openai lane's request (every arm sends the same OpenAI body to /v1/chat/completions), with `body` instead. */
export function openaiRequestWithBody(armName, body, mockUrl) {
  return { path: '/v1/chat/completions', headers: { ...json, authorization: 'Bearer bench-key', ...portkeyHeaders(armName, 'openai', mockUrl) }, body };
}

const responsesRequest = fixture('responses/anthropic/text/request.json');

/**
 * The Anthropic lane's question asked through OpenAI's Responses API (fixtures/responses/anthropic/text: the same
 * upstream request as fixtures/anthropic/text, so the mock's reply is the same), with `store: false` so the
 * gateway's in-memory response store is not filled (the Responses API's default is `store: true`).
 */
export function responsesRequestFor({ stream = false } = {}) {
  const body = { ...responsesRequest, store: false, ...(stream ? { stream: true } : {}) };
  return { path: '/v1/responses', headers: { ...json, authorization: 'Bearer bench-key' }, body: JSON.stringify(body) };
}

/** A Responses stream frame that carries content: a `response.output_text.delta` event with a non-empty delta. */
export const responsesContentPattern = /"type":"response\.output_text\.delta"[\s\S]*"delta":"[^"]/;

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

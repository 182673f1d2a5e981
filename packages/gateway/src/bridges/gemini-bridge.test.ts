import { createFixedEnvironment, type ChatCompletionRequest } from '@interlingua/openai-schema';
import { describe, expect, it } from 'vitest';
import { geminiBridge } from './gemini-bridge.js';

const request = (extra: Record<string, unknown> = {}) =>
  ({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: 'https://example.com/cat.png' }] }], ...extra }) as unknown as ChatCompletionRequest;

describe('the Gemini bridge', () => {
  it('sends https media as fileData with no resolver, and honours an operator catalog override (urlMedia false → the resolver)', async () => {
    const plain = await geminiBridge.mapRequest(request(), { strict: false });
    expect(plain.ok && (plain.upstream.body as { contents: unknown[] }).contents).toEqual([
      { role: 'user', parts: [{ fileData: { mimeType: 'image/png', fileUri: 'https://example.com/cat.png' } }] },
    ]);
    const catalog = { entries: [{ family: 'gemini-2.5-flash', capabilities: { urlMedia: false } }] };
    const bytes = await geminiBridge.mapRequest(request(), { strict: false, catalog, resolveMedia: async () => ({ mimeType: 'image/png', data: 'AAAA' }) });
    expect(bytes.ok && (bytes.upstream.body as { contents: { parts: unknown[] }[] }).contents[0]!.parts).toEqual([{ inlineData: { mimeType: 'image/png', data: 'AAAA' } }]);
    const exact = await geminiBridge.mapRequest(request(), { strict: false, capabilities: { urlMedia: false } });
    expect(!exact.ok && exact.error.status).toBe(400);
  });

  it('an invalid override is a 500 naming the configuration, not a 400 for the client', async () => {
    const result = await geminiBridge.mapRequest(request(), { strict: false, catalog: { entries: [{ family: 'x', capabilities: { urlMedias: true } }] } });
    expect(!result.ok && result.error).toMatchObject({ status: 500, body: { error: { code: 'invalid_gateway_config' } } });
    const capabilities = await geminiBridge.mapRequest(request(), { strict: false, capabilities: { thinking: 'lots' } });
    expect(!capabilities.ok && capabilities.error.status).toBe(500);
  });

  it('the transcoder reports the stream’s lossy steps in warnings', () => {
    const transcoder = geminiBridge.createTranscoder(
      { model: 'gemini-2.5-flash', includeUsage: false, toolNames: {} },
      createFixedEnvironment({ ids: { chatcmpl: ['chatcmpl-1'] } }),
      { maxEventBytes: 1 << 20 },
    );
    transcoder.push(new TextEncoder().encode('data: {"candidates":[{"content":{"role":"model","parts":[{"text":"x"}]},"finishReason":"MALFORMED_FUNCTION_CALL"}]}\r\n\r\n'));
    transcoder.end();
    expect(transcoder.warnings?.map((warning) => warning.code)).toEqual(['finish_reason_mapped']);
  });

  it('knows the catalog’s models and aliases, with the operator’s additions', () => {
    expect(geminiBridge.knownModels?.(undefined)).toEqual(expect.arrayContaining(['gemini-2.5-flash', 'gemini-3.1-pro-preview', 'gemini-4-neon', 'gemini-flash-latest']));
    expect(geminiBridge.knownModels?.({ entries: [{ family: 'gemini-5-flash', match: { lines: ['gemini-flash'], from: '5' }, models: ['gemini-5-flash'] }] })).toContain('gemini-5-flash');
  });
});

import type { TranslationWarning } from '@interlingua/openai-schema';
import { describe, expect, it } from 'vitest';
import { convertOpenAIContentPartToGemini, type GeminiMediaPolicy } from './convert-openai-content-part-to-gemini.js';
import { convertOpenAIRequestToGemini } from './convert-openai-request-to-gemini.js';

/**
 * Media by URL, per "Increased file size limits and expanded inputs support in Gemini API" (January 2026: the Gemini
 * API fetches public and signed https URLs itself, passed as `fileData.fileUri`) and the media-resolution guide
 * (per-part `mediaResolution` on Gemini 3 and later).
 */
const urlCapable: GeminiMediaPolicy = { urlMedia: true, partMediaResolution: true };
const bytesOnly: GeminiMediaPolicy = { urlMedia: false, partMediaResolution: false };

async function convert(part: unknown, media: GeminiMediaPolicy, resolveMedia?: (url: string) => Promise<{ mimeType: string; data: string }>) {
  const warnings: TranslationWarning[] = [];
  const converted = await convertOpenAIContentPartToGemini(part, 'messages[0].content[0]', { media, warnings, ...(resolveMedia ? { resolveMedia } : {}) });
  return { part: converted, warnings };
}

describe('media given by URL', () => {
  it('https image_url (object or bare string) → fileData with the MIME type of the extension; the query is not read', async () => {
    expect((await convert({ type: 'image_url', image_url: { url: 'https://example.com/cat.PNG?x=1' } }, urlCapable)).part).toEqual({
      fileData: { mimeType: 'image/png', fileUri: 'https://example.com/cat.PNG?x=1' },
    });
    expect((await convert({ type: 'image_url', image_url: 'https://cdn.example.com/a/b.webp' }, urlCapable)).part).toEqual({
      fileData: { mimeType: 'image/webp', fileUri: 'https://cdn.example.com/a/b.webp' },
    });
  });

  it('without a known extension the MIME type is left out (FileData.mimeType is optional in v1beta): Gemini reads the fetched type', async () => {
    const url = 'https://pbs.twimg.com/media/GBEB1CbbIAAC28o?format=jpg&name=small';
    expect((await convert({ type: 'image_url', image_url: url }, urlCapable)).part).toEqual({ fileData: { fileUri: url } });
  });

  it('http:// URLs, and every URL for a model without URL media, go through the resolver', async () => {
    const resolveMedia = async (url: string) => ({ mimeType: url.endsWith('.jpg') ? 'image/jpeg' : 'image/png', data: 'AAAA' });
    expect((await convert({ type: 'image_url', image_url: 'http://example.com/a.jpg' }, urlCapable, resolveMedia)).part).toEqual({ inlineData: { mimeType: 'image/jpeg', data: 'AAAA' } });
    expect((await convert({ type: 'image_url', image_url: 'https://example.com/a.png' }, bytesOnly, resolveMedia)).part).toEqual({ inlineData: { mimeType: 'image/png', data: 'AAAA' } });
    await expect(convert({ type: 'image_url', image_url: 'http://example.com/a.jpg' }, urlCapable)).rejects.toMatchObject({ code: 'media_resolver_required', param: 'messages[0].content[0].image_url' });
  });

  it('file URLs (file_id or file_data as an https URL) → fileData, the type from the URL or the filename; unsupported types are a 400', async () => {
    expect((await convert({ type: 'file', file: { file_id: 'https://example.com/report.pdf' } }, urlCapable)).part).toEqual({
      fileData: { mimeType: 'application/pdf', fileUri: 'https://example.com/report.pdf' },
    });
    expect((await convert({ type: 'file', file: { file_data: 'https://example.com/download?id=7', filename: 'talk.mp3' } }, urlCapable)).part).toEqual({
      fileData: { mimeType: 'audio/mp3', fileUri: 'https://example.com/download?id=7' },
    });
    await expect(convert({ type: 'file', file: { file_id: 'https://example.com/scan.tiff', filename: 'scan.tiff' } }, urlCapable)).resolves.toMatchObject({ part: { fileData: { fileUri: 'https://example.com/scan.tiff' } } });
    await expect(convert({ type: 'file', file: { file_id: 'https://example.com/a.gif' } }, bytesOnly, async () => ({ mimeType: 'image/gif', data: 'R0lG' }))).rejects.toMatchObject({ code: 'unsupported_media_type' });
  });

  it('image_url.detail → the part’s mediaResolution where the model has it, else dropped with a warning', async () => {
    const high = await convert({ type: 'image_url', image_url: { url: 'data:image/png;base64,iVBO', detail: 'high' } }, urlCapable);
    expect(high).toEqual({ part: { inlineData: { mimeType: 'image/png', data: 'iVBO' }, mediaResolution: { level: 'MEDIA_RESOLUTION_HIGH' } }, warnings: [] });
    const low = await convert({ type: 'image_url', image_url: { url: 'https://example.com/a.jpg', detail: 'low' } }, urlCapable);
    expect(low.part).toEqual({ fileData: { mimeType: 'image/jpeg', fileUri: 'https://example.com/a.jpg' }, mediaResolution: { level: 'MEDIA_RESOLUTION_LOW' } });
    const auto = await convert({ type: 'image_url', image_url: { url: 'https://example.com/a.jpg', detail: 'auto' } }, urlCapable);
    expect(auto.part).toEqual({ fileData: { mimeType: 'image/jpeg', fileUri: 'https://example.com/a.jpg' } });
    const older = await convert({ type: 'image_url', image_url: { url: 'https://example.com/a.jpg', detail: 'high' } }, { urlMedia: true, partMediaResolution: false });
    expect(older.warnings).toEqual([expect.objectContaining({ code: 'parameter_dropped', param: 'messages[0].content[0].image_url.detail' })]);
  });
});

describe('the request mapper picks the media policy from the catalog', () => {
  const ask = (model: string, part: unknown) => ({ model, messages: [{ role: 'user', content: [part] }] });
  it('the seed’s vision example (bare https string, gemini-pro-vision) needs no resolver', async () => {
    const result = await convertOpenAIRequestToGemini(ask('gemini-pro-vision', { type: 'image_url', image_url: 'https://example.com/cat.jpg' }));
    expect(result.ok && result.upstream.body.contents[0]!.parts[0]).toEqual({ fileData: { mimeType: 'image/jpeg', fileUri: 'https://example.com/cat.jpg' } });
  });
  it('preferInlineMedia and a catalog override with urlMedia false use the resolver', async () => {
    const resolveMedia = async () => ({ mimeType: 'image/png', data: 'AAAA' });
    const part = { type: 'image_url', image_url: 'https://example.com/cat.png' };
    const preferred = await convertOpenAIRequestToGemini(ask('gemini-2.5-flash', part), { resolveMedia, preferInlineMedia: true });
    expect(preferred.ok && preferred.upstream.body.contents[0]!.parts[0]).toEqual({ inlineData: { mimeType: 'image/png', data: 'AAAA' } });
    const overridden = await convertOpenAIRequestToGemini(ask('gemini-2.5-flash', part), { resolveMedia, capabilities: { urlMedia: false } });
    expect(overridden.ok && overridden.upstream.body.contents[0]!.parts[0]).toEqual({ inlineData: { mimeType: 'image/png', data: 'AAAA' } });
  });
  it('detail high on Gemini 3 → mediaResolution; on 2.5 → warning', async () => {
    const part = { type: 'image_url', image_url: { url: 'https://example.com/chart.png', detail: 'high' } };
    const three = await convertOpenAIRequestToGemini(ask('gemini-3-flash-preview', part));
    expect(three.ok && three.upstream.body.contents[0]!.parts[0]).toEqual({ fileData: { mimeType: 'image/png', fileUri: 'https://example.com/chart.png' }, mediaResolution: { level: 'MEDIA_RESOLUTION_HIGH' } });
    const two = await convertOpenAIRequestToGemini(ask('gemini-2.5-flash', part));
    expect(two.warnings.map((warning) => warning.code)).toEqual(['parameter_dropped']);
  });
});

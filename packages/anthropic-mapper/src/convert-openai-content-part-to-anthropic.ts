import type { AnthropicCacheControl, AnthropicDocumentBlock, AnthropicImageBlock, AnthropicTextBlock } from './anthropic-request-types.js';
import { parseDataUrl } from './parse-data-url.js';
import { addWarning, RequestMappingFailure, type RequestMappingState } from './request-mapping-failure.js';

const IMAGE_MEDIA_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

/** Part-level cache breakpoints: Anthropic's own `cache_control` (kept) or OpenAI's `prompt_cache_breakpoint`. */
export function readCacheControl(part: Record<string, unknown>): AnthropicCacheControl | undefined {
  const cacheControl = part['cache_control'];
  if (cacheControl && typeof cacheControl === 'object' && (cacheControl as { type?: unknown }).type === 'ephemeral') {
    const ttl = (cacheControl as { ttl?: unknown }).ttl;
    return ttl === '5m' || ttl === '1h' ? { type: 'ephemeral', ttl } : { type: 'ephemeral' };
  }
  const breakpoint = part['prompt_cache_breakpoint'];
  if (breakpoint && typeof breakpoint === 'object' && (breakpoint as { mode?: unknown }).mode === 'explicit') return { type: 'ephemeral' };
  return undefined;
}

function withCacheControl<T extends object>(block: T, part: Record<string, unknown>): T {
  const cacheControl = readCacheControl(part);
  return cacheControl ? { ...block, cache_control: cacheControl } : block;
}

/** Whether a text would be rejected by Anthropic as an empty text block. */
export function isBlankText(text: string): boolean {
  return text.trim() === '';
}

/**
 * One text part → a text block, or null (with a warning) when it is empty or whitespace only: Anthropic rejects
 * text blocks without non-whitespace text.
 */
export function convertOpenAITextPartToAnthropic(
  text: string,
  part: Record<string, unknown>,
  param: string,
  state: RequestMappingState,
): AnthropicTextBlock | null {
  if (isBlankText(text)) {
    addWarning(state, 'empty_text_dropped', param, 'An empty or whitespace-only text was dropped (Anthropic rejects empty text blocks).');
    return null;
  }
  return withCacheControl<AnthropicTextBlock>({ type: 'text', text }, part);
}

/** An `image_url` part (object or bare-string form) → an image block. */
export function convertOpenAIImagePartToAnthropic(
  part: Record<string, unknown>,
  param: string,
  state: RequestMappingState,
): AnthropicImageBlock {
  const imageUrl = part['image_url'];
  const url = typeof imageUrl === 'string' ? imageUrl : imageUrl && typeof imageUrl === 'object' ? (imageUrl as { url?: unknown }).url : undefined;
  const urlParam = typeof imageUrl === 'string' ? `${param}.image_url` : `${param}.image_url.url`;
  if (typeof url !== 'string' || url === '') throw new RequestMappingFailure('The image part has no URL.', urlParam, 'invalid_value');
  if (imageUrl && typeof imageUrl === 'object') {
    const detail = (imageUrl as { detail?: unknown }).detail;
    if (detail === 'low' || detail === 'high') {
      addWarning(state, 'parameter_dropped', `${param}.image_url.detail`, `Anthropic has no image detail setting; detail "${detail}" was dropped.`);
    }
  }
  const dataUrl = parseDataUrl(url);
  if (dataUrl) {
    if (!IMAGE_MEDIA_TYPES.has(dataUrl.mediaType)) {
      throw new RequestMappingFailure(
        `Image media type "${dataUrl.mediaType}" is not supported by Anthropic (supported: image/jpeg, image/png, image/gif, image/webp).`,
        urlParam,
        'unsupported_media_type',
      );
    }
    if (!dataUrl.base64) throw new RequestMappingFailure('Image data URLs must be base64-encoded (";base64,").', urlParam, 'invalid_value');
    return withCacheControl(
      { type: 'image', source: { type: 'base64', media_type: dataUrl.mediaType as 'image/png', data: dataUrl.data } },
      part,
    );
  }
  if (/^https?:\/\//i.test(url)) return withCacheControl({ type: 'image', source: { type: 'url', url } }, part);
  throw new RequestMappingFailure(
    'Image URLs must be http(s) URLs or base64 data URLs for Anthropic (the translator never fetches other schemes).',
    urlParam,
    'invalid_value',
  );
}

function decodeBase64Utf8(data: string): string | null {
  try {
    const binary = atob(data);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * A `file` part → a document block: a PDF data URL → base64 document; a text/plain data URL → text document;
 * `file_id` → a Files API document (the caller adds the `files-api-2025-04-14` beta header); `filename` → `title`.
 */
export function convertOpenAIFilePartToAnthropic(
  part: Record<string, unknown>,
  param: string,
  state: RequestMappingState,
): { block: AnthropicDocumentBlock; usesFilesApi: boolean } {
  const file = part['file'];
  if (!file || typeof file !== 'object') throw new RequestMappingFailure('The file part has no `file` object.', `${param}.file`, 'invalid_value');
  const { file_data: fileData, file_id: fileId, filename } = file as { file_data?: unknown; file_id?: unknown; filename?: unknown };
  const title = typeof filename === 'string' && filename !== '' ? { title: filename.slice(0, 500) } : {};
  if (typeof fileId === 'string' && fileId !== '') {
    return { block: withCacheControl({ type: 'document', source: { type: 'file', file_id: fileId }, ...title }, part), usesFilesApi: true };
  }
  if (typeof fileData !== 'string' || fileData === '') {
    throw new RequestMappingFailure('The file part needs `file_data` or `file_id`.', `${param}.file`, 'invalid_value');
  }
  const dataUrl = parseDataUrl(fileData);
  if (!dataUrl) {
    addWarning(state, 'file_media_type_assumed', `${param}.file.file_data`, 'file_data is not a data URL; it was sent as a base64 PDF.');
    return { block: withCacheControl({ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: fileData }, ...title }, part), usesFilesApi: false };
  }
  if (!dataUrl.base64) throw new RequestMappingFailure('File data URLs must be base64-encoded (";base64,").', `${param}.file.file_data`, 'invalid_value');
  if (dataUrl.mediaType === 'application/pdf') {
    return { block: withCacheControl({ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: dataUrl.data }, ...title }, part), usesFilesApi: false };
  }
  if (dataUrl.mediaType === 'text/plain') {
    const text = decodeBase64Utf8(dataUrl.data);
    if (text === null) throw new RequestMappingFailure('The text/plain file is not valid base64 UTF-8.', `${param}.file.file_data`, 'invalid_value');
    return { block: withCacheControl({ type: 'document', source: { type: 'text', media_type: 'text/plain', data: text }, ...title }, part), usesFilesApi: false };
  }
  throw new RequestMappingFailure(
    `File media type "${dataUrl.mediaType}" is not supported by Anthropic documents (supported: application/pdf, text/plain).`,
    `${param}.file.file_data`,
    'unsupported_media_type',
  );
}

import type { TranslationWarning } from '@interlingua/openai-schema';
import { GeminiMapperInputError } from './gemini-mapper-input-error.js';
import type { GeminiPart } from './gemini-request-types.js';

/** Bytes for a URL Gemini cannot fetch itself. */
export interface GeminiResolvedMedia {
  mimeType: string;
  /** Base64. */
  data: string;
}

/** The caller's fetch hook: the pure core never fetches. */
export type GeminiMediaResolver = (url: string) => Promise<GeminiResolvedMedia>;

/** Image types Gemini takes inline or by file URI. */
export const GEMINI_IMAGE_MIME_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/heic', 'image/heif']);

/** Every type a `file` part may carry (documents, images, audio, video). */
export const GEMINI_FILE_MIME_TYPES: ReadonlySet<string> = new Set([
  'application/pdf',
  'text/plain',
  ...GEMINI_IMAGE_MIME_TYPES,
  'audio/wav',
  'audio/mp3',
  'audio/mpeg',
  'audio/aiff',
  'audio/aac',
  'audio/ogg',
  'audio/flac',
  'video/mp4',
  'video/mpeg',
  'video/mov',
  'video/avi',
  'video/x-flv',
  'video/mpg',
  'video/webm',
  'video/wmv',
  'video/3gpp',
]);

const AUDIO_FORMATS: Record<string, string> = { wav: 'audio/wav', mp3: 'audio/mp3' };

const FILES_API_PREFIX = 'https://generativelanguage.googleapis.com/v1beta/files/';

/** File extension → MIME type, for the types Gemini documents (image, audio, video and document understanding guides). */
const EXTENSION_MIME: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  pdf: 'application/pdf',
  txt: 'text/plain',
  wav: 'audio/wav',
  mp3: 'audio/mp3',
  aiff: 'audio/aiff',
  aac: 'audio/aac',
  ogg: 'audio/ogg',
  flac: 'audio/flac',
  mp4: 'video/mp4',
  mpeg: 'video/mpeg',
  mpg: 'video/mpg',
  mov: 'video/mov',
  avi: 'video/avi',
  flv: 'video/x-flv',
  webm: 'video/webm',
  wmv: 'video/wmv',
  '3gp': 'video/3gpp',
};

/** The MIME type named by the extension of a URL's path (the query and fragment are not read), or of a file name. */
function extensionMime(uri: string): string | undefined {
  const path = uri.replace(/[?#].*$/s, '');
  const match = /\.([A-Za-z0-9]+)$/.exec(path);
  return match ? EXTENSION_MIME[match[1]!.toLowerCase()] : undefined;
}

/** `data:<mime>[;param…];base64,<data>` → its parts; anything else → undefined. */
export function parseDataUrl(url: string): { mimeType: string; data: string } | undefined {
  const match = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s.exec(url);
  if (!match) return undefined;
  const parameters = match[2]!.split(';').filter(Boolean);
  if (!parameters.some((parameter) => parameter.toLowerCase() === 'base64')) return undefined;
  return { mimeType: match[1]!.toLowerCase() || 'application/octet-stream', data: match[3]! };
}

function isFileUri(url: string): boolean {
  return url.startsWith('gs://') || url.startsWith(FILES_API_PREFIX);
}

function checkMime(mimeType: string, allowed: ReadonlySet<string>, param: string, what: string): void {
  if (!allowed.has(mimeType)) {
    throw new GeminiMapperInputError(
      `Gemini does not accept ${what} of type ${mimeType}; supported: ${[...allowed].join(', ')}.`,
      param,
      'unsupported_media_type',
    );
  }
}

/** How media given by URL and `image_url.detail` are sent: from the model's catalog capabilities. */
export interface GeminiMediaPolicy {
  /** https URLs go to Gemini as `fileData.fileUri` (Gemini fetches them); else their bytes come from the resolver. */
  urlMedia: boolean;
  /** `image_url.detail` low/high → the part's `mediaResolution` (Gemini 3 and later); else it is dropped with a warning. */
  partMediaResolution: boolean;
}

export interface ConvertContentPartOptions {
  resolveMedia?: GeminiMediaResolver;
  /** Default: URLs by bytes only (the resolver), no per-part media resolution. */
  media?: GeminiMediaPolicy;
  warnings: TranslationWarning[];
}

const DETAIL_RESOLUTION: Record<string, 'MEDIA_RESOLUTION_LOW' | 'MEDIA_RESOLUTION_HIGH'> = { low: 'MEDIA_RESOLUTION_LOW', high: 'MEDIA_RESOLUTION_HIGH' };

async function resolveToInline(url: string, urlPath: string, allowed: ReadonlySet<string>, what: string, options: ConvertContentPartOptions): Promise<GeminiPart> {
  if (!options.resolveMedia) {
    throw new GeminiMapperInputError(
      `No media resolver is configured for ${url.startsWith('http://') ? 'this http (not https) URL' : 'media given by URL for this model or deployment'}: send the ${what} as a data URL, or use an https URL with a model that fetches URLs.`,
      urlPath,
      'media_resolver_required',
    );
  }
  let resolved: GeminiResolvedMedia;
  try {
    resolved = await options.resolveMedia(url);
  } catch (error) {
    throw new GeminiMapperInputError(`The ${what} at ${url} could not be fetched: ${error instanceof Error ? error.message : String(error)}.`, urlPath, 'media_fetch_failed');
  }
  if (typeof resolved?.mimeType !== 'string' || typeof resolved?.data !== 'string') {
    throw new GeminiMapperInputError(`The ${what} at ${url} could not be fetched.`, urlPath, 'media_fetch_failed');
  }
  const mimeType = resolved.mimeType.toLowerCase().split(';')[0]!.trim();
  checkMime(mimeType, allowed, urlPath, what === 'image' ? 'images' : 'files');
  return { inlineData: { mimeType, data: resolved.data } };
}

/**
 * One OpenAI user content part → one Gemini part (the media matrix).
 *
 * | OpenAI part | Gemini part |
 * |---|---|
 * | `text` | `{text}` (empty text → no part) |
 * | `image_url` data URL (object or bare-string form) | `inlineData` (image mime whitelist) |
 * | `image_url` `gs://…` or Files-API URI | `fileData {mimeType?, fileUri}` (mime from the extension when known) |
 * | `image_url` other http(s) URL | `inlineData` from `resolveMedia(url)`; without a resolver: 400 |
 * | `input_audio` wav / mp3 | `inlineData` audio/wav, audio/mp3 |
 * | `file` `file_data` data URL | `inlineData` (file mime whitelist) |
 * | `file` `file_id` gs:// or Files-API URI | `fileData` |
 * | anything else | 400 naming the part |
 */
export async function convertOpenAIContentPartToGemini(part: unknown, path: string, options: ConvertContentPartOptions): Promise<GeminiPart | undefined> {
  if (typeof part !== 'object' || part === null) {
    throw new GeminiMapperInputError('A content part must be an object.', path, 'invalid_content_part');
  }
  const record = part as { [key: string]: unknown };
  switch (record.type) {
    case 'text': {
      if (typeof record.text !== 'string') throw new GeminiMapperInputError('A text part needs a string `text`.', `${path}.text`, 'invalid_content_part');
      return record.text === '' ? undefined : { text: record.text };
    }
    case 'image_url': {
      const image = record.image_url;
      const url = typeof image === 'string' ? image : typeof image === 'object' && image !== null ? (image as { url?: unknown }).url : undefined;
      const urlPath = typeof image === 'string' ? `${path}.image_url` : `${path}.image_url.url`;
      if (typeof url !== 'string' || url === '') throw new GeminiMapperInputError('image_url needs a URL.', urlPath, 'invalid_image_url');
      const part = await convertImageUrl(url, urlPath, options);
      const detail = typeof image === 'object' && image !== null ? (image as { detail?: unknown }).detail : undefined;
      if (detail !== undefined && detail !== 'auto') {
        const level = typeof detail === 'string' ? DETAIL_RESOLUTION[detail] : undefined;
        if (level !== undefined && options.media?.partMediaResolution === true) part.mediaResolution = { level };
        else {
          options.warnings.push({
            code: 'parameter_dropped',
            param: `${path}.image_url.detail`,
            message: level === undefined ? `Unknown image detail ${JSON.stringify(detail)}; it is dropped.` : 'This Gemini model has no per-part media resolution; `detail` is dropped.',
          });
        }
      }
      return part;

    }
    case 'input_audio': {
      const audio = record.input_audio as { data?: unknown; format?: unknown } | undefined;
      const format = typeof audio?.format === 'string' ? audio.format : '';
      const mimeType = AUDIO_FORMATS[format];
      if (!mimeType) {
        throw new GeminiMapperInputError(`Unsupported input_audio format ${JSON.stringify(audio?.format)}; supported: wav, mp3.`, `${path}.input_audio.format`, 'unsupported_media_type');
      }
      if (typeof audio?.data !== 'string') throw new GeminiMapperInputError('input_audio needs base64 `data`.', `${path}.input_audio.data`, 'invalid_content_part');
      return { inlineData: { mimeType, data: audio.data } };
    }
    case 'file': {
      const file = record.file as { file_data?: unknown; file_id?: unknown; filename?: unknown } | undefined;
      if (typeof file?.file_data === 'string') {
        const parsed = parseDataUrl(file.file_data);
        const dataPath = `${path}.file.file_data`;
        if (parsed) {
          checkMime(parsed.mimeType, GEMINI_FILE_MIME_TYPES, dataPath, 'files');
          return { inlineData: { mimeType: parsed.mimeType, data: parsed.data } };
        }
        if (/^https?:\/\//i.test(file.file_data)) return convertFileUrl(file.file_data, dataPath, typeof file.filename === 'string' ? file.filename : undefined, options);
        const mimeType = typeof file.filename === 'string' ? extensionMime(file.filename) : undefined;
        if (!mimeType) throw new GeminiMapperInputError('file_data must be a base64 data URL (or a filename must name its type).', dataPath, 'invalid_content_part');
        checkMime(mimeType, GEMINI_FILE_MIME_TYPES, dataPath, 'files');
        return { inlineData: { mimeType, data: file.file_data } };
      }
      if (typeof file?.file_id === 'string' && isFileUri(file.file_id)) {
        const mimeType = extensionMime(typeof file.filename === 'string' ? file.filename : file.file_id);
        return { fileData: { ...(mimeType ? { mimeType } : {}), fileUri: file.file_id } };
      }
      if (typeof file?.file_id === 'string' && /^https?:\/\//i.test(file.file_id)) {
        return convertFileUrl(file.file_id, `${path}.file.file_id`, typeof file.filename === 'string' ? file.filename : undefined, options);
      }
      throw new GeminiMapperInputError('A file part needs `file_data` (a data URL or an http(s) URL) or a gs://, Files-API or http(s) `file_id`; OpenAI file ids do not exist at Gemini.', `${path}.file`, 'unsupported_file');
    }
    case 'refusal': {
      return typeof record.refusal === 'string' && record.refusal !== '' ? { text: record.refusal } : undefined;
    }
    default:
      throw new GeminiMapperInputError(`Unsupported content part type ${JSON.stringify(record.type)}.`, `${path}.type`, 'unsupported_content_part');
  }
}

/** An `image_url` URL (the detail is applied by the caller). */
async function convertImageUrl(url: string, urlPath: string, options: ConvertContentPartOptions): Promise<GeminiPart> {
  if (url.startsWith('data:')) {
    const parsed = parseDataUrl(url);
    if (!parsed) throw new GeminiMapperInputError('A data URL must be base64-encoded (`data:<mime>;base64,<data>`).', urlPath, 'invalid_image_url');
    checkMime(parsed.mimeType, GEMINI_IMAGE_MIME_TYPES, urlPath, 'images');
    return { inlineData: { mimeType: parsed.mimeType, data: parsed.data } };
  }
  if (isFileUri(url)) {
    const mimeType = extensionMime(url);
    return { fileData: { ...(mimeType ? { mimeType } : {}), fileUri: url } };
  }
  if (/^https:\/\//i.test(url) && options.media?.urlMedia === true) {
    const mimeType = extensionMime(url);
    return { fileData: { ...(mimeType ? { mimeType } : {}), fileUri: url } };
  }
  if (/^https?:\/\//i.test(url)) return resolveToInline(url, urlPath, GEMINI_IMAGE_MIME_TYPES, 'image', options);
  throw new GeminiMapperInputError('image_url must be an https, http, data, gs:// or Files-API URL.', urlPath, 'invalid_image_url');
}

/** A `file` given by http(s) URL: `fileData` when Gemini fetches it (https, URL-capable model), else inline bytes. */
async function convertFileUrl(url: string, urlPath: string, filename: string | undefined, options: ConvertContentPartOptions): Promise<GeminiPart> {
  if (/^https:\/\//i.test(url) && options.media?.urlMedia === true) {
    const mimeType = extensionMime(url) ?? (filename !== undefined ? extensionMime(filename) : undefined);
    if (mimeType !== undefined) checkMime(mimeType, GEMINI_FILE_MIME_TYPES, urlPath, 'files');
    return { fileData: { ...(mimeType ? { mimeType } : {}), fileUri: url } };
  }
  return resolveToInline(url, urlPath, GEMINI_FILE_MIME_TYPES, 'file', options);
}

import type {
  MessagesContentBlockParam,
  MessagesDocumentBlockParam,
  MessagesImageBlockParam,
  MessagesTextBlockParam,
} from '@interlingua/messages-schema';
import type { ChatCompletionContentPart, ChatCompletionContentPartText } from '@interlingua/openai-schema';
import { MessagesMappingFailure, warn, type MappingState } from './mapping-failure.js';

function utf8ToBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** `cache_control` rides along on the part (the Anthropic mapper keeps it; other mappers ignore it). */
function withCache<T extends object>(part: T, block: { cache_control?: unknown }): T {
  return block.cache_control ? { ...part, cache_control: block.cache_control } : part;
}

export function convertTextBlock(block: MessagesTextBlockParam, param: string, state: MappingState): ChatCompletionContentPartText {
  if (Array.isArray(block.citations) && block.citations.length > 0) {
    warn(state, 'citations_dropped', `${param}.citations`, 'Citations on an input text block have no Chat Completions form; the text was kept.');
  }
  return withCache({ type: 'text' as const, text: block.text }, block);
}

export function convertImageBlock(block: MessagesImageBlockParam, param: string): ChatCompletionContentPart {
  const source = block.source;
  if (source.type === 'base64') return withCache({ type: 'image_url' as const, image_url: { url: `data:${source.media_type};base64,${source.data}` } }, block);
  if (source.type === 'url') return withCache({ type: 'image_url' as const, image_url: { url: source.url } }, block);
  throw new MessagesMappingFailure(`${param}.source.type`, 'a Files API file_id exists only at Anthropic; send the image as base64 or a URL');
}

/**
 * Documents: a base64 PDF → a `file` part (`file_data` data URL, `title` → `filename`); plain text → a `file` part
 * with a `text/plain` data URL; a `content` source → its text and image blocks (`document_inlined` warning: the
 * document boundary and citations are lost). URL and Files-API sources → 400 (nothing on the translated path can
 * fetch a PDF by URL).
 */
export function convertDocumentBlock(block: MessagesDocumentBlockParam, param: string, state: MappingState): ChatCompletionContentPart[] {
  const source = block.source;
  const filename = typeof block.title === 'string' ? { filename: block.title } : {};
  if (block.citations?.enabled) warn(state, 'citations_dropped', `${param}.citations`, 'Document citations are not available on this upstream; the document was sent without them.');
  if (typeof block.context === 'string') warn(state, 'parameter_dropped', `${param}.context`, 'Document context has no Chat Completions form; it was dropped.');
  switch (source.type) {
    case 'base64':
      return [withCache({ type: 'file' as const, file: { ...filename, file_data: `data:application/pdf;base64,${source.data}` } }, block)];
    case 'text':
      return [withCache({ type: 'file' as const, file: { ...filename, file_data: `data:text/plain;base64,${utf8ToBase64(source.data)}` } }, block)];
    case 'content': {
      warn(state, 'document_inlined', param, 'A content document was sent as its text and image parts.');
      if (typeof source.content === 'string') return [{ type: 'text', text: source.content }];
      return source.content.map((inner, index) =>
        inner.type === 'text' ? convertTextBlock(inner, `${param}.source.content.${index}`, state) : convertImageBlock(inner, `${param}.source.content.${index}`),
      );
    }
    case 'url':
      throw new MessagesMappingFailure(`${param}.source.type`, 'a document by URL cannot be fetched on this path; send it as base64');
    default:
      throw new MessagesMappingFailure(`${param}.source.type`, 'a Files API file_id exists only at Anthropic; send the document as base64');
  }
}

/** A user-side block (text, image, document) → Chat Completions parts. */
export function convertUserBlock(block: MessagesContentBlockParam, param: string, state: MappingState): ChatCompletionContentPart[] {
  switch (block.type) {
    case 'text':
      return [convertTextBlock(block, param, state)];
    case 'image':
      return [convertImageBlock(block, param)];
    case 'document':
      return convertDocumentBlock(block, param, state);
    default:
      throw new MessagesMappingFailure(`${param}.type`, `a ${block.type} block is not allowed in a user message`);
  }
}

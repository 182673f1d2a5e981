import type { ChatCompletionAnnotation } from '@interlingua/openai-schema';

/** The parts of `groundingMetadata` read here (v1beta `GroundingMetadata`, `GroundingChunk`, `GroundingSupport`). */
export interface GeminiGroundingMetadata {
  groundingChunks?: { web?: { uri?: string; title?: string } | null; [key: string]: unknown }[] | null;
  groundingSupports?: {
    segment?: { partIndex?: number; startIndex?: number; endIndex?: number; text?: string } | null;
    groundingChunkIndices?: number[] | null;
    [key: string]: unknown;
  }[] | null;
  [key: string]: unknown;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A UTF-8 byte offset into `text` → the UTF-16 index OpenAI's `start_index` / `end_index` count in. */
export function utf16IndexOfByteOffset(text: string, byteOffset: number): number {
  const bytes = encoder.encode(text);
  if (byteOffset >= bytes.length) return text.length;
  if (byteOffset <= 0) return 0;
  return decoder.decode(bytes.subarray(0, byteOffset)).length;
}

/**
 * `groundingMetadata` (Grounding with Google Search, URL context) → OpenAI `url_citation` annotations: one per
 * supported segment and web chunk it cites, with the cited span. The v1beta spec measures `segment.startIndex` /
 * `endIndex` in bytes, in the part `segment.partIndex` names; `textOf(partIndex)` gives that part's text and where it
 * starts in `message.content` (without a part index the offsets count in the whole answer text, as Google's citation
 * example reads them). Chunks without a web URI (retrieved context, maps) cite nothing here.
 */
export function convertGeminiGroundingToAnnotations(
  metadata: GeminiGroundingMetadata | null | undefined,
  textOf: (partIndex: number | undefined) => { text: string; offset: number } | undefined,
): ChatCompletionAnnotation[] {
  const annotations: ChatCompletionAnnotation[] = [];
  const chunks = metadata?.groundingChunks ?? [];
  for (const support of metadata?.groundingSupports ?? []) {
    const segment = support.segment ?? {};
    const located = textOf(segment.partIndex);
    if (!located) continue;
    const start = located.offset + utf16IndexOfByteOffset(located.text, segment.startIndex ?? 0);
    const end = located.offset + utf16IndexOfByteOffset(located.text, segment.endIndex ?? 0);
    for (const index of support.groundingChunkIndices ?? []) {
      const web = chunks[index]?.web;
      if (typeof web?.uri !== 'string') continue;
      annotations.push({ type: 'url_citation', url_citation: { start_index: start, end_index: end, url: web.uri, title: web.title ?? web.uri } });
    }
  }
  return annotations;
}

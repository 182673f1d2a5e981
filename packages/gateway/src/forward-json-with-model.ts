import { findTopLevelStringMember } from './find-top-level-string-member.js';

/**
 * The JSON text of a client's request object `json` (parsed from `text`, and not changed since) with its `model`
 * replaced by `model`: what `JSON.stringify({ ...json, model })` means, for a request a passthrough forwards.
 *
 * The client's own text is sent, only the model's value rewritten (or nothing at all when the model keeps its name),
 * instead of serialising the parsed request again: `JSON.stringify` of a long context costs about twice its
 * `JSON.parse` in Node 20 (BENCHMARKS.md), and the client's numbers reach the upstream exactly as written. When the
 * text's `model` cannot be told for certain (see `findTopLevelStringMember`: written twice, or a top-level key written
 * with an escape), the request is serialised as before, so the upstream never reads another model than the one
 * routed.
 */
export function forwardJsonWithModel(text: string, json: Record<string, unknown>, model: string): string {
  const span = findTopLevelStringMember(text, 'model');
  if (span === undefined) return JSON.stringify({ ...json, model });
  if (json['model'] === model) return text;
  return text.slice(0, span.start) + JSON.stringify(model) + text.slice(span.end);
}

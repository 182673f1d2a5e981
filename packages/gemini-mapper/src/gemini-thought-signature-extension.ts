/**
 * The OpenAI-side extension fields that carry Gemini thought signatures losslessly.
 *
 * On a tool call — the field Google's own OpenAI-compatible endpoint uses:
 * ```json
 * { "id": "call_…", "type": "function", "function": {…}, "extra_content": { "google": { "thought_signature": "<sig>" } } }
 * ```
 * When Gemini gave the call an id of its own, the tool call's `id` is that id and `function_call_id` repeats it
 * (so only ids Gemini minted are sent back to Gemini, and a client that rewrites tool-call ids does not lose it).
 *
 * On the assistant message, for signatures on parts that are not function calls:
 * ```json
 * { "role": "assistant", "content": "…", "extra_content": { "google": { "thought_signatures": [ { "part": "content", "signature": "<sig>" } ] } } }
 * ```
 * `part` says where the signature rides when the turn is rebuilt for the next request:
 * - `content`: the text part built from `content` (Gemini signed a text part of the answer);
 * - `reasoning`: a thought part built from `reasoning_content` (Gemini signed a thought part);
 * - `trailing`: an empty text part `{text: "", thoughtSignature}` after all other parts (Gemini's trailing signature).
 *
 * The rebuilt model turn is, in order: the thought part (only when a `reasoning` signature exists), the text part,
 * the function calls, the trailing part.
 */
export interface GeminiToolCallExtension {
  google?: {
    thought_signature?: string;
    /**
     * Gemini's own `functionCall.id` (also the tool call's `id`). On the next request it goes back as
     * `functionCall.id` and as `functionResponse.id` of the matching tool result, as the spec asks.
     */
    function_call_id?: string;
  };
}

export type GeminiSignedPart = 'content' | 'reasoning' | 'trailing';

export interface GeminiMessageSignature {
  part: GeminiSignedPart;
  signature: string;
}

export interface GeminiMessageExtension {
  google?: { thought_signatures?: GeminiMessageSignature[] };
}

/**
 * The value Google documents for function calls whose signature is unknown (history from another model or
 * injected by the client): Gemini 3 then skips signature validation for that part.
 */
export const GEMINI_SKIP_THOUGHT_SIGNATURE = 'skip_thought_signature_validator';

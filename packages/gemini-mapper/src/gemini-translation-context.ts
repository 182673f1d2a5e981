/**
 * What `convertOpenAIRequestToGemini` hands back beside the upstream request, for the response side
 * (`convertGeminiResponseToOpenAI`) and the stream transducer. A plain, JSON-serialisable object.
 */
export interface GeminiTranslationContext {
  /** The model name the client asked for: the `model` of every OpenAI reply (Gemini's `modelVersion` is ignored). */
  model: string;
  /** The model in the upstream path (the client's name without a `models/` prefix). */
  upstreamModel: string;
  /** Whether the client asked for a stream (`:streamGenerateContent?alt=sse`). */
  stream: boolean;
  /** `stream_options.include_usage`: send the final usage chunk. */
  includeUsage: boolean;
  /**
   * Gemini function name → the client's function name, only for names that had to be changed
   * (see `mapOpenAIToolNameToGemini`). Names not listed are the same on both sides.
   */
  toolNames: { [geminiName: string]: string };
  /** `logprobs: true` was requested (map `logprobsResult` into `choices[].logprobs`). */
  logprobs: boolean;
  /** `top_logprobs`, when requested. */
  topLogprobs?: number;
  /** Thought parts were requested (`thinkingConfig.includeThoughts`): they come back as `reasoning_content`. */
  includeThoughts: boolean;
  /** Candidates requested (`n`, default 1). */
  candidateCount: number;
  /** The response format asked for (informational; Gemini answers JSON as plain text parts). */
  responseFormat: 'text' | 'json_object' | 'json_schema' | null;
  /**
   * The JSON answer is requested as a call of this function (tools + JSON on models that reject the pair, see
   * `applyGeminiJsonResponseStrategy`): a call of it becomes `message.content`, not a tool call.
   */
  jsonResponse?: { name: string; wrapped: boolean };
  /** Google Search or URL context is on: `groundingMetadata` becomes `url_citation` annotations. */
  grounding?: boolean;
}

import type { TranslationEnvironment, TranslationWarning } from '@interlingua/openai-schema';

/**
 * What the transducer needs from the request side: the subset of the Anthropic mapper's request context it reads
 * (structural, so the mapper's full context object is accepted as it is).
 */
export interface AnthropicStreamContext {
  /** The model the client asked for; used for `model` only when the upstream `message_start` names none. */
  model: string;
  /** The client's `stream_options.include_usage`: a final usage chunk, and `usage: null` on every other chunk. */
  includeUsage: boolean;
  /**
   * Set when the mapper implemented `response_format` with a forced tool of this name: that tool's input streams
   * as `content`, and the finish reason `tool_use` becomes `stop`.
   */
  jsonModeToolName?: string | null | undefined;
}

/** Options of {@link createAnthropicToOpenAIStream} and the lower-level entry points. */
export interface AnthropicToOpenAIStreamOptions {
  context: AnthropicStreamContext;
  environment: TranslationEnvironment;
  /**
   * Called for each lossy step (a skipped server-tool block, a dropped document citation, an ignored duplicate
   * `message_start`, …). A stream has no place for warnings in its bytes, so they are reported here.
   */
  onWarning?: (warning: TranslationWarning) => void;
}

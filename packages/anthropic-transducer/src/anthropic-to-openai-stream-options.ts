import type { Utf8StreamDecoderFactory } from '@interlingua/sse';
import type { TranslationEnvironment, TranslationWarning } from '@interlingua/openai-schema';

/**
 * What the transducer reads of the Anthropic mapper's request context (`AnthropicTranslationContext` of
 * `@interlingua/anthropic-mapper`, returned by `convertOpenAIRequestToAnthropic`): structural, so the mapper's whole
 * context object is passed as it is.
 */
export interface AnthropicStreamContext {
  /** The model the client asked for; `model` of the chunks only when the upstream `message_start` names none. */
  requestedModel: string;
  /** The client's `stream_options.include_usage`: a final usage chunk, and `usage: null` on every other chunk. */
  includeUsage: boolean;
  /**
   * How `response_format` reached Anthropic. With `{ mode: 'tool', toolName }` the forced tool's input streams as
   * `content` and a `tool_use` stop with no other tool call finishes with `stop`; `native` and `null` need nothing.
   */
  jsonResponse?: null | { mode: 'native' } | { mode: 'tool'; toolName: string };
  /**
   * The client's field of each thinking block the request sent back, by its path in the body as sent
   * (`messages.{i}.content.{j}`): a block Anthropic's `input_transformations` says it dropped is reported as a
   * `thinking_dropped` warning naming the client's field.
   */
  thinkingBlockParams?: Record<string, string>;
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
  /**
   * The most characters of one incomplete upstream event the decoder holds while waiting for its end (default: no
   * bound). Past it the stream ends with an error payload (`upstream_event_too_large`) instead of growing the buffer
   * without end.
   */
  maxEventSize?: number;
  /** How the upstream bytes become text (default: `TextDecoder`; see `Utf8StreamDecoderFactory` of `@interlingua/sse`). */
  createUtf8Decoder?: Utf8StreamDecoderFactory;
}

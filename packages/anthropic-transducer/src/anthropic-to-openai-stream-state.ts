import { AnthropicBlockOrderRecorder, type TranslationWarning } from '@interlingua/openai-schema';
import type { AnthropicStreamUsage } from './anthropic-stream-event.js';
import type { AnthropicToOpenAIStreamOptions } from './anthropic-to-openai-stream-options.js';

/** How an open Anthropic content block is being translated. */
export type AnthropicBlockKind =
  /** `text`: `content` deltas; citations become `annotations` at the block's end. */
  | 'text'
  /** a client `tool_use`: a `tool_calls` entry. */
  | 'tool'
  /** the JSON-mode forced tool: its input streams as `content`. */
  | 'json'
  /** text while JSON mode through a tool is on: held back until it is known whether the JSON tool answers. */
  | 'held'
  /** `thinking`: `reasoning_content` deltas and, at the end, one lossless `thinking_blocks` entry. */
  | 'thinking'
  /**
   * server-tool or unknown blocks: nothing is streamed for their deltas; at their end the whole block (its
   * `input` gathered from `input_json_delta`) is sent once in the `anthropic_blocks` extension.
   */
  | 'carried'
  /** redacted thinking (sent whole at its start) and blocks already reported: nothing more. */
  | 'skipped';

/** The per-block state (bounded: a thinking block keeps its text and signature until its end, nothing else grows). */
export interface AnthropicOpenBlock {
  kind: AnthropicBlockKind;
  /** `tool`: the ordinal of the call among the message's tool calls (OpenAI `tool_calls[].index`). */
  toolCallIndex: number;
  /** `tool`/`json`: whether any non-empty `partial_json` was streamed. */
  argumentsStreamed: boolean;
  /** `tool`/`json`: the `input` of `content_block_start` (normally `{}`), used when no delta follows. */
  startInput: unknown;
  /** `thinking`: the text and signature gathered for the lossless block. */
  thinking: string;
  signature: string;
  /** `text`: the offset of the block's first character in the message content, for annotation indices. */
  contentStart: number;
  /** `text`: OpenAI annotations gathered from `citations_delta`. */
  annotations: unknown[] | null;
  /** `carried`: the block as started, and its `input_json_delta` text gathered (bounded by the block). */
  carriedBlock: Record<string, unknown> | null;
  carriedInput: string;
  /** `text`: the block's position in the stream's block order (its length is set at its end). */
  orderPosition: number;
  /** `text`: the block's citations as they came (every kind), for the block order. */
  citations: unknown[] | null;
}

/** Where the stream is. */
export type AnthropicStreamPhase =
  /** nothing yet */
  | 'initial'
  /** after `message_start` (or the first content event, if `message_start` is missing) */
  | 'message'
  /** after `message_stop`: `[DONE]` was sent; later events are ignored */
  | 'finished'
  /** an error payload was sent; later events are ignored and the stream ends without `[DONE]` */
  | 'failed';

/**
 * The state of one stream, created by {@link createAnthropicToOpenAIStreamState} and updated in place by
 * {@link stepAnthropicStreamEvent} (one object per stream, no allocation per event for the state itself).
 */
export interface AnthropicToOpenAIStreamState {
  readonly id: string;
  readonly created: number;
  readonly systemFingerprint: string;
  readonly includeUsage: boolean;
  readonly jsonModeToolName: string | null;
  readonly onWarning: ((warning: TranslationWarning) => void) | undefined;
  model: string;
  phase: AnthropicStreamPhase;
  /** Whether a content block was started since `message_start` (a later `message_start` then means a restart). */
  contentStarted: boolean;
  finishReasonSent: boolean;
  toolCallCount: number;
  jsonModeToolSeen: boolean;
  /**
   * JSON mode through a tool only: text written before the JSON tool (bounded by the reply), sent as content at the
   * end if the tool never comes, dropped (as by the non-stream mapper) when it does.
   */
  heldText: string;
  /** UTF-16 length of the `content` streamed so far (annotation indices). */
  contentLength: number;
  openBlocks: Map<number, AnthropicOpenBlock>;
  /** `message_start` usage merged with every cumulative `message_delta` usage. */
  usage: AnthropicStreamUsage;
  /** Unknown event types already reported (one warning per type). */
  unknownEventsReported: Set<string> | null;
  /** The reply's block order (`anthropic_block_order`, sent with the finish chunk when thinking is interleaved). */
  blockOrder: AnthropicBlockOrderRecorder;
  /** Anthropic's `input_transformations` as last reported (reported as warnings when the stream ends). */
  inputTransformations: unknown;
  /** The client's field of each thinking block sent back, by Anthropic path (from the request mapping's context). */
  readonly thinkingBlockParams: Readonly<Record<string, string>> | undefined;
}

/**
 * A fresh stream state: draws the stream's `id` (`generateId('chatcmpl')`), `created` (`now()`) and
 * `system_fingerprint` (`generateId('fp')`) once.
 */
export function createAnthropicToOpenAIStreamState(options: AnthropicToOpenAIStreamOptions): AnthropicToOpenAIStreamState {
  const { context, environment } = options;
  return {
    id: environment.generateId('chatcmpl'),
    created: environment.now(),
    systemFingerprint: environment.generateId('fp'),
    includeUsage: context.includeUsage === true,
    jsonModeToolName: context.jsonResponse?.mode === 'tool' ? context.jsonResponse.toolName : null,
    onWarning: options.onWarning,
    model: context.requestedModel,
    phase: 'initial',
    contentStarted: false,
    finishReasonSent: false,
    toolCallCount: 0,
    jsonModeToolSeen: false,
    heldText: '',
    contentLength: 0,
    openBlocks: new Map(),
    usage: {},
    unknownEventsReported: null,
    blockOrder: new AnthropicBlockOrderRecorder(),
    inputTransformations: undefined,
    thinkingBlockParams: context.thinkingBlockParams,
  };
}

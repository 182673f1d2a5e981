/**
 * What Interlingua sends to Anthropic's `POST /v1/messages` (outbound, so plain TypeScript types; the type-level
 * test checks that `AnthropicMessageCreateBody` is assignable to `@anthropic-ai/sdk`'s `MessageCreateParams`).
 */

export interface AnthropicCacheControl {
  type: 'ephemeral';
  ttl?: '5m' | '1h';
}

export interface AnthropicTextBlock {
  type: 'text';
  text: string;
  cache_control?: AnthropicCacheControl;
}

export type AnthropicImageSource =
  | { type: 'base64'; media_type: 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp'; data: string }
  | { type: 'url'; url: string };

export interface AnthropicImageBlock {
  type: 'image';
  source: AnthropicImageSource;
  cache_control?: AnthropicCacheControl;
}

export type AnthropicDocumentSource =
  | { type: 'base64'; media_type: 'application/pdf'; data: string }
  | { type: 'text'; media_type: 'text/plain'; data: string }
  | { type: 'url'; url: string }
  | { type: 'file'; file_id: string };

export interface AnthropicDocumentBlock {
  type: 'document';
  source: AnthropicDocumentSource;
  title?: string;
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicThinkingBlock {
  type: 'thinking';
  thinking: string;
  signature: string;
}

export interface AnthropicRedactedThinkingBlock {
  type: 'redacted_thinking';
  data: string;
}

export interface AnthropicToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: Record<string, unknown>;
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content?: string | Array<AnthropicTextBlock | AnthropicImageBlock>;
  is_error?: boolean;
  cache_control?: AnthropicCacheControl;
}

export type AnthropicUserContentBlock = AnthropicTextBlock | AnthropicImageBlock | AnthropicDocumentBlock | AnthropicToolResultBlock;

/**
 * A block a client sent back verbatim in the `anthropic_blocks` extension (`server_tool_use`,
 * `web_search_tool_result`, …): replayed as is; also a reply's text block replayed with its citations as they came
 * (`anthropic_block_order`).
 */
export interface AnthropicReplayedBlock {
  type: string;
  [key: string]: unknown;
}

export type AnthropicAssistantContentBlock =
  | AnthropicThinkingBlock
  | AnthropicRedactedThinkingBlock
  | AnthropicTextBlock
  | AnthropicToolUseBlock
  | AnthropicReplayedBlock;

export interface AnthropicUserMessage {
  role: 'user';
  content: AnthropicUserContentBlock[];
}

export interface AnthropicAssistantMessage {
  role: 'assistant';
  content: AnthropicAssistantContentBlock[];
}

/** A mid-conversation system message (models whose catalog entry has `midConversationSystemMessages`). */
export interface AnthropicSystemMessage {
  role: 'system';
  content: AnthropicTextBlock[];
}

export type AnthropicMessage = AnthropicUserMessage | AnthropicAssistantMessage | AnthropicSystemMessage;

export interface AnthropicCustomTool {
  name: string;
  description?: string;
  input_schema: { type: 'object'; [key: string]: unknown };
  strict?: boolean;
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicWebSearchTool {
  type: 'web_search_20250305';
  name: 'web_search';
  max_uses?: number;
  user_location?: { type: 'approximate'; city?: string; region?: string; country?: string; timezone?: string };
}

/** An Anthropic-native tool object the client sent as-is (`{type: 'code_execution_20260120', name, …}`), passed through. */
export interface AnthropicNativeTool {
  type: string;
  name: string;
  [key: string]: unknown;
}

export type AnthropicTool = AnthropicCustomTool | AnthropicWebSearchTool | AnthropicNativeTool;

export type AnthropicToolChoice =
  | { type: 'auto'; disable_parallel_tool_use?: boolean }
  | { type: 'any'; disable_parallel_tool_use?: boolean }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean }
  | { type: 'none' };

/** `thinking.display`: `summarized` returns the thinking text, `omitted` only its signature. */
export type AnthropicThinkingDisplay = 'summarized' | 'omitted';

export type AnthropicThinkingConfig =
  | { type: 'enabled'; budget_tokens: number; display?: AnthropicThinkingDisplay }
  | { type: 'adaptive'; display?: AnthropicThinkingDisplay }
  | { type: 'disabled' }
  | { type: 'between_tools' };

export interface AnthropicOutputConfig {
  format?: { type: 'json_schema'; schema: Record<string, unknown> };
  effort?: 'low' | 'medium' | 'high' | 'xhigh' | 'max';
}

/** The fields of `POST /v1/messages` other than `stream`. */
export interface AnthropicMessageCreateFields {
  model: string;
  max_tokens: number;
  messages: AnthropicMessage[];
  system?: AnthropicTextBlock[];
  tools?: AnthropicTool[];
  tool_choice?: AnthropicToolChoice;
  thinking?: AnthropicThinkingConfig;
  output_config?: AnthropicOutputConfig;
  temperature?: number;
  top_p?: number;
  stop_sequences?: string[];
  metadata?: { user_id: string };
  /** Automatic prompt caching: the breakpoint goes on the last cacheable block and moves forward as the conversation grows. */
  cache_control?: AnthropicCacheControl;
}

/** The body of `POST /v1/messages`: `stream: true` only for streamed requests (absent otherwise). */
export type AnthropicMessageCreateBody = (AnthropicMessageCreateFields & { stream?: false }) | (AnthropicMessageCreateFields & { stream: true });

/** The request the gateway sends upstream (credentials are added by the gateway, never here). */
export interface AnthropicUpstreamRequest {
  method: 'POST';
  path: '/v1/messages';
  headers: Record<string, string>;
  body: AnthropicMessageCreateBody;
}

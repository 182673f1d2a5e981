/**
 * The body of `POST /v1/messages` (Anthropic's `CreateMessageParams`) as a client sends it, and the body of
 * `POST /v1/messages/count_tokens` (`CountMessageTokensParams`).
 *
 * Every object type carries an index signature: fields this project does not know (new betas) are kept, so an
 * Anthropic upstream receives them unchanged and the mapper can name them in a warning. The zod schemas in
 * `messages-request-schema.ts` mirror these types.
 *
 * Fields newer than the vendored spec (v195), taken from the current API reference and `@anthropic-ai/sdk` 1.14:
 * `thinking: {type: 'adaptive', display?}`, `output_config: {effort?, format?}`, `cache_control` at the top level,
 * the `role: 'system'` message, tool `strict` / `type: 'custom'`, `stop_reason: 'model_context_window_exceeded'`.
 */

/** A prompt-cache breakpoint (`CacheControlEphemeral`). */
export interface MessagesCacheControl {
  type: 'ephemeral';
  /** `5m` (default) or `1h`. */
  ttl?: '5m' | '1h';
  [key: string]: unknown;
}

export interface MessagesTextBlockParam {
  type: 'text';
  text: string;
  cache_control?: MessagesCacheControl | null;
  citations?: unknown[] | null;
  [key: string]: unknown;
}

export interface MessagesBase64ImageSource {
  type: 'base64';
  media_type: 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';
  data: string;
  [key: string]: unknown;
}

export interface MessagesUrlSource {
  type: 'url';
  url: string;
  [key: string]: unknown;
}

export interface MessagesFileSource {
  type: 'file';
  file_id: string;
  [key: string]: unknown;
}

export interface MessagesImageBlockParam {
  type: 'image';
  source: MessagesBase64ImageSource | MessagesUrlSource | MessagesFileSource;
  cache_control?: MessagesCacheControl | null;
  [key: string]: unknown;
}

export interface MessagesBase64PdfSource {
  type: 'base64';
  media_type: 'application/pdf';
  data: string;
  [key: string]: unknown;
}

export interface MessagesPlainTextSource {
  type: 'text';
  media_type: 'text/plain';
  data: string;
  [key: string]: unknown;
}

export interface MessagesContentBlockSource {
  type: 'content';
  content: string | Array<MessagesTextBlockParam | MessagesImageBlockParam>;
  [key: string]: unknown;
}

export interface MessagesDocumentBlockParam {
  type: 'document';
  source: MessagesBase64PdfSource | MessagesPlainTextSource | MessagesUrlSource | MessagesFileSource | MessagesContentBlockSource;
  title?: string | null;
  context?: string | null;
  citations?: { enabled?: boolean; [key: string]: unknown } | null;
  cache_control?: MessagesCacheControl | null;
  [key: string]: unknown;
}

export interface MessagesToolUseBlockParam {
  type: 'tool_use';
  id: string;
  name: string;
  input: unknown;
  cache_control?: MessagesCacheControl | null;
  [key: string]: unknown;
}

export interface MessagesToolResultBlockParam {
  type: 'tool_result';
  tool_use_id: string;
  content?: string | Array<MessagesTextBlockParam | MessagesImageBlockParam | MessagesDocumentBlockParam>;
  is_error?: boolean;
  cache_control?: MessagesCacheControl | null;
  [key: string]: unknown;
}

export interface MessagesThinkingBlockParam {
  type: 'thinking';
  thinking: string;
  signature: string;
  [key: string]: unknown;
}

export interface MessagesRedactedThinkingBlockParam {
  type: 'redacted_thinking';
  data: string;
  [key: string]: unknown;
}

/** The content blocks of a request message that this project translates (server-tool blocks are not among them). */
export type MessagesContentBlockParam =
  | MessagesTextBlockParam
  | MessagesImageBlockParam
  | MessagesDocumentBlockParam
  | MessagesToolUseBlockParam
  | MessagesToolResultBlockParam
  | MessagesThinkingBlockParam
  | MessagesRedactedThinkingBlockParam;

export interface MessagesMessageParam {
  /** `system` is the 2026 in-conversation system message (SDK 1.14 `SystemMessageParam`). */
  role: 'user' | 'assistant' | 'system';
  content: string | MessagesContentBlockParam[];
  [key: string]: unknown;
}

/** A custom (client) tool. `type` is absent or `custom`; any other `type` is a server tool (`web_search_20250305`, …). */
export interface MessagesCustomTool {
  type?: 'custom' | null;
  name: string;
  description?: string;
  input_schema: { type: 'object'; properties?: Record<string, unknown> | null; required?: string[] | null; [key: string]: unknown };
  strict?: boolean;
  cache_control?: MessagesCacheControl | null;
  [key: string]: unknown;
}

/** A server or Anthropic-defined tool (`{type: 'web_search_20250305', name: 'web_search', …}`): kept as sent. */
export interface MessagesServerTool {
  type: string;
  name: string;
  [key: string]: unknown;
}

export type MessagesTool = MessagesCustomTool | MessagesServerTool;

export type MessagesToolChoice =
  | { type: 'auto'; disable_parallel_tool_use?: boolean; [key: string]: unknown }
  | { type: 'any'; disable_parallel_tool_use?: boolean; [key: string]: unknown }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean; [key: string]: unknown }
  | { type: 'none'; [key: string]: unknown };

export type MessagesThinkingConfig =
  | { type: 'enabled'; budget_tokens: number; display?: 'summarized' | 'omitted' | null; [key: string]: unknown }
  | { type: 'adaptive'; display?: 'summarized' | 'omitted' | null; [key: string]: unknown }
  | { type: 'disabled'; [key: string]: unknown };

export type MessagesEffort = 'low' | 'medium' | 'high' | 'xhigh' | 'max';

export interface MessagesOutputConfig {
  effort?: MessagesEffort | null;
  format?: { type: 'json_schema'; schema: Record<string, unknown>; [key: string]: unknown } | null;
  [key: string]: unknown;
}

/** The fields `POST /v1/messages` and `POST /v1/messages/count_tokens` share. */
export interface MessagesRequestBase {
  model: string;
  messages: MessagesMessageParam[];
  system?: string | MessagesTextBlockParam[];
  metadata?: { user_id?: string | null; [key: string]: unknown };
  stop_sequences?: string[];
  temperature?: number;
  top_p?: number;
  top_k?: number;
  thinking?: MessagesThinkingConfig;
  output_config?: MessagesOutputConfig;
  tools?: MessagesTool[];
  tool_choice?: MessagesToolChoice;
  service_tier?: 'auto' | 'standard_only';
  /** Top-level automatic cache breakpoint (2026). */
  cache_control?: MessagesCacheControl | null;
  [key: string]: unknown;
}

export interface MessagesCreateRequest extends MessagesRequestBase {
  max_tokens: number;
  stream?: boolean;
}

/** `POST /v1/messages/count_tokens`: the create body without `max_tokens` (one sent anyway is accepted). */
export interface MessagesCountTokensRequest extends MessagesRequestBase {
  max_tokens?: number;
}

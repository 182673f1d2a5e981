/**
 * Wire shapes of tools, tool choice and response format in a Chat Completions request.
 * See `chat-completion-message-param.ts` for the conventions (index signatures keep unknown fields).
 */
import type { ChatCompletionContentPartText } from './chat-completion-message-param.js';

/** A JSON Schema object describing function parameters (kept as-is). */
export interface FunctionParameters {
  [key: string]: unknown;
}

export interface FunctionDefinition {
  name: string;
  description?: string;
  parameters?: FunctionParameters;
  /** Structured Outputs: the model must follow `parameters` exactly. */
  strict?: boolean | null;
  [key: string]: unknown;
}

export interface ChatCompletionFunctionTool {
  type: 'function';
  function: FunctionDefinition;
  [key: string]: unknown;
}

export interface CustomToolTextFormat {
  type: 'text';
  [key: string]: unknown;
}

export interface CustomToolGrammar {
  definition: string;
  syntax: 'lark' | 'regex';
  [key: string]: unknown;
}

export interface CustomToolGrammarFormat {
  type: 'grammar';
  grammar: CustomToolGrammar;
  [key: string]: unknown;
}

export type CustomToolFormat = CustomToolTextFormat | CustomToolGrammarFormat;

export interface CustomToolDefinition {
  name: string;
  description?: string;
  format?: CustomToolFormat;
  [key: string]: unknown;
}

export interface ChatCompletionCustomTool {
  type: 'custom';
  custom: CustomToolDefinition;
  [key: string]: unknown;
}

/** An entry of `tools`, discriminated by `type`. */
export type ChatCompletionTool = ChatCompletionFunctionTool | ChatCompletionCustomTool;

/**
 * A provider's own tool object passed through to that provider: Anthropic's versioned server tools (e.g.
 * `{type: 'web_search_20250305', name: 'web_search'}`), recognised by their versioned type name, and Google's built-in
 * tools (`{type: 'google_search'}` or `{google_search: {}}`, likewise `url_context`, `code_execution`).
 */
export type ChatCompletionProviderNativeTool =
  | { type: `${string}_${number}`; [key: string]: unknown }
  /** Google's built-in tools, by name or as Google's `Tool` object (`{google_search: {}}`), for Gemini upstreams. */
  | { type: 'google_search' | 'url_context' | 'code_execution'; [key: string]: unknown }
  | { google_search: { [key: string]: unknown }; [key: string]: unknown }
  | { googleSearch: { [key: string]: unknown }; [key: string]: unknown }
  | { url_context: { [key: string]: unknown }; [key: string]: unknown }
  | { urlContext: { [key: string]: unknown }; [key: string]: unknown }
  | { code_execution: { [key: string]: unknown }; [key: string]: unknown }
  | { codeExecution: { [key: string]: unknown }; [key: string]: unknown };

export interface ChatCompletionAllowedTools {
  mode: 'auto' | 'required';
  /** Tool references such as `{ "type": "function", "function": { "name": "get_weather" } }`. */
  tools: Array<{ [key: string]: unknown }>;
  [key: string]: unknown;
}

export interface ChatCompletionAllowedToolsChoice {
  type: 'allowed_tools';
  allowed_tools: ChatCompletionAllowedTools;
  [key: string]: unknown;
}

export interface ChatCompletionNamedToolChoiceFunction {
  name: string;
  [key: string]: unknown;
}

export interface ChatCompletionNamedToolChoice {
  type: 'function';
  function: ChatCompletionNamedToolChoiceFunction;
  [key: string]: unknown;
}

export interface ChatCompletionNamedToolChoiceCustom {
  type: 'custom';
  custom: ChatCompletionNamedToolChoiceFunction;
  [key: string]: unknown;
}

/** `tool_choice`: a mode string, an allowed-tools restriction, or one named function or custom tool. */
export type ChatCompletionToolChoiceOption =
  | 'none'
  | 'auto'
  | 'required'
  | ChatCompletionAllowedToolsChoice
  | ChatCompletionNamedToolChoice
  | ChatCompletionNamedToolChoiceCustom;

/** @deprecated legacy `functions` entry; use `tools`. */
export interface ChatCompletionFunctions {
  name: string;
  description?: string;
  parameters?: FunctionParameters;
  [key: string]: unknown;
}

/** @deprecated legacy `function_call` option naming one function. */
export interface ChatCompletionFunctionCallOption {
  name: string;
  [key: string]: unknown;
}

export interface ResponseFormatText {
  type: 'text';
  [key: string]: unknown;
}

export interface ResponseFormatJsonObject {
  type: 'json_object';
  [key: string]: unknown;
}

export interface ResponseFormatJsonSchemaSchema {
  [key: string]: unknown;
}

export interface ResponseFormatJsonSchemaOptions {
  name: string;
  description?: string;
  /** The JSON Schema (OpenAI's field). */
  schema?: ResponseFormatJsonSchemaSchema;
  /**
   * Non-standard alias of `schema` used by some gateways' docs (`json_schema.parameters`).
   * Mappers should read `schema ?? parameters`.
   */
  parameters?: ResponseFormatJsonSchemaSchema;
  strict?: boolean | null;
  [key: string]: unknown;
}

export interface ResponseFormatJsonSchema {
  type: 'json_schema';
  json_schema: ResponseFormatJsonSchemaOptions;
  [key: string]: unknown;
}

export type ResponseFormat = ResponseFormatText | ResponseFormatJsonObject | ResponseFormatJsonSchema;

export interface PredictionContent {
  type: 'content';
  /** @minItems 1 */
  content: string | ChatCompletionContentPartText[];
  [key: string]: unknown;
}

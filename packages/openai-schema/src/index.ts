export * from './translation-contract.js';

export type * from './chat-completion-message-param.js';
export type * from './chat-completion-tool.js';
export type * from './chat-completion-request.js';
export type * from './chat-completion.js';
export type * from './chat-completion-chunk.js';
export type * from './openai-stream-frame.js';
export type * from './completion-usage.js';
export type * from './openai-error-envelope.js';

export * from './chat-completion-request-schema.js';
export * from './chat-completion-schema.js';
export * from './chat-completion-chunk-schema.js';
export * from './completion-usage-schema.js';
export * from './openai-error-envelope-schema.js';
export { lazySchema, type LazySchema } from './lazy-schema.js';
export { jsonObjectAsIs } from './zod-helpers.js';

export { parseChatCompletionRequest } from './parse-chat-completion-request.js';
export { parseChatCompletion } from './parse-chat-completion.js';
export { parseChatCompletionChunk } from './parse-chat-completion-chunk.js';
export type { ParseResult } from './parse-result.js';
export { parseWithSchema, type ParseFailureStyle } from './parse-result.js';
export { compileSchemaChecker, type SchemaChecker } from './compile-schema-checker.js';
export { createCheckedSafeParse } from './create-checked-safe-parse.js';
export { createOpenAIError, defaultOpenAIErrorType, type CreateOpenAIErrorOptions, type OpenAIErrorResponse } from './create-openai-error.js';
export { formatJsonPath } from './format-json-path.js';
export {
  compareVersions,
  findCatalogEntry,
  mergeModelCatalog,
  parseVersion,
  resolveCatalogModel,
  type ModelCatalog,
  type ModelCatalogEntry,
  type ModelCatalogMatch,
  type ModelCatalogOverride,
  type ParsedModelId,
  type ResolvedModel,
} from './model-catalog.js';
export * from './hub-request-paths.js';
export * from './utf8-encoder.js';
export * from './anthropic-block-order.js';

// Pure entry: types, comparison and normalisation functions, the in-process runner. No Node APIs.
export type * from './fixture-case.js';
export { createCaseEnvironment } from './create-case-environment.js';
export { compareJsonValues, formatValueDifferences, type ValueDifference, type CompareJsonValuesOptions } from './compare-json-values.js';
export {
  IdNormaliser,
  normaliseCompletion,
  normaliseMessage,
  normaliseUsage,
  normaliseErrorEnvelope,
  isErrorEnvelope,
  type NormaliseOptions,
} from './normalise-openai-reply.js';
export { parseOpenAISse, type OpenAISseFrame } from './parse-openai-sse.js';
export { accumulateOpenAIStream, type AccumulatedStream } from './accumulate-openai-stream.js';
export { checkOpenAIChunkGrammar, type ChunkGrammarOptions } from './check-openai-chunk-grammar.js';
export { checkResponsesEventGrammar, parseResponsesSse, type ResponsesStreamEvent } from './check-responses-event-grammar.js';
export { checkMessagesEventGrammar, parseMessagesSse, type MessagesSseEvent } from './check-messages-event-grammar.js';
export { compareMessagesReply, normaliseMessagesValue } from './compare-messages-reply.js';
export {
  compareUpstreamRequest,
  normaliseUpstreamBody,
  upstreamComparisonOptions,
  upstreamPathMatches,
  type ObservedUpstreamRequest,
  type UpstreamComparisonOptions,
} from './compare-upstream-request.js';
export { compareGatewayReply, type CompareGatewayReplyOptions, type ObservedGatewayReply, type ReplyComparison } from './compare-gateway-reply.js';
export {
  CATEGORY_ORDER,
  createCaseResult,
  summariseConformanceResults,
  formatCategoryTable,
  formatCaseTable,
  formatConformanceReport,
  type CaseResult,
  type CategoryScore,
  type ConformanceReport,
} from './conformance-report.js';
export {
  runConformanceInProcess,
  type InProcessTranslator,
  type InProcessRequestResult,
  type InProcessResponseResult,
  type RunConformanceInProcessOptions,
} from './run-conformance-in-process.js';
export { applyJsonMutation, JSON_MUTATION_KINDS, type JsonMutation } from './apply-json-mutation.js';
export { recordedUpstreamReply } from './recorded-upstream-reply.js';

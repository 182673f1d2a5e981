// Node-only entry: reads the fixture cases from disk.
export { loadFixtureCase, loadFixtureCases, type LoadFixtureCasesOptions } from './load-fixture-cases.js';
export { fixturesRoot, recordingsRoot, readVendoredSpec, specsRoot, type VendoredSpec } from './fixtures-root.js';
export { createCaseEnvironment } from './create-case-environment.js';
export { serveOnLoopback, type LoopbackServer } from './serve-on-loopback.js';
export {
  startResponsesClientUpstream,
  recordedUpstreamBody,
  recordedAnthropicContent,
  recordedGeminiParts,
  AGENT_TOOL_RUNS,
  AGENT_WEATHER_TOOL_PARAMETERS,
  RESPONSES_WEATHER_TOOL,
  type AgentToolRun,
  type ResponsesClientUpstream,
  type ResponsesClientUpstreamCall,
  type ResponsesClientUpstreamOptions,
} from './start-responses-client-upstream.js';
export { createOpenAISpecValidator, type OpenAISpecValidator } from './create-openai-spec-validator.js';
export { createResponsesSpecValidator, type ResponsesSpecValidator } from './create-responses-spec-validator.js';
export { createOpenResponsesSpecValidator, type OpenResponsesSpecValidator } from './create-open-responses-spec-validator.js';
export { readResponsesClientStream, type ResponsesClientStream } from './read-responses-client-stream.js';
export {
  createFaultyUpstream,
  reserveRefusedUrl,
  type FaultPlan,
  type FaultyReplyStep,
  type FaultyUpstream,
  type FaultyUpstreamRequest,
  type FaultyUpstreamStats,
} from './create-faulty-upstream.js';
export {
  createFaultScenarios,
  checkFaultOutcome,
  faultScenarioModel,
  faultScenarioRequest,
  planFaultScenario,
  FAULT_GATEWAY_LIMITS,
  FAULT_STATUSES,
  type FaultOutcome,
  type FaultProvider,
  type FaultScenario,
  type ObservedFaultReply,
} from './fault-scenarios.js';
export { findSecrets } from './find-secrets.js';
export { findBeyondSpec } from './find-beyond-spec.js';
export {
  checkReplyParserAgreement,
  findRecordedObjects,
  fixtureReplyBodies,
  type SafeParseLike,
} from './check-reply-parser-agreement.js';

// Node-only entry: the mock upstream and the black-box runner (and everything of the pure entry a runner needs).
export { startMockUpstream, type MockUpstream, type MockUpstreamCall, type StartMockUpstreamOptions } from './start-mock-upstream.js';
export { runConformance, globToRegExp, type RunConformanceOptions } from './run-conformance.js';
export {
  interlinguaTarget,
  portkeyTarget,
  genericTarget,
  interlinguaGatewayConfig,
  interlinguaServeCommands,
  caseModelRoutes,
  mockBaseUrls,
  needsStrictGateway,
  type ConformanceTarget,
  type GenericTargetOptions,
} from './conformance-targets.js';
export {
  CATEGORY_ORDER,
  summariseConformanceResults,
  formatCategoryTable,
  formatCaseTable,
  formatConformanceReport,
  type CaseResult,
  type CategoryScore,
  type ConformanceReport,
} from './conformance-report.js';

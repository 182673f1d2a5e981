// Node-only entry: reads the fixture cases from disk.
export { loadFixtureCase, loadFixtureCases, type LoadFixtureCasesOptions } from './load-fixture-cases.js';
export { fixturesRoot, sharedRoot } from './fixtures-root.js';
export { createCaseEnvironment } from './create-case-environment.js';
export { serveOnLoopback, type LoopbackServer } from './serve-on-loopback.js';
export { createOpenAISpecValidator, type OpenAISpecValidator } from './create-openai-spec-validator.js';

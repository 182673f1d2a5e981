export type * from './responses-request.js';
export type * from './response-object.js';
export type * from './response-stream-event.js';
export { TERMINAL_RESPONSE_EVENT_TYPES } from './response-stream-event.js';
export * from './responses-request-schema.js';
export { parseResponsesRequest } from './parse-responses-request.js';
/** The Responses API answers HTTP errors in the same envelope as the rest of OpenAI's API. */
export type { OpenAIErrorEnvelope as ResponsesErrorEnvelope } from '@interlingua/openai-schema';

export type * from './messages-request.js';
export type * from './message.js';
export * from './messages-request-schema.js';
export { parseMessagesCreateRequest, parseMessagesCountTokensRequest, formatMessagesPath, type MessagesParseResult } from './parse-messages-request.js';
export { createMessagesError, isMessagesErrorType, messagesErrorTypeForStatus, statusForMessagesErrorType } from './create-messages-error.js';

export { convertMessagesRequestToChat, MESSAGES_API_VERSION_2026, type ConvertMessagesRequestOptions, type ConvertMessagesRequestResult } from './convert-messages-request-to-chat.js';
export { convertChatCompletionToMessage, parseToolArguments, thinkingBlocksOf, type ConvertChatCompletionOptions } from './convert-chat-completion-to-message.js';
export { convertChatUsageToMessagesUsage } from './convert-chat-usage-to-messages-usage.js';
export { convertOpenAIErrorToMessages } from './convert-openai-error-to-messages.js';
export { mapFinishReasonToStopReason } from './map-finish-reason-to-stop-reason.js';
export { mapMessagesThinkingToReasoningEffort } from './map-messages-thinking-to-reasoning-effort.js';
export { createMessageId, sanitizeToolUseId } from './create-message-id.js';
export { CONTINUATION_PREFIX, decodeContinuation, encodeContinuation, isContinuationData, type ContinuationData } from './continuation-carrier.js';
export type { MessagesTranslationContext } from './messages-translation-context.js';

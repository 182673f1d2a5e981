export { stepChatStreamInput, mapOpenAIErrorTypeToMessages, mergeExtension, type ChatStreamInput } from './step-chat-stream-input.js';
export { createMessagesStreamState, type MessagesStreamOptions, type MessagesStreamState, type OpenBlock } from './messages-stream-state.js';
export { createChatToMessagesTranscoder, type ChatToMessagesTranscoder } from './create-chat-to-messages-transcoder.js';
export { createChatToMessagesStream } from './create-chat-to-messages-stream.js';
export { formatMessagesEvent, createPingEvent } from './format-messages-event.js';

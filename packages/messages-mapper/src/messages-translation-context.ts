/**
 * What the reply side (`convertChatCompletionToMessage`, the stream transducer) needs to know about the request.
 * Returned by `convertMessagesRequestToChat`.
 */
export interface MessagesTranslationContext {
  /** The model the client asked for: the `model` of the Message. */
  model: string;
  /** `stream: true` was asked for. */
  stream: boolean;
  /** The client's `stop_sequences`: a reply that says which one matched (vLLM's `stop_reason`) gets `stop_sequence`. */
  stopSequences: string[];
  /** `thinking.display: 'omitted'`: thinking text is replaced by `''`, signatures are kept (as Anthropic does). */
  omitThinking: boolean;
}

import type { ContinuationData, MessagesTranslationContext } from '@interlingua/messages-mapper';
import type { TranslationEnvironment, TranslationWarning } from '@interlingua/openai-schema';

export type OpenBlock =
  | { kind: 'text'; index: number }
  | { kind: 'thinking'; index: number }
  | { kind: 'tool_use'; index: number; toolIndex: number };

export interface MessagesStreamOptions {
  /**
   * The input token count to announce in `message_start` before the upstream reports one (an estimate the caller
   * made, e.g. with a tokenizer). The final `message_delta` always carries the upstream's count. Default 0.
   */
  inputTokens?: number;
}

/** Everything the step function keeps between hub events: a few counters and the open block, never the text. */
export interface MessagesStreamState {
  context: MessagesTranslationContext;
  environment: TranslationEnvironment;
  options: MessagesStreamOptions;
  started: boolean;
  /** `message_stop` or `error` was sent: nothing more is. */
  ended: boolean;
  nextIndex: number;
  open: OpenBlock | null;
  /** Tool-call index of the hub → whether its block was opened (and closed since). */
  toolsSeen: Set<number>;
  finishReason: unknown;
  matchedStop: unknown;
  refused: boolean;
  usage: unknown;
  carried: ContinuationData;
  warnings: TranslationWarning[];
  /** Warning codes already reported (each is reported once per stream). */
  warned: Set<string>;
}

export function createMessagesStreamState(
  context: MessagesTranslationContext,
  environment: TranslationEnvironment,
  options: MessagesStreamOptions = {},
): MessagesStreamState {
  return {
    context,
    environment,
    options,
    started: false,
    ended: false,
    nextIndex: 0,
    open: null,
    toolsSeen: new Set(),
    finishReason: null,
    matchedStop: undefined,
    refused: false,
    usage: undefined,
    carried: {},
    warnings: [],
    warned: new Set(),
  };
}

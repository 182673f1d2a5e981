import type { CompletionUsage, TranslationWarning } from '@interlingua/openai-schema';
import type { ReasoningCarrier, ResponsesTranslationContext } from '@interlingua/responses-mapper';
import type {
  ResponseFunctionToolCall,
  ResponseObject,
  ResponseOutputItem,
  ResponseOutputMessage,
  ResponseOutputRefusal,
  ResponseOutputText,
  ResponseReasoningItem,
} from '@interlingua/responses-schema';

export interface OpenReasoning {
  outputIndex: number;
  item: ResponseReasoningItem;
  text: string;
}

export interface OpenMessage {
  outputIndex: number;
  item: ResponseOutputMessage;
  /** The part being written (the last of `item.content`), if any. */
  part: ResponseOutputText | ResponseOutputRefusal | undefined;
}

export interface OpenToolCall {
  outputIndex: number;
  item: ResponseFunctionToolCall;
}

/**
 * Everything a Responses stream remembers between hub chunks. Constant in size apart from what the final Response
 * must hold (its output items, with their text and arguments).
 */
export interface ResponsesStreamState {
  context: ResponsesTranslationContext;
  /** The next `sequence_number`. */
  sequence: number;
  /** `response.created` and `response.in_progress` were sent. */
  started: boolean;
  /** A terminal event was sent; later input is ignored. */
  settled: boolean;
  model: string;
  /** Every output item so far, in output order (the open ones are updated in place). */
  output: ResponseOutputItem[];
  reasoning: OpenReasoning | undefined;
  message: OpenMessage | undefined;
  /** Open function calls by the hub's tool-call `index`. */
  toolCalls: Map<number, OpenToolCall>;
  /** Whether the answer (text, refusal or a tool call) has begun: later signed reasoning goes to the tail carrier. */
  answerStarted: boolean;
  lead: ReasoningCarrier;
  tail: ReasoningCarrier;
  finishReason: string | null;
  usage: CompletionUsage | undefined;
  /** The terminal Response, once sent. */
  response: ResponseObject | undefined;
  /** Lossy steps of this stream (e.g. reply images a Responses message cannot show), each code once. */
  warnings: TranslationWarning[];
}

export function createResponsesStreamState(context: ResponsesTranslationContext): ResponsesStreamState {
  return {
    context,
    sequence: 0,
    started: false,
    settled: false,
    model: context.model,
    output: [],
    reasoning: undefined,
    message: undefined,
    toolCalls: new Map(),
    answerStarted: false,
    lead: {},
    tail: {},
    finishReason: null,
    usage: undefined,
    response: undefined,
    warnings: [],
  };
}

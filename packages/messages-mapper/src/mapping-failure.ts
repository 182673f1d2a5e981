import { createMessagesError, type MessagesErrorEnvelope } from '@interlingua/messages-schema';
import type { TranslationWarning } from '@interlingua/openai-schema';
import type { HubPathEntry } from './hub-request-paths.js';

/**
 * Thrown inside the request mapper at the first input the translated path cannot honour; caught by
 * `convertMessagesRequestToChat`, which returns it as a 400 in Anthropic's envelope. It never leaves the package.
 */
export class MessagesMappingFailure {
  readonly status = 400;
  readonly error: MessagesErrorEnvelope;
  /** `param` is Anthropic's dotted path (`messages.0.content.1.source.type`). */
  constructor(readonly param: string, reason: string) {
    this.error = createMessagesError(400, `${param}: ${reason}`);
  }
}

export interface MappingState {
  warnings: TranslationWarning[];
  strict: boolean;
  /** Where each hub path comes from (filled while mapping a request; absent where nothing needs them). */
  paths?: HubPathEntry[];
}

export function warn(state: MappingState, code: string, param: string, message: string): void {
  state.warnings.push({ code, param, message });
}

/** A field the hub cannot carry: dropped with a `parameter_dropped` warning, or a 400 in strict mode. */
export function dropField(state: MappingState, param: string, reason: string): void {
  if (state.strict) throw new MessagesMappingFailure(param, `${reason}; strict mode rejects it.`);
  warn(state, 'parameter_dropped', param, `${reason}; it was dropped.`);
}

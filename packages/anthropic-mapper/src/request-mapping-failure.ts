import { createOpenAIError, type OpenAIErrorEnvelope, type TranslationWarning } from '@interlingua/openai-schema';

/**
 * Thrown inside the request mapper to stop at the first unsupported input; caught by
 * `convertOpenAIRequestToAnthropic`, which returns it as a 400 result. It never leaves the package.
 */
export class RequestMappingFailure {
  readonly status = 400;
  readonly error: OpenAIErrorEnvelope;
  constructor(message: string, param: string | null, code: string | null = 'unsupported_value') {
    this.error = createOpenAIError(400, message, { type: 'invalid_request_error', param, code }).body;
  }
}

/** What every step of the request mapping shares: the warnings collected so far and the strictness. */
export interface RequestMappingState {
  warnings: TranslationWarning[];
  strict: boolean;
}

export function addWarning(state: RequestMappingState, code: string, param: string, message: string): void {
  state.warnings.push({ code, param, message });
}

/**
 * A parameter Anthropic cannot honour (`reason`, a sentence without its full stop): dropped with a warning, or a 400
 * `unsupported_parameter` in strict mode.
 */
export function dropUnsupported(state: RequestMappingState, param: string, reason: string): void {
  if (state.strict) throw new RequestMappingFailure(`${reason}; strict mode rejects it.`, param, 'unsupported_parameter');
  addWarning(state, 'parameter_dropped', param, `${reason}; it was dropped.`);
}

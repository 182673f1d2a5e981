import {
  convertGeminiGroundingToAnnotations,
  formatCodeExecutionResult,
  formatExecutableCode,
  isKnownGeminiFinishReason,
  mapGeminiFinishReason,
  toReplyImage,
  type GeminiGroundingMetadata,
} from '@interlingua/gemini-mapper';
import type { ChatCompletionChunk, ChatCompletionChunkToolCall, OpenAIErrorEnvelope } from '@interlingua/openai-schema';
import { applyGeminiPartialArgument } from './apply-gemini-partial-argument.js';
import { convertGeminiStreamErrorToOpenAI, createStreamErrorPayload } from './convert-gemini-stream-error-to-openai.js';
import { createOpenAIChunk, createOpenAIDeltaChunk } from './create-openai-chunk.js';
import type { GeminiFunctionCall, GeminiStreamEvent, GeminiStreamPart } from './gemini-stream-event.js';
import type { GeminiChoiceState, GeminiToOpenAIStreamState } from './gemini-to-openai-stream-state.js';

/** What the transducer emits: chunks, or (once, last) an OpenAI error payload. */
export type OpenAIStreamOutput = ChatCompletionChunk | OpenAIErrorEnvelope;

/** Mutable chunk list of one step. */
type Output = OpenAIStreamOutput[];

/**
 * The pure step: one Gemini stream event (a `GenerateContentResponse` whose parts are deltas, or an error body) and
 * the stream state → the OpenAI chunks it produces, in order. Updates `state` in place; reads no clock and no random
 * source (ids come from the state's environment). The end of the stream is {@link finishGeminiToOpenAIStream}'s job.
 *
 * | Gemini | OpenAI |
 * |---|---|
 * | text part | `delta.content` (role `assistant` on the choice's first chunk) |
 * | `thought: true` text part | `delta.reasoning_content` |
 * | `functionCall` part (complete) | one complete tool call `{index, id, type, function: {name, arguments}}` |
 * | `functionCall` pieces (Vertex `partialArgs`) | assembled; one complete tool call when the call ends |
 * | `thoughtSignature` | on a tool call: `extra_content.google.thought_signature`; on other parts: `extra_content.google.thought_signatures: [{part, signature}]` on the delta |
 * | `functionCall` of the JSON response function (`context.jsonResponse`) | `delta.content`: the arguments as JSON text |
 * | `executableCode`, `codeExecutionResult` | `delta.content`: fenced code / output blocks (the mapper's formatters) |
 * | `inlineData` (image output) | `delta.images: [{type: image_url, image_url: {url: data:…}}]` |
 * | `groundingMetadata` | `delta.annotations` (`url_citation`, indices in the content sent so far) + `extra_content.google.grounding_metadata` |
 * | `urlContextMetadata` | `delta.extra_content.google.url_context_metadata` |
 * | `finishReason` | one `{delta: {}, finish_reason}` chunk for the choice |
 * | `promptFeedback.blockReason`, no candidates | choice 0 finishes with `content_filter` |
 * | `usageMetadata` with counts | remembered; the last one becomes the usage chunk at the end |
 * | `{error: …}` | an OpenAI error payload; the rest of the stream is ignored |
 */
export function translateGeminiStreamEvent(event: GeminiStreamEvent, state: GeminiToOpenAIStreamState): Output {
  const output: Output = [];
  if (state.failed || state.ended) return output;
  state.sawEvent = true;
  if (event.error !== undefined && event.error !== null) {
    fail(state, output, convertGeminiStreamErrorToOpenAI(event.error));
    return output;
  }
  const usage = event.usageMetadata;
  if (usage !== undefined && hasTokenCounts(usage)) state.usage = usage;

  const candidates = event.candidates;
  if (candidates !== undefined && candidates.length > 0) {
    for (let position = 0; position < candidates.length; position++) {
      const candidate = candidates[position]!;
      const choice = getChoice(state, candidate.index ?? position);
      if (choice.finished) {
        warn(state, 'event_after_finish', `candidates[${choice.index}]`, `Gemini sent content for candidate ${choice.index} after its finishReason; it was ignored.`);
        continue;
      }
      const parts = candidate.content?.parts;
      if (parts !== undefined) {
        for (let p = 0; p < parts.length; p++) {
          translatePart(state, choice, parts[p]!, output);
          if (state.failed) return output;
        }
      }
      translateCandidateMetadata(state, choice, candidate as unknown as Record<string, unknown>, output);
      const finishReason = candidate.finishReason;
      if (finishReason !== undefined && finishReason !== null) finishChoice(state, choice, finishReason, output);
      if (state.failed) return output;
    }
  } else {
    const blockReason = event.promptFeedback?.blockReason;
    if (blockReason !== undefined) {
      const choice = getChoice(state, 0);
      if (!choice.finished) {
        warn(state, 'prompt_blocked', 'promptFeedback.blockReason', `Gemini blocked the prompt (${blockReason}${event.promptFeedback?.blockReasonMessage ? `: ${event.promptFeedback.blockReasonMessage}` : ''}); the answer ends with finish_reason content_filter.`);
        if (!choice.started) output.push(createOpenAIDeltaChunk(state, choice, { content: '' }));
        choice.finished = true;
        output.push(createOpenAIChunk(state, choice.index, {}, 'content_filter'));
      }
    }
  }
  return output;
}

function translatePart(state: GeminiToOpenAIStreamState, choice: GeminiChoiceState, part: GeminiStreamPart, output: Output): void {
  const functionCall = part.functionCall;
  if (functionCall !== undefined && functionCall !== null) {
    translateFunctionCallPart(state, choice, functionCall, part.thoughtSignature, output);
    return;
  }
  // Any other part ends a streamed call that is still open.
  if (choice.pendingCall !== undefined) completePendingCall(state, choice, output);
  const text = part.text;
  const signature = part.thoughtSignature;
  if (typeof text === 'string') {
    if (text === '' && signature === undefined) return;
    const delta: Record<string, unknown> = {};
    if (text !== '') {
      if (part.thought === true) delta.reasoning_content = text;
      else delta.content = text;
    }
    if (signature !== undefined) {
      delta.extra_content = messageSignature(text === '' ? 'trailing' : part.thought === true ? 'reasoning' : 'content', signature);
    }
    if (delta.content !== undefined && choice.groundingText !== undefined) choice.groundingText += text;
    output.push(createOpenAIDeltaChunk(state, choice, delta));
    return;
  }
  const other = part as Record<string, unknown>;
  const code = other.executableCode;
  const result = other.codeExecutionResult;
  const image = other.inlineData;
  if (isRecord(code) || isRecord(result)) {
    const content = isRecord(code) ? formatExecutableCode(code as { language?: string; code?: string }) : formatCodeExecutionResult(result as { outcome?: string; output?: string });
    pushContent(choice, content, signature !== undefined ? messageSignature('content', signature) : undefined, state, output);
    return;
  }
  if (isRecord(image) && part.thought !== true) {
    const delta: Record<string, unknown> = { images: [toReplyImage(image as { mimeType?: string; data?: string })] };
    if (signature !== undefined) delta.extra_content = messageSignature('trailing', signature);
    output.push(createOpenAIDeltaChunk(state, choice, delta));
    return;
  }
  const kinds = Object.keys(part).filter((key) => key !== 'thoughtSignature' && key !== 'thought');
  warn(state, 'part_dropped', `candidates[${choice.index}].content.parts`, `A Gemini part of kind ${kinds.join(', ') || '(empty)'} has no OpenAI chunk form and was dropped.`);
  if (signature !== undefined) {
    output.push(createOpenAIDeltaChunk(state, choice, { extra_content: messageSignature('trailing', signature) }));
  }
}

function translateFunctionCallPart(
  state: GeminiToOpenAIStreamState,
  choice: GeminiChoiceState,
  call: GeminiFunctionCall,
  signature: string | undefined,
  output: Output,
): void {
  const pending = choice.pendingCall;
  const startsCall = call.name !== undefined && call.name !== '';
  if (pending !== undefined && !startsCall) {
    // A piece of the open streamed call.
    if (signature !== undefined) pending.thoughtSignature ??= signature;
    if (!applyPieces(state, choice, call, output)) return;
    if (call.willContinue !== true) completePendingCall(state, choice, output);
    return;
  }
  if (pending !== undefined) completePendingCall(state, choice, output);
  if (!startsCall) {
    // `{functionCall: {}}` or `{willContinue: true}` with no open call: nothing to do.
    if (call.args !== undefined || (call.partialArgs !== undefined && call.partialArgs.length > 0)) {
      fail(state, output, createStreamErrorPayload('Gemini sent function-call arguments without a function name.', 'upstream_invalid_function_call'));
    }
    return;
  }
  if (call.willContinue === true || call.partialArgs !== undefined) {
    choice.pendingCall = {
      name: call.name!,
      id: call.id,
      thoughtSignature: signature,
      assembly: { args: call.args !== undefined ? structuredCloneJson(call.args) : {}, continuingPath: undefined },
    };
    if (!applyPieces(state, choice, call, output)) return;
    if (call.willContinue !== true) completePendingCall(state, choice, output);
    return;
  }
  output.push(createToolCallChunk(state, choice, call.name!, call.id, JSON.stringify(call.args ?? {}), signature));
}

function applyPieces(state: GeminiToOpenAIStreamState, choice: GeminiChoiceState, call: GeminiFunctionCall, output: Output): boolean {
  const pieces = call.partialArgs;
  if (pieces === undefined) return true;
  for (let i = 0; i < pieces.length; i++) {
    const problem = applyGeminiPartialArgument(choice.pendingCall!.assembly, pieces[i]!);
    if (problem !== undefined) {
      fail(state, output, createStreamErrorPayload(`Cannot assemble the streamed arguments of function ${choice.pendingCall!.name}: ${problem}.`, 'upstream_invalid_function_call'));
      return false;
    }
  }
  return true;
}

function completePendingCall(state: GeminiToOpenAIStreamState, choice: GeminiChoiceState, output: Output): void {
  const pending = choice.pendingCall!;
  choice.pendingCall = undefined;
  output.push(createToolCallChunk(state, choice, pending.name, pending.id, JSON.stringify(pending.assembly.args), pending.thoughtSignature));
}

function createToolCallChunk(
  state: GeminiToOpenAIStreamState,
  choice: GeminiChoiceState,
  geminiName: string,
  geminiId: string | undefined,
  args: string,
  signature: string | undefined,
): ChatCompletionChunk {
  const jsonResponse = state.jsonResponse;
  if (jsonResponse !== undefined && geminiName === jsonResponse.name) {
    // The JSON answer, requested as a call of the response function: sent as content, not as a tool call.
    const value = jsonResponse.wrapped ? ((JSON.parse(args) as Record<string, unknown>).response ?? null) : JSON.parse(args);
    const content = JSON.stringify(value);
    if (choice.groundingText !== undefined) choice.groundingText += content;
    return createOpenAIDeltaChunk(state, choice, { content, ...(signature !== undefined ? { extra_content: messageSignature('content', signature) } : {}) });
  }
  const ownId = geminiId !== undefined && geminiId !== '';
  const toolCall: ChatCompletionChunkToolCall = {
    index: choice.toolCallCount++,
    id: ownId ? geminiId : state.environment.generateId('call'),
    type: 'function',
    function: { name: state.toolNames?.[geminiName] ?? geminiName, arguments: args },
  };
  // Gemini's own id is repeated in the extension the mapper reads back (sent again as functionCall.id / functionResponse.id).
  if (signature !== undefined || ownId) {
    toolCall.extra_content = { google: { ...(signature !== undefined ? { thought_signature: signature } : {}), ...(ownId ? { function_call_id: geminiId } : {}) } };
  }
  return createOpenAIDeltaChunk(state, choice, { tool_calls: [toolCall] });
}

function finishChoice(state: GeminiToOpenAIStreamState, choice: GeminiChoiceState, finishReason: string, output: Output): void {
  if (choice.pendingCall !== undefined) completePendingCall(state, choice, output);
  const madeToolCalls = choice.toolCallCount > 0;
  const mapped = mapGeminiFinishReason(finishReason, madeToolCalls);
  if (!isKnownGeminiFinishReason(finishReason)) {
    warn(state, 'unknown_finish_reason', `candidates[${choice.index}].finishReason`, `Gemini finished with an unknown reason ${finishReason}; mapped to ${mapped}.`);
  } else if (finishReason !== 'STOP' && finishReason !== 'MAX_TOKENS' && mapped === 'stop') {
    warn(state, 'finish_reason_mapped', `candidates[${choice.index}].finishReason`, `Gemini finished with ${finishReason}, which OpenAI has no reason for; mapped to stop.`);
  }
  if (!choice.started) output.push(createOpenAIDeltaChunk(state, choice, { content: '' }));
  choice.finished = true;
  output.push(createOpenAIChunk(state, choice.index, {}, mapped));
}

/**
 * The message-level signature extension the Gemini mapper reads back (`extra_content.google.thought_signatures`):
 * `content` for a signed text part, `reasoning` for a signed thought part, `trailing` for a signature on an empty part.
 */
function messageSignature(part: 'content' | 'reasoning' | 'trailing', signature: string): { google: { thought_signatures: { part: string; signature: string }[] } } {
  return { google: { thought_signatures: [{ part, signature }] } };
}

function getChoice(state: GeminiToOpenAIStreamState, index: number): GeminiChoiceState {
  const choices = state.choices;
  for (let i = 0; i < choices.length; i++) if (choices[i]!.index === index) return choices[i]!;
  const choice: GeminiChoiceState = { index, started: false, finished: false, toolCallCount: 0, pendingCall: undefined, groundingText: state.grounding ? '' : undefined };
  choices.push(choice);
  return choice;
}

function hasTokenCounts(usage: object): boolean {
  const u = usage as Record<string, unknown>;
  return typeof u.promptTokenCount === 'number' || typeof u.candidatesTokenCount === 'number' || typeof u.totalTokenCount === 'number';
}

function fail(state: GeminiToOpenAIStreamState, output: Output, payload: OpenAIErrorEnvelope): void {
  state.failed = true;
  output.push(payload);
}

function warn(state: GeminiToOpenAIStreamState, code: string, param: string, message: string): void {
  state.onWarning?.({ code, param, message });
}

function structuredCloneJson(value: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pushContent(choice: GeminiChoiceState, content: string, extra: unknown, state: GeminiToOpenAIStreamState, output: Output): void {
  if (choice.groundingText !== undefined) choice.groundingText += content;
  output.push(createOpenAIDeltaChunk(state, choice, { content, ...(extra !== undefined ? { extra_content: extra } : {}) }));
}

/**
 * A candidate's `groundingMetadata` → `url_citation` annotations on a delta (indices counted in the content sent so
 * far: a stream event's part indices do not point into the whole answer, so the offsets are read as offsets into the
 * answer text, as Google's citation example reads them), with the metadata itself in `extra_content.google`;
 * `urlContextMetadata` likewise.
 */
function translateCandidateMetadata(state: GeminiToOpenAIStreamState, choice: GeminiChoiceState, candidate: Record<string, unknown>, output: Output): void {
  const grounding = candidate.groundingMetadata;
  const urlContext = candidate.urlContextMetadata;
  if (!isRecord(grounding) && !isRecord(urlContext)) return;
  const google: Record<string, unknown> = {};
  const delta: Record<string, unknown> = {};
  if (isRecord(grounding)) {
    google.grounding_metadata = grounding;
    const text = choice.groundingText;
    if (text !== undefined) {
      const annotations = convertGeminiGroundingToAnnotations(grounding as GeminiGroundingMetadata, () => ({ text, offset: 0 }));
      if (annotations.length > 0) delta.annotations = annotations;
    } else if (Array.isArray(grounding.groundingSupports) && grounding.groundingSupports.length > 0) {
      warn(state, 'citations_not_placed', `candidates[${choice.index}].groundingMetadata`, 'Grounding metadata arrived for a request without grounding tools; it is passed in extra_content.google without url_citation annotations.');
    }
  }
  if (isRecord(urlContext)) google.url_context_metadata = urlContext;
  delta.extra_content = { google };
  output.push(createOpenAIDeltaChunk(state, choice, delta));
}

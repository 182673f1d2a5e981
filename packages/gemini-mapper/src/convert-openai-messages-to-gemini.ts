import type { ChatCompletionMessageParam, TranslationWarning } from '@interlingua/openai-schema';
import { convertOpenAIContentPartToGemini, type GeminiMediaPolicy, type GeminiMediaResolver } from './convert-openai-content-part-to-gemini.js';
import { GeminiMapperInputError } from './gemini-mapper-input-error.js';
import type { GeminiContent, GeminiPart, GeminiSystemInstruction } from './gemini-request-types.js';
import { GEMINI_SKIP_THOUGHT_SIGNATURE, type GeminiMessageSignature } from './gemini-thought-signature-extension.js';
import { mapOpenAIToolNameToGemini } from './map-openai-tool-name-to-gemini.js';

/** Where a system or developer message after the first non-system message goes. */
export type GeminiMidConversationSystemPolicy =
  /** Default: stays in place as a user text part (Gemini has no `system` role in `contents`). */
  | 'user-text'
  /** Joins `systemInstruction` (its position in the conversation is lost). */
  | 'system-instruction';

export interface ConvertOpenAIMessagesToGeminiOptions {
  resolveMedia?: GeminiMediaResolver;
  /** How media given by URL and `image_url.detail` are sent (from the model's capabilities). */
  media?: GeminiMediaPolicy;
  midConversationSystem?: GeminiMidConversationSystemPolicy;
  /** Put the bypass signature on unsigned function calls (Gemini 3). */
  requiresThoughtSignatures: boolean;
  /** Client function name → Gemini function name (for names changed by the tool list). */
  toolName: (clientName: string) => string;
  warnings: TranslationWarning[];
}

export interface ConvertOpenAIMessagesToGeminiResult {
  contents: GeminiContent[];
  systemInstruction?: GeminiSystemInstruction;
}

interface BuiltContent extends GeminiContent {
  /** `function-response` turns are never merged with human text (Gemini 3 ignores text folded into them). */
  kind: 'text' | 'function-response';
  /** Index of the message that opened the turn. */
  messageIndex: number;
}

type LooseRecord = { [key: string]: unknown };

function textOf(content: unknown, path: string): string[] {
  if (typeof content === 'string') return content === '' ? [] : [content];
  if (Array.isArray(content)) {
    return content.flatMap((part, index) => {
      const record = part as LooseRecord;
      if (record?.type === 'text' && typeof record.text === 'string') return record.text === '' ? [] : [record.text];
      throw new GeminiMapperInputError('Only text parts are allowed here.', `${path}[${index}]`, 'unsupported_content_part');
    });
  }
  return [];
}

function toolResultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (typeof (part as LooseRecord)?.text === 'string' ? ((part as LooseRecord).text as string) : '')).join('');
  return '';
}

/**
 * A tool result → Gemini `functionResponse.response` (a Struct): a JSON object result is passed as is; anything
 * else (text, or JSON that is not an object) is wrapped as `{content: "<the text as sent>"}`.
 */
export function convertToolResultToGeminiResponse(text: string): { [key: string]: unknown } {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as { [key: string]: unknown };
  } catch {
    // not JSON: wrapped below
  }
  return { content: text };
}

/**
 * OpenAI messages → Gemini `contents` + `systemInstruction`.
 *
 * - system/developer messages before the first other message → `systemInstruction` parts, in order; later ones →
 *   per `midConversationSystem` (default: user text in place), with a `system_message_moved` warning.
 * - user → role `user`; assistant → role `model` (thought part from a signed `reasoning_content`, the text, the
 *   `functionCall` parts, a trailing signed empty text part; see gemini-thought-signature-extension.ts).
 * - consecutive tool (and legacy function) messages → ONE user turn of `functionResponse` parts, in the order of the
 *   calls of the model turn they answer; names recovered from `tool_call_id` (unknown id → 400). A call that carries
 *   Gemini's own id (`extra_content.google.function_call_id`) sends it back as `functionCall.id`, and its result as
 *   `functionResponse.id`. The group must
 *   directly follow a function-calling model turn (else 400 `tool_result_without_call`, as OpenAI itself rejects);
 *   system/developer messages between the calls and their results are sent as user text after the results.
 * - consecutive same-role turns are merged, except that a function-response turn is never merged with human text.
 * - Gemini 3: a model turn whose first function call carries no signature gets `skip_thought_signature_validator`.
 */
export async function convertOpenAIMessagesToGemini(
  messages: readonly ChatCompletionMessageParam[],
  options: ConvertOpenAIMessagesToGeminiOptions,
): Promise<ConvertOpenAIMessagesToGeminiResult> {
  const { warnings } = options;
  const systemParts: GeminiPart[] = [];
  const contents: BuiltContent[] = [];
  const callNames = new Map<string, string>();
  /** OpenAI tool-call id → Gemini's own `functionCall.id`, for calls Gemini gave one. */
  const callGeminiIds = new Map<string, string>();
  let lastCallOrder: string[] = [];
  let seenConversation = false;
  /** System text met between a function-calling turn and its results: sent after the results. */
  const deferredSystemParts: GeminiPart[] = [];

  const push = (role: 'user' | 'model', kind: BuiltContent['kind'], parts: GeminiPart[], messageIndex: number) => {
    if (parts.length === 0) return;
    const last = contents[contents.length - 1];
    if (last && last.role === role && last.kind === kind) {
      last.parts.push(...parts);
      return;
    }
    contents.push({ role, parts, kind, messageIndex });
  };

  for (let index = 0; index < messages.length; index++) {
    const message = messages[index]! as LooseRecord & ChatCompletionMessageParam;
    const path = `messages[${index}]`;
    switch (message.role) {
      case 'system':
      case 'developer': {
        const parts = textOf(message.content, `${path}.content`).map((text) => ({ text }));
        if (!seenConversation || options.midConversationSystem === 'system-instruction') {
          if (seenConversation) {
            warnings.push({ code: 'system_message_moved', param: path, message: `A ${message.role} message inside the conversation joins systemInstruction; its position is lost.` });
          }
          systemParts.push(...parts);
        } else if (answersPendingCalls(contents[contents.length - 1], messages, index)) {
          // Between a function-calling turn and its results: the results must follow the calls directly, so the text
          // goes right after the results.
          warnings.push({ code: 'system_message_moved', param: path, message: `Gemini has no ${message.role} role inside contents and function results must follow their calls; this message is sent as user text after the results.` });
          deferredSystemParts.push(...parts);
        } else {
          warnings.push({ code: 'system_message_moved', param: path, message: `Gemini has no ${message.role} role inside contents; this message stays in place as user text.` });
          push('user', 'text', parts, index);
        }
        break;
      }
      case 'user': {
        seenConversation = true;
        const parts: GeminiPart[] = [];
        if (typeof message.content === 'string') {
          if (message.content !== '') parts.push({ text: message.content });
        } else if (Array.isArray(message.content)) {
          for (let partIndex = 0; partIndex < message.content.length; partIndex++) {
            const part = await convertOpenAIContentPartToGemini(message.content[partIndex], `${path}.content[${partIndex}]`, {
              resolveMedia: options.resolveMedia,
              media: options.media,
              warnings,
            });
            if (part) parts.push(part);
          }
        }
        if (parts.length === 0) warnings.push({ code: 'empty_message_dropped', param: path, message: 'An empty user message is dropped (Gemini rejects empty parts).' });
        push('user', 'text', parts, index);
        break;
      }
      case 'assistant': {
        seenConversation = true;
        const parts = convertAssistantMessage(message, path, options, callNames, callGeminiIds);
        const calls = (Array.isArray(message.tool_calls) ? message.tool_calls : []) as LooseRecord[];
        if (calls.length > 0) lastCallOrder = calls.map((call) => String(call.id));
        if (parts.length === 0) warnings.push({ code: 'empty_message_dropped', param: path, message: 'An assistant message without content or tool calls is dropped.' });
        push('model', 'text', parts, index);
        break;
      }
      case 'tool':
      case 'function': {
        seenConversation = true;
        const previous = contents[contents.length - 1];
        if (!previous || previous.role !== 'model' || !previous.parts.some((part) => part.functionCall)) {
          throw new GeminiMapperInputError(
            `A ${message.role} message must follow the assistant message whose calls it answers (Gemini needs function results right after the function-calling turn).`,
            path,
            'tool_result_without_call',
          );
        }
        const group: { order: number; part: GeminiPart }[] = [];
        // Images and files inside tool results: a functionResponse carries only JSON, so they go beside the
        // responses in the same turn (they do not count as responses), in order, with a warning.
        const mediaParts: GeminiPart[] = [];
        const collectMedia = async (content: unknown, contentPath: string) => {
          if (!Array.isArray(content)) return;
          for (let partIndex = 0; partIndex < content.length; partIndex++) {
            const part = content[partIndex] as LooseRecord;
            if (part?.type === 'text') continue;
            const converted = await convertOpenAIContentPartToGemini(part, `${contentPath}[${partIndex}]`, { resolveMedia: options.resolveMedia, media: options.media, warnings });
            if (!converted) continue;
            mediaParts.push(converted);
            warnings.push({
              code: 'tool_result_media_moved',
              param: `${contentPath}[${partIndex}]`,
              message: 'Gemini function responses carry JSON only; this part of the tool result is sent beside the function responses in the same turn.',
            });
          }
        };
        let cursor = index;
        for (; cursor < messages.length; cursor++) {
          const current = messages[cursor]! as LooseRecord;
          const currentPath = `messages[${cursor}]`;
          if (current.role === 'tool') {
            const id = current.tool_call_id as string;
            const name = callNames.get(id);
            if (name === undefined) {
              throw new GeminiMapperInputError(
                `No assistant tool call with id ${JSON.stringify(id)} precedes this tool message; Gemini needs the function name of every result.`,
                `${currentPath}.tool_call_id`,
                'unknown_tool_call_id',
              );
            }
            const position = lastCallOrder.indexOf(id);
            const geminiId = callGeminiIds.get(id);
            group.push({
              order: position === -1 ? lastCallOrder.length + group.length : position,
              part: {
                functionResponse: {
                  ...(geminiId !== undefined ? { id: geminiId } : {}),
                  name,
                  response: convertToolResultToGeminiResponse(toolResultText(current.content)),
                },
              },
            });
            await collectMedia(current.content, `${currentPath}.content`);
          } else if (current.role === 'function') {
            group.push({
              order: lastCallOrder.length + group.length,
              part: { functionResponse: { name: options.toolName(String(current.name)), response: convertToolResultToGeminiResponse(toolResultText(current.content)) } },
            });
          } else break;
        }
        group.sort((left, right) => left.order - right.order);
        push('user', 'function-response', [...group.map((entry) => entry.part), ...mediaParts], index);
        if (deferredSystemParts.length > 0) push('user', 'text', deferredSystemParts.splice(0), index);
        index = cursor - 1;
        break;
      }
      default:
        throw new GeminiMapperInputError(`Unsupported message role ${JSON.stringify((message as LooseRecord).role)}.`, `${path}.role`, 'unsupported_role');
    }
  }

  if (options.requiresThoughtSignatures) {
    for (const content of contents) {
      if (content.role !== 'model') continue;
      const firstCall = content.parts.find((part) => part.functionCall);
      if (firstCall && firstCall.thoughtSignature === undefined) {
        firstCall.thoughtSignature = GEMINI_SKIP_THOUGHT_SIGNATURE;
        warnings.push({
          code: 'thought_signature_bypassed',
          param: `messages[${content.messageIndex}].tool_calls`,
          message: `This function-calling turn carries no Gemini thought signature (it may come from another model); Gemini 3 requires one, so the documented bypass value ${GEMINI_SKIP_THOUGHT_SIGNATURE} is sent.`,
        });
      }
    }
  }

  let systemInstruction: GeminiSystemInstruction | undefined = systemParts.length > 0 ? { parts: systemParts } : undefined;
  if (contents.length === 0) {
    if (!systemInstruction) throw new GeminiMapperInputError('Gemini needs at least one message with content.', 'messages', 'empty_conversation');
    warnings.push({ code: 'system_only_request', param: 'messages', message: 'The request has only system messages; Gemini needs contents, so they are sent as the user turn.' });
    contents.push({ role: 'user', parts: systemInstruction.parts, kind: 'text', messageIndex: 0 });
    systemInstruction = undefined;
  }
  return {
    contents: contents.map(({ role, parts }) => ({ role, parts })),
    ...(systemInstruction ? { systemInstruction } : {}),
  };
}

/** The last turn calls functions and the messages after the system run at `index` are their results. */
function answersPendingCalls(last: BuiltContent | undefined, messages: readonly ChatCompletionMessageParam[], index: number): boolean {
  if (!last || last.role !== 'model' || !last.parts.some((part) => part.functionCall)) return false;
  let cursor = index + 1;
  while (cursor < messages.length && (messages[cursor]!.role === 'system' || messages[cursor]!.role === 'developer')) cursor++;
  const next = messages[cursor]?.role;
  return next === 'tool' || next === 'function';
}

function convertAssistantMessage(
  message: LooseRecord,
  path: string,
  options: ConvertOpenAIMessagesToGeminiOptions,
  callNames: Map<string, string>,
  callGeminiIds: Map<string, string>,
): GeminiPart[] {
  const { warnings } = options;
  const extension = message.extra_content as { google?: { thought_signatures?: unknown } } | undefined;
  const signatures = Array.isArray(extension?.google?.thought_signatures) ? (extension.google.thought_signatures as GeminiMessageSignature[]) : [];
  const signatureFor = (part: GeminiMessageSignature['part']) =>
    signatures.find((entry) => entry && entry.part === part && typeof entry.signature === 'string')?.signature;

  if (Array.isArray(message.thinking_blocks) && message.thinking_blocks.length > 0) {
    warnings.push({ code: 'thinking_blocks_dropped', param: `${path}.thinking_blocks`, message: 'Reasoning blocks of another provider (e.g. Anthropic thinking) cannot be replayed to Gemini; they are dropped.' });
  }
  const parts: GeminiPart[] = [];
  const reasoningSignature = signatureFor('reasoning');
  const reasoning = typeof message.reasoning_content === 'string' ? message.reasoning_content : '';
  if (reasoningSignature !== undefined) {
    parts.push({ text: reasoning, thought: true, thoughtSignature: reasoningSignature });
  } else if (reasoning !== '') {
    warnings.push({ code: 'reasoning_content_dropped', param: `${path}.reasoning_content`, message: 'Unsigned reasoning text is not sent back to Gemini (it would be read as an answer).' });
  }

  const texts = textOf(
    Array.isArray(message.content) ? (message.content as LooseRecord[]).map((part) => (part.type === 'refusal' ? { type: 'text', text: part.refusal } : part)) : message.content,
    `${path}.content`,
  );
  const contentSignature = signatureFor('content');
  if (texts.length > 0) {
    parts.push({ text: texts.join(''), ...(contentSignature !== undefined ? { thoughtSignature: contentSignature } : {}) });
  } else if (contentSignature !== undefined) {
    parts.push({ text: '', thoughtSignature: contentSignature });
  }
  if (typeof message.refusal === 'string' && message.refusal !== '' && texts.length === 0) parts.push({ text: message.refusal });

  const calls = Array.isArray(message.tool_calls) ? (message.tool_calls as LooseRecord[]) : [];
  calls.forEach((call, callIndex) => {
    const callPath = `${path}.tool_calls[${callIndex}]`;
    if (call.type !== 'function') {
      throw new GeminiMapperInputError('Gemini supports function tool calls only.', `${callPath}.type`, 'unsupported_tool_call');
    }
    const fn = call.function as { name: string; arguments: string };
    const name = options.toolName(fn.name);
    const args = parseArguments(fn.arguments, `${callPath}.function.arguments`);
    callNames.set(String(call.id), name);
    const google = (call.extra_content as { google?: { thought_signature?: unknown; function_call_id?: unknown } } | undefined)?.google;
    const signature = google?.thought_signature;
    const geminiId = typeof google?.function_call_id === 'string' && google.function_call_id !== '' ? google.function_call_id : undefined;
    if (geminiId !== undefined) callGeminiIds.set(String(call.id), geminiId);
    else callGeminiIds.delete(String(call.id));
    parts.push({
      functionCall: { ...(geminiId !== undefined ? { id: geminiId } : {}), name, args },
      ...(typeof signature === 'string' ? { thoughtSignature: signature } : {}),
    });
  });
  if (message.function_call && typeof message.function_call === 'object' && calls.length === 0) {
    const fn = message.function_call as { name: string; arguments: string };
    parts.push({ functionCall: { name: options.toolName(fn.name), args: parseArguments(fn.arguments, `${path}.function_call.arguments`) } });
  }
  const trailing = signatureFor('trailing');
  if (trailing !== undefined) parts.push({ text: '', thoughtSignature: trailing });
  return parts;
}

function parseArguments(text: string, path: string): { [key: string]: unknown } {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new GeminiMapperInputError('Tool-call arguments must be valid JSON (Gemini takes them as an object).', path, 'invalid_tool_arguments');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new GeminiMapperInputError('Tool-call arguments must be a JSON object.', path, 'invalid_tool_arguments');
  }
  return parsed as { [key: string]: unknown };
}

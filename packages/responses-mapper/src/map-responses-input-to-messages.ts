import {
  createOpenAIError,
  type ChatCompletionAssistantMessageParam,
  type ChatCompletionContentPart,
  type ChatCompletionMessageFunctionToolCall,
  type ChatCompletionMessageParam,
  type ChatCompletionThinkingBlock,
  type OpenAIErrorResponse,
  type TranslationWarning,
} from '@interlingua/openai-schema';
import type { ResponseInputContent, ResponseInputItem, ResponseInputMessage, ResponseOutputItem } from '@interlingua/responses-schema';
import type { HubPathEntry } from './hub-request-paths.js';
import { unsealReasoningCarrier, type GoogleThoughtSignature } from './reasoning-carrier.js';

export type MapInputResult = { ok: true; messages: ChatCompletionMessageParam[] } | { ok: false; error: OpenAIErrorResponse };

class InputError extends Error {
  constructor(readonly response: OpenAIErrorResponse) {
    super(response.body.error.message);
  }
}

const reject = (param: string, message: string, code = 'unsupported_input'): never => {
  throw new InputError(createOpenAIError(400, message, { param, code }));
};

/** Where the hub's `messages[k]` paths come from: `entries` collects them; `offset` is the index of the first message mapped here. */
export interface InputPathRecorder {
  entries: HubPathEntry[];
  offset: number;
}

/** The client path of each field of a hub content part mapped from a Responses part at `param`. */
function contentPartPaths(hub: string, part: ChatCompletionContentPart, param: string): HubPathEntry[] {
  if (part.type === 'image_url') {
    return [
      { hub, client: param },
      { hub: `${hub}.image_url`, client: param },
      { hub: `${hub}.image_url.url`, client: `${param}.image_url` },
      { hub: `${hub}.image_url.detail`, client: `${param}.detail` },
    ];
  }
  if (part.type === 'file') return [{ hub, client: param }, { hub: `${hub}.file`, client: param }];
  return [{ hub, client: param }];
}

/** A content part of a user / tool message → the hub's part. */
function mapInputContent(part: ResponseInputContent, param: string): ChatCompletionContentPart {
  switch (part.type) {
    case 'input_text':
      return { type: 'text', text: part.text };
    case 'input_image': {
      if (typeof part.image_url !== 'string' || part.image_url === '') {
        return reject(`${param}.file_id`, `Images given by file id are not supported by this gateway (${param}); send image_url (an https: or data: URL).`);
      }
      const detail = part.detail === 'low' || part.detail === 'high' || part.detail === 'auto' ? part.detail : undefined;
      return { type: 'image_url', image_url: detail ? { url: part.image_url, detail } : { url: part.image_url } };
    }
    case 'input_file': {
      if (part.file_url !== undefined) {
        return reject(`${param}.file_url`, `Files given by URL are not supported by this gateway (${param}); send file_data (a data: URL) or file_id.`);
      }
      const file: { filename?: string; file_data?: string; file_id?: string } = {};
      if (part.filename !== undefined) file.filename = part.filename;
      if (part.file_data !== undefined) file.file_data = part.file_data;
      if (typeof part.file_id === 'string') file.file_id = part.file_id;
      if (file.file_data === undefined && file.file_id === undefined) {
        return reject(`${param}.file_data`, `An input_file needs file_data or file_id (${param}).`);
      }
      return { type: 'file', file };
    }
  }
}

/** One run of assistant-side items (reasoning, assistant messages, function calls): one hub assistant message. */
interface AssistantTurn {
  texts: string[];
  refusals: string[];
  toolCalls: ChatCompletionMessageFunctionToolCall[];
  reasoningTexts: string[];
  carrierReasoning: string[];
  thinkingBlocks: ChatCompletionThinkingBlock[];
  thoughtSignatures: GoogleThoughtSignature[];
  extraContent: { [key: string]: unknown } | undefined;
  extensions: { [field: string]: unknown };
  toolExtras: { [callId: string]: { [key: string]: unknown } };
  /** The client paths of the turn's items: the first item, the first assistant message, the first reasoning item, each call. */
  first: string;
  textParam: string | undefined;
  reasoningParam: string | undefined;
  callParams: string[];
}

const newTurn = (first: string): AssistantTurn => ({
  first,
  textParam: undefined,
  reasoningParam: undefined,
  callParams: [],
  texts: [],
  refusals: [],
  toolCalls: [],
  reasoningTexts: [],
  carrierReasoning: [],
  thinkingBlocks: [],
  thoughtSignatures: [],
  extraContent: undefined,
  extensions: {},
  toolExtras: {},
});

function finishTurn(turn: AssistantTurn): ChatCompletionAssistantMessageParam {
  const message: ChatCompletionAssistantMessageParam = { role: 'assistant', content: turn.texts.length ? turn.texts.join('') : null, ...turn.extensions };
  if (turn.refusals.length) message.refusal = turn.refusals.join('');
  if (turn.toolCalls.length) {
    message.tool_calls = turn.toolCalls.map((call) => {
      const extra = turn.toolExtras[call.id];
      return extra ? { ...call, extra_content: extra } : call;
    });
  }
  // Reasoning text: the carrier's exact hub text when there is one, else the items' own text.
  const reasoning = turn.carrierReasoning.length ? turn.carrierReasoning.join('') : turn.reasoningTexts.join('');
  if (reasoning !== '') message.reasoning_content = reasoning;
  if (turn.thinkingBlocks.length) message.thinking_blocks = turn.thinkingBlocks;
  if (turn.thoughtSignatures.length || turn.extraContent) {
    const extra: { [key: string]: unknown } = { ...(turn.extraContent ?? {}) };
    if (turn.thoughtSignatures.length) {
      const google = typeof extra.google === 'object' && extra.google !== null ? (extra.google as Record<string, unknown>) : {};
      extra.google = { ...google, thought_signatures: turn.thoughtSignatures };
    }
    message.extra_content = extra;
  }
  return message;
}

function messageText(item: ResponseInputMessage, param: string): { text: string | ChatCompletionContentPart[] } {
  // An empty part list is empty text (a hub message needs at least one part); the provider mapper reports it.
  if (typeof item.content === 'string' || item.content.length === 0) return { text: typeof item.content === 'string' ? item.content : '' };
  return {
    text: item.content.map((part, j) => {
      if (part.type === 'output_text') return { type: 'text', text: part.text } as ChatCompletionContentPart;
      if (part.type === 'refusal') return reject(`${param}.content[${j}]`, `A refusal part belongs to an assistant message (${param}.content[${j}]).`);
      return mapInputContent(part, `${param}.content[${j}]`);
    }),
  };
}

/**
 * Maps `input` items to the hub's messages. Consecutive assistant-side items (reasoning, assistant messages,
 * function calls) form one assistant message (a Response's output items are valid input items): its text, its tool calls, and — from the reasoning items' carriers —
 * its `reasoning_content`, `thinking_blocks` and Gemini thought signatures, so a replayed turn reaches the
 * provider mapper exactly as the chat path would send it. `param` of every error is `input[i]…`. With `paths`, the
 * client path of every hub message (`messages[k]` ← `input[i]`, a turn's `tool_calls[t]` ← its function_call item,
 * a tool message's `tool_call_id` ← `call_id`) is recorded.
 */
export function mapResponsesInputToMessages(
  items: ReadonlyArray<ResponseInputItem | ResponseOutputItem>,
  warnings: TranslationWarning[],
  paramPrefix = 'input',
  paths?: InputPathRecorder,
): MapInputResult {
  const messages: ChatCompletionMessageParam[] = [];
  let turn: AssistantTurn | undefined;
  const record = (entries: HubPathEntry[]) => paths?.entries.push(...entries);
  const hubPath = () => `messages[${(paths?.offset ?? 0) + messages.length}]`;
  /** The paths of a user / system / tool message's content parts (mapped one to one). */
  const recordParts = (hub: string, content: string | ChatCompletionContentPart[], param: string) => {
    if (typeof content !== 'string') content.forEach((part, j) => record(contentPartPaths(`${hub}[${j}]`, part, `${param}[${j}]`)));
  };
  const closeTurn = () => {
    if (turn) {
      const hub = hubPath();
      record([{ hub, client: turn.first }]);
      if (turn.textParam !== undefined) record([{ hub: `${hub}.content`, client: `${turn.textParam}.content` }]);
      if (turn.reasoningParam !== undefined) {
        record([
          { hub: `${hub}.reasoning_content`, client: turn.reasoningParam },
          { hub: `${hub}.thinking_blocks`, client: `${turn.reasoningParam}.encrypted_content` },
        ]);
      }
      turn.callParams.forEach((param, t) =>
        record([
          { hub: `${hub}.tool_calls[${t}]`, client: param },
          { hub: `${hub}.tool_calls[${t}].id`, client: `${param}.call_id` },
          { hub: `${hub}.tool_calls[${t}].function`, client: param },
        ]),
      );
      messages.push(finishTurn(turn));
    }
    turn = undefined;
  };
  try {
    (items as ReadonlyArray<ResponseInputItem>).forEach((item, i) => {
      const param = `${paramPrefix}[${i}]`;
      switch (item.type) {
        case undefined:
        case 'message': {
          const message = item as ResponseInputMessage;
          if (message.role === 'assistant') {
            turn ??= newTurn(param);
            turn.textParam ??= param;
            if (typeof message.content === 'string') turn.texts.push(message.content);
            else {
              let dropped = 0;
              message.content.forEach((part, j) => {
                if (part.type === 'output_text' || part.type === 'input_text') {
                  turn!.texts.push(part.text);
                  if (part.type === 'output_text' && part.annotations?.length) dropped += part.annotations.length;
                } else if (part.type === 'refusal') turn!.refusals.push(part.refusal);
                else reject(`${param}.content[${j}]`, `An assistant message carries output_text and refusal parts only (${param}.content[${j}] is ${part.type}).`);
              });
              if (dropped) {
                warnings.push({
                  code: 'annotations_dropped',
                  param: `${param}.content`,
                  message: `${dropped} annotation(s) of a replayed assistant message were not sent: a Chat Completions request has no place for them (the text is kept).`,
                });
              }
            }
            return;
          }
          closeTurn();
          const { text } = messageText(message, param);
          record([{ hub: hubPath(), client: param }]);
          recordParts(`${hubPath()}.content`, text, `${param}.content`);
          if (message.role === 'user') {
            messages.push({ role: 'user', content: text });
            return;
          }
          if (typeof text !== 'string' && text.some((part) => part.type !== 'text')) {
            reject(`${param}.content`, `A ${message.role} message carries text only (${param}).`);
          }
          messages.push({ role: message.role, content: text as string | Array<{ type: 'text'; text: string }> });
          return;
        }
        case 'function_call': {
          turn ??= newTurn(param);
          turn.callParams.push(param);
          turn.toolCalls.push({ id: item.call_id, type: 'function', function: { name: item.name, arguments: item.arguments } });
          return;
        }
        case 'reasoning': {
          turn ??= newTurn(param);
          turn.reasoningParam ??= param;
          const text = [...(item.content ?? []).map((part) => part.text)];
          if (!text.length) text.push(...item.summary.map((part) => part.text));
          turn.reasoningTexts.push(text.join('\n\n'));
          if (typeof item.encrypted_content === 'string' && item.encrypted_content !== '') {
            const carrier = unsealReasoningCarrier(item.encrypted_content);
            if (!carrier) {
              warnings.push({
                code: 'encrypted_content_dropped',
                param: `${param}.encrypted_content`,
                message: `The encrypted_content of ${param} was not produced by this gateway (or is damaged) and cannot be replayed; it was not sent.`,
              });
              return;
            }
            if (carrier.reasoning_content !== undefined) turn.carrierReasoning.push(carrier.reasoning_content);
            if (carrier.thinking_blocks) turn.thinkingBlocks.push(...carrier.thinking_blocks);
            if (carrier.thought_signatures) turn.thoughtSignatures.push(...carrier.thought_signatures);
            if (carrier.extra_content) turn.extraContent = { ...(turn.extraContent ?? {}), ...carrier.extra_content };
            if (carrier.tool_calls) Object.assign(turn.toolExtras, carrier.tool_calls);
            if (carrier.extensions) Object.assign(turn.extensions, carrier.extensions);
          }
          return;
        }
        case 'function_call_output': {
          closeTurn();
          const content: string | ChatCompletionContentPart[] =
            typeof item.output === 'string' || item.output.length === 0
              ? typeof item.output === 'string' ? item.output : ''
              : item.output.map((part, j) => mapInputContent(part, `${param}.output[${j}]`));
          const hub = hubPath();
          record([
            { hub, client: param },
            { hub: `${hub}.tool_call_id`, client: `${param}.call_id` },
            { hub: `${hub}.content`, client: `${param}.output` },
          ]);
          recordParts(`${hub}.content`, content, `${param}.output`);
          messages.push({ role: 'tool', tool_call_id: item.call_id, content });
          return;
        }
        case 'item_reference':
          reject(param, `Item references (${param}) need a response store holding the item; this request's reference '${item.id}' was not resolved.`, 'item_not_found');
      }
    });
    closeTurn();
  } catch (error) {
    if (error instanceof InputError) return { ok: false, error: error.response };
    throw error;
  }
  return { ok: true, messages };
}

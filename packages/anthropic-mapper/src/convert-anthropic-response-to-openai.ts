import {
  AnthropicBlockOrderRecorder,
  createOpenAIError,
  type ChatCompletion,
  type ChatCompletionAnnotation,
  type ChatCompletionMessage,
  type ChatCompletionMessageToolCall,
  type OpenAIErrorEnvelope,
  type TranslationEnvironment,
  type TranslationWarning,
} from '@interlingua/openai-schema';
import { anthropicErrorBodySchema } from './anthropic-response-schema.js';
import type { AnthropicTranslationContext } from './anthropic-translation-context.js';
import { convertAnthropicErrorToOpenAI, statusForAnthropicErrorType } from './convert-anthropic-error-to-openai.js';
import { convertAnthropicInputTransformations } from './convert-anthropic-input-transformations.js';
import { convertAnthropicUsage } from './convert-anthropic-usage.js';
import { ANTHROPIC_BLOCK_ORDER_FIELD, ANTHROPIC_BLOCKS_FIELD, ANTHROPIC_STOP_REASON_FIELD } from './anthropic-extension-fields.js';
import { isKnownAnthropicStopReason, mapAnthropicStopReason } from './map-anthropic-stop-reason.js';
import { parseAnthropicMessage } from './parse-anthropic-message.js';

/** A thinking block as carried in the lossless `thinking_blocks` extension (LiteLLM's naming and shapes). */
export type OpenAIThinkingBlock = { type: 'thinking'; thinking: string; signature: string } | { type: 'redacted_thinking'; data: string };

export interface ConvertAnthropicResponseToOpenAIOptions {
  context: AnthropicTranslationContext;
  environment: TranslationEnvironment;
}

export type ConvertAnthropicResponseToOpenAIResult =
  | { ok: true; response: ChatCompletion; warnings: TranslationWarning[] }
  | { ok: false; status: number; error: OpenAIErrorEnvelope; warnings: TranslationWarning[] };

type Block = Record<string, unknown> & { type: string };

/** A field the schema leaves open (a block of a loose content list) as text: strings as they are, other JSON as JSON. */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  return value === undefined || value === null ? '' : (JSON.stringify(value) ?? '');
}

/**
 * An Anthropic `Message` → an OpenAI `chat.completion` with exactly one choice.
 *
 * - `content`: the text blocks joined (null when there is none); `tool_calls`: one per `tool_use` (id kept,
 *   `arguments` = `JSON.stringify(input)`); `refusal`: null, or `stop_details.explanation` when Claude refused.
 * - thinking: `reasoning_content` = the thinking texts joined, and the lossless `thinking_blocks` extension
 *   (`{type:'thinking', thinking, signature}` / `{type:'redacted_thinking', data}`, in order) that a client sends
 *   back on the assistant message for the next turn. Both appear only when the reply has thinking.
 * - citations: `web_search_result_location` citations become OpenAI `annotations` (`url_citation`, indices into
 *   `content`); other citation kinds (document locations) are dropped with one warning; the text is always kept.
 * - server-tool blocks (`server_tool_use`, `web_search_tool_result`, …) and unknown block types have no OpenAI form:
 *   they are carried verbatim, in reply order, in the extension `message.anthropic_blocks` (one
 *   `content_blocks_skipped` warning naming them); a client sends them back on the assistant message to continue a
 *   paused turn (`message.anthropic_stop_reason: 'pause_turn'`, finish_reason `stop`, `pause_turn` warning).
 * - when the reply interleaves thinking with its other blocks, or a text block has citations,
 *   `message.anthropic_block_order` records the reply's block order (and those citations), so the request side
 *   replays the turn as it came (see `anthropic-block-order.ts` in `@interlingua/openai-schema`).
 * - `input_transformations` (the thinking blocks of the request Anthropic dropped, reported under the
 *   `thinking-binding-controls` beta): one `thinking_dropped` warning per block, naming the client's
 *   `messages[i].thinking_blocks[k]` (`context.thinkingBlockParams`).
 * - JSON mode through the forced tool (`context.jsonResponse.mode === 'tool'`): that tool's input is the content
 *   (JSON text), it is not a tool call, and the finish reason is `stop` unless other tools were called.
 * - `finish_reason` from `mapAnthropicStopReason`; usage from `convertAnthropicUsage`; `id`, `created`,
 *   `system_fingerprint` from the environment; `model` = the reply's model, else the requested one.
 *
 * A body that is an Anthropic error becomes the mapped error; an unreadable body a 502.
 */
export function convertAnthropicResponseToOpenAI(body: unknown, options: ConvertAnthropicResponseToOpenAIOptions): ConvertAnthropicResponseToOpenAIResult {
  const warnings: TranslationWarning[] = [];
  const { context, environment } = options;
  const parsed = parseAnthropicMessage(body);
  if (!parsed.success) {
    const errorBody = anthropicErrorBodySchema().safeParse(body);
    if (errorBody.success) {
      const mapped = convertAnthropicErrorToOpenAI(statusForAnthropicErrorType(errorBody.data.error.type), body);
      return { ok: false, status: mapped.status, error: mapped.body, warnings };
    }
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    const { body: error } = createOpenAIError(502, `Invalid upstream response: the Anthropic reply is not a message${where}.`, { type: 'api_error', code: 'invalid_upstream_response' });
    return { ok: false, status: 502, error, warnings };
  }
  const message = parsed.data;
  const jsonToolName = context.jsonResponse?.mode === 'tool' ? context.jsonResponse.toolName : null;

  let text = '';
  let hasText = false;
  let reasoning = '';
  const thinkingBlocks: OpenAIThinkingBlock[] = [];
  const toolCalls: ChatCompletionMessageToolCall[] = [];
  const annotations: ChatCompletionAnnotation[] = [];
  // Made on the first skipped block: most replies have none.
  let skipped: Set<string> | undefined;
  const carried: Block[] = [];
  let otherCitationsDropped = 0;
  let jsonContent: string | null = null;
  const order = new AnthropicBlockOrderRecorder();

  for (const candidate of message.content) {
    const block = candidate as Block;
    order.add(block.type, typeof block['text'] === 'string' ? block['text'].length : 0, Array.isArray(block['citations']) ? block['citations'] : null);
    switch (block.type) {
      case 'text': {
        const blockText = typeof block['text'] === 'string' ? block['text'] : '';
        const start = text.length;
        text += blockText;
        hasText = true;
        if (Array.isArray(block['citations'])) {
          for (const citation of block['citations'] as Array<Record<string, unknown>>) {
            if (citation && citation['type'] === 'web_search_result_location' && typeof citation['url'] === 'string') {
              annotations.push({
                type: 'url_citation',
                url_citation: { start_index: start, end_index: text.length, url: citation['url'], title: typeof citation['title'] === 'string' ? citation['title'] : '' },
              });
            } else otherCitationsDropped++;
          }
        }
        break;
      }
      case 'thinking': {
        const thinking = typeof block['thinking'] === 'string' ? block['thinking'] : '';
        reasoning += thinking;
        thinkingBlocks.push({ type: 'thinking', thinking, signature: typeof block['signature'] === 'string' ? block['signature'] : '' });
        break;
      }
      case 'redacted_thinking':
        thinkingBlocks.push({ type: 'redacted_thinking', data: typeof block['data'] === 'string' ? block['data'] : '' });
        break;
      case 'tool_use': {
        const input = block['input'] ?? {};
        if (jsonToolName !== null && block['name'] === jsonToolName) {
          jsonContent = JSON.stringify(input);
          break;
        }
        toolCalls.push({ id: asText(block['id']), type: 'function', function: { name: asText(block['name']), arguments: JSON.stringify(input) } });
        break;
      }
      default:
        (skipped ??= new Set()).add(block.type);
        carried.push(block);
    }
  }

  if (skipped !== undefined) {
    warnings.push({
      code: 'content_blocks_skipped',
      param: 'content',
      message: `Anthropic content blocks with no OpenAI equivalent are not in content: ${[...skipped].join(', ')}; they are carried verbatim in message.anthropic_blocks (send them back to continue the turn).`,
    });
  }
  if (otherCitationsDropped > 0) {
    warnings.push({ code: 'citations_dropped', param: 'content', message: `${otherCitationsDropped} document citation(s) have no OpenAI form and were dropped; the cited text is kept.` });
  }

  let content: string | null = hasText && text !== '' ? text : null;
  if (jsonContent !== null) {
    if (content !== null) warnings.push({ code: 'json_preamble_dropped', param: 'content', message: 'Text written beside the JSON answer was dropped (the answer is the JSON tool input).' });
    content = jsonContent;
    annotations.length = 0;
  } else if (jsonToolName !== null && toolCalls.length === 0) {
    warnings.push({ code: 'json_tool_not_called', param: 'content', message: 'The model answered without the JSON tool; its text is returned as content.' });
  }

  const stopReason = message.stop_reason ?? null;
  let finishReason = mapAnthropicStopReason(stopReason);
  if (finishReason === 'tool_calls' && toolCalls.length === 0) finishReason = 'stop';
  if (stopReason === 'pause_turn') {
    warnings.push({ code: 'pause_turn', param: 'stop_reason', message: 'Anthropic paused a long server-tool turn (pause_turn); send the conversation back, with this assistant message and its anthropic_blocks last, to continue it.' });
  } else if (stopReason !== null && !isKnownAnthropicStopReason(stopReason)) {
    warnings.push({ code: 'unknown_stop_reason', param: 'stop_reason', message: `Unknown Anthropic stop_reason "${stopReason}" was reported as "stop".` });
  }

  // What Anthropic removed from the request (a thinking block that failed a binding check), when it says so.
  const transformations = (message as Record<string, unknown>)['input_transformations'];
  if (transformations !== undefined) warnings.push(...convertAnthropicInputTransformations(transformations, context.thinkingBlockParams));

  const responseMessage: ChatCompletionMessage = { role: 'assistant', content };
  if (thinkingBlocks.length > 0) {
    responseMessage.reasoning_content = reasoning;
    responseMessage.thinking_blocks = thinkingBlocks;
  }
  if (toolCalls.length > 0) responseMessage.tool_calls = toolCalls;
  responseMessage.refusal = stopReason === 'refusal' ? (message.stop_details?.explanation ?? null) : null;
  if (annotations.length > 0) responseMessage.annotations = annotations;
  if (carried.length > 0) responseMessage[ANTHROPIC_BLOCKS_FIELD] = carried;
  // Not in JSON mode through a tool: its answer is content, not a block to replay (the stream cannot tell early).
  const blockOrder = jsonToolName === null ? order.result() : undefined;
  if (blockOrder) responseMessage[ANTHROPIC_BLOCK_ORDER_FIELD] = blockOrder;
  if (stopReason === 'pause_turn') responseMessage[ANTHROPIC_STOP_REASON_FIELD] = 'pause_turn';

  const response: ChatCompletion = {
    id: environment.generateId('chatcmpl'),
    object: 'chat.completion',
    created: environment.now(),
    model: message.model || context.requestedModel,
    system_fingerprint: environment.generateId('fp'),
    choices: [{ index: 0, message: responseMessage, logprobs: null, finish_reason: finishReason }],
    usage: { ...convertAnthropicUsage(message.usage ?? {}) },
  };
  return { ok: true, response, warnings };
}

import type { ChatCompletion } from '@interlingua/openai-schema';

/**
 * A reply described once and rendered twice — as the hub's non-stream chat completion and as the hub's chunk
 * stream (pieces as the provider transducers emit them: role chunk, reasoning pieces, Anthropic-style signed
 * thinking blocks at their end, content pieces, each tool call's first delta with id and name then argument
 * pieces, Gemini-style `extra_content` pieces, finish reason, usage chunk, `[DONE]`) — so a test can check that
 * the stream and the non-stream reply translate to the same Message.
 */
export interface HubReplyModel {
  /** Thinking as LiteLLM/Anthropic-style signed blocks (each streamed as reasoning pieces then the signed block). */
  thinking?: Array<{ pieces: string[]; signature: string } | { redacted: string }>;
  /** Thinking as plain reasoning pieces (DeepSeek, Gemini thoughts). Ignored when `thinking` is set. */
  reasoning?: string[];
  content?: string[];
  refusal?: string[];
  tools?: Array<{ id: string; name: string; argumentPieces: string[]; extra?: unknown }>;
  /** `extra_content` pieces on the message (Gemini: one `{google: {thought_signatures: [..]}}` per signature). */
  extras?: Array<{ google: { thought_signatures: Array<{ part: string; signature: string }> } }>;
  finish: 'stop' | 'length' | 'tool_calls' | 'content_filter';
  usage?: { prompt_tokens: number; completion_tokens: number; cached?: number };
}

function usageOf(model: HubReplyModel) {
  if (!model.usage) return undefined;
  const { prompt_tokens, completion_tokens, cached } = model.usage;
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens, ...(cached !== undefined ? { prompt_tokens_details: { cached_tokens: cached } } : {}) };
}

export function toCompletion(model: HubReplyModel): ChatCompletion {
  const message: Record<string, unknown> = { role: 'assistant', content: model.content ? model.content.join('') : null };
  if (model.thinking) {
    message['reasoning_content'] = model.thinking.map((b) => ('pieces' in b ? b.pieces.join('') : '')).join('');
    message['thinking_blocks'] = model.thinking.map((b) => ('pieces' in b ? { type: 'thinking', thinking: b.pieces.join(''), signature: b.signature } : { type: 'redacted_thinking', data: b.redacted }));
  } else if (model.reasoning) message['reasoning_content'] = model.reasoning.join('');
  if (model.refusal) message['refusal'] = model.refusal.join('');
  if (model.tools && model.tools.length > 0) {
    message['tool_calls'] = model.tools.map((t) => ({ id: t.id, type: 'function', function: { name: t.name, arguments: t.argumentPieces.join('') }, ...(t.extra !== undefined ? { extra_content: t.extra } : {}) }));
  }
  if (model.extras && model.extras.length > 0) {
    message['extra_content'] = { google: { thought_signatures: model.extras.flatMap((e) => e.google.thought_signatures) } };
  }
  const usage = usageOf(model);
  return {
    id: 'chatcmpl-hub',
    object: 'chat.completion',
    created: 1,
    model: 'upstream-model',
    choices: [{ index: 0, message: message as never, finish_reason: model.finish, logprobs: null }],
    ...(usage ? { usage: usage as never } : {}),
  };
}

export function toChunks(model: HubReplyModel): unknown[] {
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({ id: 'chatcmpl-hub', object: 'chat.completion.chunk', created: 1, model: 'upstream-model', choices: [{ index: 0, delta, finish_reason: finish }] });
  const chunks: unknown[] = [chunk({ role: 'assistant', content: '' })];
  if (model.thinking) {
    for (const block of model.thinking) {
      if ('redacted' in block) chunks.push(chunk({ thinking_blocks: [{ type: 'redacted_thinking', data: block.redacted }] }));
      else {
        for (const piece of block.pieces) chunks.push(chunk({ reasoning_content: piece }));
        chunks.push(chunk({ thinking_blocks: [{ type: 'thinking', thinking: block.pieces.join(''), signature: block.signature }] }));
      }
    }
  } else for (const piece of model.reasoning ?? []) chunks.push(chunk({ reasoning_content: piece }));
  for (const piece of model.content ?? []) chunks.push(chunk({ content: piece }));
  for (const piece of model.refusal ?? []) chunks.push(chunk({ refusal: piece }));
  (model.tools ?? []).forEach((tool, index) => {
    chunks.push(chunk({ tool_calls: [{ index, id: tool.id, type: 'function', function: { name: tool.name, arguments: '' }, ...(tool.extra !== undefined ? { extra_content: tool.extra } : {}) }] }));
    for (const piece of tool.argumentPieces) chunks.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
  });
  for (const extra of model.extras ?? []) chunks.push(chunk({ extra_content: extra }));
  chunks.push(chunk({}, model.finish));
  const usage = usageOf(model);
  if (usage) chunks.push({ id: 'chatcmpl-hub', object: 'chat.completion.chunk', created: 1, model: 'upstream-model', choices: [], usage });
  return chunks;
}

export function toSse(chunks: unknown[], end: 'done' | 'none' = 'done'): string {
  return chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join('') + (end === 'done' ? 'data: [DONE]\n\n' : '');
}

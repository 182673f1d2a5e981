import { fc } from '@fast-check/vitest';

/** A content block of a generated Anthropic message (the kinds a client-visible reply has). */
export type GeneratedBlock =
  | { type: 'text'; text: string; pieces: string[] }
  | { type: 'thinking'; thinking: string; signature: string; pieces: string[] }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown>; fragments: string[] };

export interface GeneratedMessage {
  id: string;
  model: string;
  blocks: GeneratedBlock[];
  stopReason: 'end_turn' | 'max_tokens' | 'tool_use' | 'stop_sequence' | 'refusal' | 'pause_turn';
  inputTokens: number;
  outputTokens: number;
}

/** Cuts a string into pieces at arbitrary code-unit positions (empty pieces allowed). */
export function splitArbitrarily(text: string, cuts: readonly number[]): string[] {
  const positions = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const position of positions) {
    pieces.push(text.slice(from, position));
    from = position;
  }
  pieces.push(text.slice(from));
  return pieces;
}

const cuts = fc.array(fc.nat(), { maxLength: 6 });
const anyText = fc.string({ unit: 'binary', maxLength: 40 });
const jsonObject = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }) as fc.Arbitrary<Record<string, unknown>>;

const textBlock = fc.record({ text: anyText, cuts }).map(({ text, cuts: c }): GeneratedBlock => ({ type: 'text', text, pieces: splitArbitrarily(text, c) }));
const thinkingBlock = fc
  .record({ thinking: anyText, signature: fc.base64String({ minLength: 4, maxLength: 40 }), cuts })
  .map(({ thinking, signature, cuts: c }): GeneratedBlock => ({ type: 'thinking', thinking, signature, pieces: splitArbitrarily(thinking, c) }));
const toolBlock = fc
  .record({
    id: fc.stringMatching(/^toolu_[A-Za-z0-9]{8,24}$/),
    name: fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_-]{0,20}$/),
    input: jsonObject,
    cuts,
  })
  .map(({ id, name, input, cuts: c }): GeneratedBlock => ({ type: 'tool_use', id, name, input, fragments: splitArbitrarily(JSON.stringify(input), c) }));

/** Arbitrary Anthropic messages made of text, thinking and tool_use blocks, with their stream pieces. */
export const generatedMessage: fc.Arbitrary<GeneratedMessage> = fc.record({
  id: fc.stringMatching(/^msg_[A-Za-z0-9]{10,24}$/),
  model: fc.constantFrom('claude-sonnet-4-5-20250929', 'claude-haiku-4-5-20251001', 'claude-opus-4-1-20250805'),
  blocks: fc.array(fc.oneof(textBlock, thinkingBlock, toolBlock), { maxLength: 6 }),
  stopReason: fc.constantFrom('end_turn', 'max_tokens', 'tool_use', 'stop_sequence', 'refusal', 'pause_turn'),
  inputTokens: fc.nat({ max: 100_000 }),
  outputTokens: fc.nat({ max: 100_000 }),
});

/** The non-streamed Anthropic `Message` the generated message stands for. */
export function toAnthropicMessage(message: GeneratedMessage): Record<string, unknown> {
  return {
    id: message.id,
    type: 'message',
    role: 'assistant',
    model: message.model,
    content: message.blocks.map((block) => {
      switch (block.type) {
        case 'text':
          return { type: 'text', text: block.text };
        case 'thinking':
          return { type: 'thinking', thinking: block.thinking, signature: block.signature };
        default:
          return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
      }
    }),
    stop_reason: message.stopReason,
    stop_sequence: null,
    usage: { input_tokens: message.inputTokens, output_tokens: message.outputTokens },
  };
}

/** The events Anthropic streams for the generated message, in the documented order (with pings and empty deltas). */
export function toAnthropicStreamEvents(message: GeneratedMessage): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [
    {
      type: 'message_start',
      message: { ...toAnthropicMessage(message), content: [], stop_reason: null, usage: { input_tokens: message.inputTokens, output_tokens: 1 } },
    },
    { type: 'ping' },
  ];
  message.blocks.forEach((block, index) => {
    switch (block.type) {
      case 'text':
        events.push({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
        for (const text of block.pieces) events.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } });
        break;
      case 'thinking':
        events.push({ type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } });
        for (const thinking of block.pieces) events.push({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking } });
        events.push({ type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: block.signature } });
        break;
      default:
        events.push({ type: 'content_block_start', index, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } });
        events.push({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: '' } });
        for (const partial_json of block.fragments) events.push({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } });
    }
    events.push({ type: 'content_block_stop', index });
  });
  events.push({ type: 'message_delta', delta: { stop_reason: message.stopReason, stop_sequence: null }, usage: { output_tokens: message.outputTokens } });
  events.push({ type: 'message_stop' });
  return events;
}

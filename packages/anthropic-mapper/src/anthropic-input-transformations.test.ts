import { createFixedEnvironment } from '@interlingua/openai-schema';
import { describe, expect, it } from 'vitest';
import { ANTHROPIC_THINKING_BINDING_BETA, convertAnthropicInputTransformations } from './convert-anthropic-input-transformations.js';
import { convertAnthropicResponseToOpenAI } from './convert-anthropic-response-to-openai.js';
import { convertOpenAIRequestToAnthropic } from './convert-openai-request-to-anthropic.js';

/**
 * Anthropic's `input_transformations` (the thinking blocks of a request it dropped instead of showing them to the
 * model, reported under the `thinking-binding-controls-2026-08-01` beta) reach the client as `thinking_dropped`
 * warnings naming the client's own field. Basis: the `input_transformations` field of the Messages API ("one entry
 * per change, in request order … `thinking_dropped` … `path`: `messages.{i}.content.{j}` … `reason`"; in a stream
 * "final in `message_start`", replaced by the last `message_delta` after a server-side fallback; the SDKs' generated
 * types) and https://platform.claude.com/docs/en/build-with-claude/preserved-thinking/fix-bound-to-a-different-conversation
 * (`thinking.block_binding.prefix_mismatch_behavior: "drop_block"` with the beta header; "the next request
 * succeeds, and its input_transformations array lists each block the API dropped").
 */

const thinking = (text: string, signature: string) => ({ type: 'thinking', thinking: text, signature });

/** A conversation whose indexes shift on the way: system messages lifted, a tool result merged, a redacted block. */
function conversation(): Record<string, unknown> {
  return {
    model: 'claude-fable-5-2',
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'developer', content: 'Use tools.' },
      { role: 'user', content: 'Weather in Lisbon and Porto?' },
      {
        role: 'assistant',
        content: null,
        thinking_blocks: [thinking('Two cities.', 'sig-a'), { type: 'redacted_thinking', data: 'redacted-b' }],
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Lisbon"}' } },
          { id: 'call_2', type: 'function', function: { name: 'weather', arguments: '{"city":"Porto"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'Sunny' },
      { role: 'tool', tool_call_id: 'call_2', content: 'Rain' },
      { role: 'assistant', content: 'Lisbon is sunny, Porto rainy.', thinking_blocks: [thinking('', 'sig-c')] },
      { role: 'user', content: 'And tomorrow?' },
    ],
    tools: [{ type: 'function', function: { name: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
  };
}

function mapRequest(request: Record<string, unknown>) {
  const result = convertOpenAIRequestToAnthropic(request);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result;
}

/** The client's block a `messages[i].thinking_blocks[k]` param names. */
function clientBlock(request: Record<string, unknown>, param: string): unknown {
  const match = /^messages\[(\d+)\]\.thinking_blocks\[(\d+)\]$/.exec(param);
  if (!match) throw new Error(`not a thinking block param: ${param}`);
  const message = (request['messages'] as Array<Record<string, unknown>>)[Number(match[1])]!;
  return (message['thinking_blocks'] as unknown[])[Number(match[2])];
}

describe('the request side: where each thinking block went', () => {
  it('names, for every thinking block of the body as sent, the client field it came from', () => {
    const request = conversation();
    const { upstream, context } = mapRequest(request);
    const params = context.thinkingBlockParams!;
    const body = upstream.body as { messages: Array<{ content: Array<Record<string, unknown>> }> };
    // Every thinking block of the body is located, and each located path holds the block its client field gave.
    const inBody: string[] = [];
    body.messages.forEach((message, i) =>
      message.content.forEach((block, j) => {
        if (block['type'] === 'thinking' || block['type'] === 'redacted_thinking') inBody.push(`messages.${i}.content.${j}`);
      }),
    );
    expect(Object.keys(params).sort()).toEqual(inBody.sort());
    expect(inBody).toHaveLength(3);
    for (const [path, param] of Object.entries(params)) {
      const [, i, j] = /^messages\.(\d+)\.content\.(\d+)$/.exec(path)!;
      expect(body.messages[Number(i)]!.content[Number(j)]).toEqual(clientBlock(request, param));
    }
    // The system messages were lifted, so the first assistant turn is messages.1 of the body, not messages[3].
    expect(params['messages.1.content.0']).toBe('messages[3].thinking_blocks[0]');
    expect(params['messages.1.content.1']).toBe('messages[3].thinking_blocks[1]');
    expect(params['messages.3.content.0']).toBe('messages[6].thinking_blocks[0]');
  });

  it('holds nothing when no thinking block is sent back', () => {
    const { context } = mapRequest({ model: 'claude-fable-5-2', messages: [{ role: 'user', content: 'Hi' }] });
    expect(context).not.toHaveProperty('thinkingBlockParams');
  });

  it('asks for the beta when the client sets thinking.block_binding through the escape hatch, and only then', () => {
    const hatch = { thinking: { type: 'adaptive', block_binding: { prefix_mismatch_behavior: 'drop_block' } } };
    const bound = mapRequest({ ...conversation(), anthropic: hatch });
    expect(bound.upstream.headers['anthropic-beta']).toBe(ANTHROPIC_THINKING_BINDING_BETA);
    // Merged one level deep into the mapped thinking (which keeps its display).
    expect((bound.upstream.body as { thinking?: unknown }).thinking).toMatchObject(hatch.thinking);
    expect(bound.warnings.map((warning) => warning.code)).not.toContain('anthropic_field_overridden');

    const plain = mapRequest(conversation());
    expect(plain.upstream.headers['anthropic-beta']).toBeUndefined();

    // A client that sends the beta itself does not get it twice.
    const both = convertOpenAIRequestToAnthropic({ ...conversation(), anthropic: hatch }, { betas: `${ANTHROPIC_THINKING_BINDING_BETA}, files-api-2025-04-14` });
    expect(both.ok && both.upstream.headers['anthropic-beta']).toBe(`${ANTHROPIC_THINKING_BINDING_BETA},files-api-2025-04-14`);
  });
});

describe('the reply side: input_transformations as warnings', () => {
  const params = { 'messages.1.content.0': 'messages[3].thinking_blocks[0]', 'messages.1.content.1': 'messages[3].thinking_blocks[1]' };

  it('reports each dropped block under the client field it came from, with the reason in words', () => {
    const warnings = convertAnthropicInputTransformations(
      [
        { type: 'thinking_dropped', path: 'messages.1.content.0', reason: 'prefix_binding_mismatch' },
        { type: 'thinking_dropped', path: 'messages.1.content.1', reason: 'prefix_binding_mismatch' },
      ],
      params,
    );
    expect(warnings.map((warning) => [warning.code, warning.param])).toEqual([
      ['thinking_dropped', 'messages[3].thinking_blocks[0]'],
      ['thinking_dropped', 'messages[3].thinking_blocks[1]'],
    ]);
    expect(warnings[0]!.message).toContain('the conversation before it differs from the one it was made in');
  });

  it('names Anthropic’s path when the block is not one the mapping made, and keeps an unknown reason or entry type', () => {
    const warnings = convertAnthropicInputTransformations(
      [
        { type: 'thinking_dropped', path: 'messages.5.content.2', reason: 'model_binding_mismatch' },
        { type: 'thinking_dropped', path: 'messages.1.content.0', reason: 'some_new_check' },
        { type: 'content_rewritten', path: 'messages.1.content.1' },
      ],
      params,
    );
    expect(warnings.map((warning) => [warning.code, warning.param])).toEqual([
      ['thinking_dropped', 'messages'],
      ['thinking_dropped', 'messages[3].thinking_blocks[0]'],
      ['input_transformation', 'messages[3].thinking_blocks[1]'],
    ]);
    expect(warnings[0]!.message).toContain("Anthropic's messages.5.content.2");
    expect(warnings[0]!.message).toContain('a model whose reasoning this model may not read');
    expect(warnings[1]!.message).toContain('some_new_check');
    expect(warnings[2]!.message).toContain('content_rewritten');
  });

  it('reports nothing for an empty list (what every reply under the beta carries when nothing changed) or no list', () => {
    expect(convertAnthropicInputTransformations([], params)).toEqual([]);
    expect(convertAnthropicInputTransformations(undefined, params)).toEqual([]);
    expect(convertAnthropicInputTransformations({ not: 'a list' }, params)).toEqual([]);
  });

  it('the reply mapper carries them: request and reply of one call', () => {
    const request = conversation();
    const { context } = mapRequest(request);
    const result = convertAnthropicResponseToOpenAI(
      {
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        model: 'claude-fable-5-2',
        content: [{ type: 'thinking', thinking: '', signature: 'sig-d' }, { type: 'text', text: 'Cooler tomorrow.' }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 50, output_tokens: 9 },
        input_transformations: [{ type: 'thinking_dropped', path: 'messages.3.content.0', reason: 'prefix_binding_mismatch' }],
      },
      { context, environment: createFixedEnvironment({ ids: { chatcmpl: ['chatcmpl-1'], fp: ['fp_1'] }, now: 1 }) },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.warnings.map((warning) => [warning.code, warning.param])).toEqual([['thinking_dropped', 'messages[6].thinking_blocks[0]']]);
    expect(result.response.choices[0]!.message.content).toBe('Cooler tomorrow.');
  });
});

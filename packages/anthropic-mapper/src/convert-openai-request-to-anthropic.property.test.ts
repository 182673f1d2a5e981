/// <reference types="node" />
import { fc, test } from '@fast-check/vitest';
import { readVendoredSpec } from '@interlingua/conformance/node';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect } from 'vitest';
import { convertOpenAIRequestToAnthropic } from './convert-openai-request-to-anthropic.js';
import { resolveAnthropicModelCapabilities } from './resolve-anthropic-model-capabilities.js';

/**
 * Property: for arbitrary schema-valid OpenAI requests (built structurally), the mapper never throws, never mutates
 * its input, and returns either a 400 envelope or a body valid against Anthropic's `CreateMessageParams` (spec v195
 * plus the documented 2026 additions listed in `createValidator`), on models of every catalog generation,
 * whose turns alternate starting with a user turn, whose mid-conversation system turns (on models that take them)
 * follow a user turn and come last or before an assistant turn, and which holds no empty text block.
 */

function createValidator() {
  const spec = readVendoredSpec('anthropic');
  const schemas = spec.components.schemas;
  // Fields newer than spec v195, each documented by Anthropic and present in @anthropic-ai/sdk 1.17's request types
  // (checked by the type-level test): output_config.format (structured outputs, GA) and output_config.effort (the
  // effort parameter: low … max), adaptive thinking with `display` and the `disabled` / `between_tools` forms
  // (adaptive-thinking page, Sonnet 5.5 migration guide), `display` on enabled thinking, the top-level
  // `cache_control` of automatic prompt caching, strict tools and the Files API document source.
  schemas.Tool.properties.strict = { type: 'boolean' };
  const display = { enum: ['summarized', 'omitted'] };
  schemas.CreateMessageParams.properties.thinking = {
    oneOf: [
      { type: 'object', additionalProperties: false, required: ['type', 'budget_tokens'], properties: { type: { const: 'enabled' }, budget_tokens: { type: 'integer', minimum: 1024 }, display } },
      { type: 'object', additionalProperties: false, required: ['type'], properties: { type: { const: 'adaptive' }, display } },
      { type: 'object', additionalProperties: false, required: ['type'], properties: { type: { const: 'disabled' } } },
      { type: 'object', additionalProperties: false, required: ['type'], properties: { type: { const: 'between_tools' } } },
    ],
  };
  schemas.CreateMessageParams.properties.output_config = {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: {
      format: { type: 'object', required: ['type', 'schema'], properties: { type: { const: 'json_schema' }, schema: { type: 'object' } } },
      effort: { enum: ['low', 'medium', 'high', 'xhigh', 'max'] },
    },
  };
  schemas.CreateMessageParams.properties.cache_control = { $ref: '#/components/schemas/CacheControlEphemeral' };
  schemas.RequestDocumentBlock.properties.source.oneOf.push({
    type: 'object',
    additionalProperties: false,
    required: ['type', 'file_id'],
    properties: { type: { const: 'file' }, file_id: { type: 'string' } },
  });
  delete schemas.RequestDocumentBlock.properties.source.discriminator;
  // Mid-conversation system messages (Opus 4.8 and later, SDK 1.17 `SystemMessageParam`): `{role: 'system', content}`
  // in `messages` (https://platform.claude.com/docs/en/build-with-claude/mid-conversation-system-messages).
  delete schemas.InputMessage.discriminator;
  schemas.InputMessage = {
    oneOf: [
      schemas.InputMessage,
      {
        type: 'object',
        additionalProperties: false,
        required: ['role', 'content'],
        properties: { role: { const: 'system' }, content: { type: 'array', minItems: 1, items: { $ref: '#/components/schemas/RequestTextBlock' } } },
      },
    ],
  };
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
  ajv.addSchema({ $id: 'anthropic.json', components: { schemas } });
  return ajv.compile({ $ref: 'anthropic.json#/components/schemas/CreateMessageParams' });
}

const validate = createValidator();

const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', ' ', '  \n', 'hello ', 'Done.'));
const textPart = text.map((t) => ({ type: 'text' as const, text: t }));
const imagePart = fc.constantFrom(
  { type: 'image_url' as const, image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
  { type: 'image_url' as const, image_url: { url: 'data:image/jpeg;name=x.jpg;base64,/9j/4AAQ', detail: 'low' as const } },
  { type: 'image_url' as const, image_url: 'https://example.com/a.webp' },
  { type: 'image_url' as const, image_url: { url: 'data:image/tiff;base64,AAAA' } },
);
const filePart = fc.constantFrom(
  { type: 'file' as const, file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' } },
  { type: 'file' as const, file: { file_id: 'file_abc' } },
);
const audioPart = fc.constant({ type: 'input_audio' as const, input_audio: { data: 'AAAA', format: 'wav' as const } });
const toolNames = fc.constantFrom('get_weather', 'lookup', 'json_tool_call');
const callIds = fc.constantFrom('call_1', 'call_2', 'toolu_01X', 'functions.Bash:0', 'a b', 'call:1');
const args = fc.oneof(fc.constantFrom('{}', '', '{"a":1}', '{"city":"Paris"}', '{"a":'), fc.jsonValue().map((value) => JSON.stringify(value)));

const systemMessage = fc.record({
  role: fc.constantFrom('system' as const, 'developer' as const),
  content: fc.oneof(text, fc.array(textPart, { minLength: 1, maxLength: 3 })),
});
const userMessage = fc.record({
  role: fc.constant('user' as const),
  content: fc.oneof(text, fc.array(fc.oneof({ weight: 5, arbitrary: textPart }, { weight: 2, arbitrary: imagePart }, { weight: 1, arbitrary: filePart }, { weight: 1, arbitrary: audioPart }), { minLength: 1, maxLength: 4 })),
});
const assistantMessage = fc.record(
  {
    role: fc.constant('assistant' as const),
    content: fc.oneof(fc.constant(null), text),
    tool_calls: fc.array(fc.record({ id: callIds, type: fc.constant('function' as const), function: fc.record({ name: toolNames, arguments: args }) }), { minLength: 1, maxLength: 3 }),
    thinking_blocks: fc.array(
      fc.oneof(
        fc.record({ type: fc.constant('thinking'), thinking: text, signature: fc.constantFrom('sig', 'EqQB==') }),
        fc.record({ type: fc.constant('redacted_thinking'), data: fc.constant('opaque') }),
        fc.record({ type: fc.constant('thinking'), thinking: text }),
      ),
      { maxLength: 2 },
    ),
    reasoning_content: text,
  },
  { requiredKeys: ['role', 'content'] },
);
const toolMessage = fc.record({
  role: fc.constant('tool' as const),
  tool_call_id: callIds,
  content: fc.oneof(text, fc.array(fc.oneof(textPart, imagePart), { minLength: 1, maxLength: 2 })),
});
const message = fc.oneof(systemMessage, { weight: 3, arbitrary: userMessage }, { weight: 2, arbitrary: assistantMessage }, toolMessage);

const tool = fc.record(
  {
    type: fc.constant('function' as const),
    function: fc.record(
      {
        name: toolNames,
        description: fc.string({ maxLength: 10 }),
        parameters: fc.constantFrom({ type: 'object', properties: { city: { type: 'string' } } }, { properties: {} }, { type: 'object' }),
        strict: fc.boolean(),
      },
      { requiredKeys: ['name'] },
    ),
  },
  { requiredKeys: ['type', 'function'] },
);

const request = fc.record(
  {
    model: fc.constantFrom('claude-3-5-haiku', 'claude-3-7-sonnet-20250219', 'claude-sonnet-4-5', 'claude-opus-4-1', 'claude-haiku-4-5', 'claude-future-9', 'claude-opus-4-6', 'claude-sonnet-4-6', 'claude-opus-4-7', 'claude-opus-5', 'claude-opus-5-5', 'claude-sonnet-5-5', 'claude-fable-5-1'),
    messages: fc.array(message, { minLength: 1, maxLength: 8 }),
    max_tokens: fc.integer({ min: 1, max: 70000 }),
    max_completion_tokens: fc.integer({ min: 1, max: 70000 }),
    temperature: fc.double({ min: 0, max: 2, noNaN: true }),
    top_p: fc.double({ min: 0, max: 1, noNaN: true }),
    stop: fc.oneof(text, fc.array(text, { maxLength: 4 })),
    user: fc.string({ maxLength: 300 }),
    stream: fc.boolean(),
    n: fc.constantFrom(1, 2),
    seed: fc.integer(),
    tools: fc.array(tool, { maxLength: 3 }),
    tool_choice: fc.oneof(fc.constantFrom('auto' as const, 'required' as const, 'none' as const), toolNames.map((name) => ({ type: 'function' as const, function: { name } }))),
    parallel_tool_calls: fc.boolean(),
    reasoning_effort: fc.constantFrom('none' as const, 'minimal' as const, 'low' as const, 'medium' as const, 'high' as const, 'xhigh' as const, 'max' as const),
    response_format: fc.constantFrom(
      { type: 'text' as const },
      { type: 'json_object' as const },
      { type: 'json_schema' as const, json_schema: { name: 'x', schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false } } },
    ),
    web_search_options: fc.constantFrom({}, { search_context_size: 'medium' as const }),
    prompt_cache_retention: fc.constantFrom('in_memory' as const, '24h' as const),
    prompt_cache_options: fc.constantFrom({ mode: 'implicit' as const, ttl: '30m' as const }, { mode: 'explicit' as const }),
    prompt_cache_key: fc.constantFrom('tenant-1'),
    functions: fc.constantFrom([{ name: 'legacy_fn', parameters: { type: 'object', properties: {} } }]),
    function_call: fc.constantFrom('auto' as const, 'none' as const, { name: 'legacy_fn' }),
  },
  { requiredKeys: ['model', 'messages'] },
);

function textBlocks(body: Record<string, unknown>): string[] {
  const texts: string[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (record['type'] === 'text' && typeof record['text'] === 'string') texts.push(record['text']);
      Object.values(record).forEach(visit);
    }
  };
  visit(body['system']);
  visit(body['messages']);
  return texts;
}

let accepted = 0;

describe('convertOpenAIRequestToAnthropic (properties)', () => {
  // A fixed seed: the coverage check below counts accepted requests, and must not depend on the draw.
  test.prop([request, fc.constantFrom('auto' as const, 'off' as const)], { numRuns: 300, seed: 42 })('returns a valid Anthropic request or a 400, never throws, never mutates', (input, promptCaching) => {
    const before = structuredClone(input);
    const result = convertOpenAIRequestToAnthropic(input, { promptCaching });
    expect(input).toEqual(before);
    if (!result.ok) {
      expect(result.status).toBe(400);
      expect(result.error.error.type).toBe('invalid_request_error');
      expect(typeof result.error.error.message).toBe('string');
      return;
    }
    accepted++;
    const body = result.upstream.body as unknown as Record<string, unknown>;
    if (!validate(body)) expect.fail(`invalid Anthropic request: ${JSON.stringify(validate.errors?.slice(0, 3))}\n${JSON.stringify(body).slice(0, 2000)}`);
    const roles = result.upstream.body.messages.map((turn) => turn.role);
    const modelTakesMidConversationSystem = resolveAnthropicModelCapabilities(input.model).midConversationSystemMessages;
    expect(roles[0]).toBe('user');
    roles.forEach((role, i) => {
      if (i > 0) expect(role).not.toBe(roles[i - 1]);
      // Anthropic's placement of a mid-conversation system message: after a user turn, then an assistant turn or the end.
      if (role === 'system') {
        expect(modelTakesMidConversationSystem).toBe(true);
        expect(roles[i - 1]).toBe('user');
        if (i < roles.length - 1) expect(roles[i + 1]).toBe('assistant');
      }
    });
    const turns = roles.filter((role) => role !== 'system');
    turns.forEach((role, i) => {
      if (i > 0) expect(role).not.toBe(turns[i - 1]);
    });
    for (const t of textBlocks(body)) expect(t.trim()).not.toBe('');
    const { thinking, max_tokens: maxTokens } = result.upstream.body;
    if (thinking?.type === 'enabled') {
      expect(thinking.budget_tokens).toBeGreaterThanOrEqual(1024);
      expect(maxTokens).toBeGreaterThan(thinking.budget_tokens);
    }
  });

  test('the generator reaches the success path often enough to mean something', () => {
    expect(accepted).toBeGreaterThan(60);
  });

  test.prop([fc.anything()], { numRuns: 200 })('never throws on anything', (input) => {
    const result = convertOpenAIRequestToAnthropic(input);
    expect(typeof result.ok).toBe('boolean');
  });
});

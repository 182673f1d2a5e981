/// <reference types="node" />
import { fc, test } from '@fast-check/vitest';
import { readVendoredSpec } from '@interlingua/conformance/node';
import { Ajv } from 'ajv';
import { describe, expect } from 'vitest';
import { convertOpenAIRequestToGemini, type ConvertOpenAIRequestToGeminiOptions } from './convert-openai-request-to-gemini.js';
import type { GeminiContent } from './gemini-request-types.js';

/**
 * Property: for arbitrary schema-valid OpenAI requests (built structurally), `convertOpenAIRequestToGemini` never
 * throws (the promise never rejects), never mutates its input, and returns either a 400 envelope naming a `param` or
 * a body valid against `GenerateContentRequest` of the Gemini v1beta spec (vendored in packages/conformance/specs), whose contents alternate
 * roles except where a functionResponse turn is followed by human text (kept apart on purpose: Gemini 3 ignores text
 * folded into a function-response turn).
 */

type SpecNode = { [key: string]: unknown };

/** OpenAPI 3.0 `nullable: true` → JSON Schema (as the OpenAI spec validator in packages/conformance does). */
function normaliseNullable(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(normaliseNullable);
  if (typeof node !== 'object' || node === null) return;
  const schema = node as SpecNode;
  if (schema.nullable === true && typeof schema.type === 'string') {
    schema.type = [schema.type, 'null'];
    delete schema.nullable;
  }
  Object.values(schema).forEach(normaliseNullable);
}

/**
 * The spec's request validator, with four documented adjustments:
 * - every component object that lists `properties` and says nothing about others is closed
 *   (`additionalProperties: false`), so a misspelt or invented field fails instead of passing silently;
 * - `FunctionDeclaration.description` is optional: the spec says "Required", but the SDK type has it optional and
 *   the js-genai recordings (packages/conformance/recordings/js-genai, e.g. the MCP greeter and automatic-function-calling tests)
 *   send declarations without one and get 200 replies;
 * - `Schema.type` is optional: a node holding only `anyOf` has no type (TRANSLATION-NOTES rule "anyOf without
 *   siblings"; the SDK's Schema type has `type` optional);
 * - `GenerateContentRequest.model` is optional: on REST the model is the `{model}` of the path
 *   (`/v1beta/models/{model}:generateContent`), and the recorded requests carry no `model` in the body;
 * - `ThinkingConfig.thinkingLevel` also takes `XHIGH`: the vendored spec predates the Gemini 4 Neon and Hydrogen
 *   models (November 2026), whose developer guide lists low, medium, high and xhigh.
 */
function createValidator() {
  const spec = readVendoredSpec('gemini') as {
    components: { schemas: { [name: string]: SpecNode } };
  };
  const schemas = spec.components.schemas;
  normaliseNullable(schemas);
  for (const schema of Object.values(schemas)) {
    if (schema.type === 'object' && schema.properties && schema.additionalProperties === undefined) schema.additionalProperties = false;
  }
  schemas.FunctionDeclaration!.required = ['name'];
  delete schemas.Schema!.required;
  schemas.GenerateContentRequest!.required = (schemas.GenerateContentRequest!.required as string[]).filter((name) => name !== 'model');
  const thinkingLevel = (schemas.ThinkingConfig!.properties as { thinkingLevel: { enum: string[] } }).thinkingLevel;
  thinkingLevel.enum = [...thinkingLevel.enum, 'XHIGH'];
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
  ajv.addSchema({ $id: 'gemini.json', components: { schemas } });
  return ajv.compile({ $ref: 'gemini.json#/components/schemas/GenerateContentRequest' });
}

const validate = createValidator();

// ---- arbitraries of schema-valid OpenAI requests ----

const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', ' ', 'hello', 'Done.', '{"a":1}', '[1,2]'));
const textPart = text.map((value) => ({ type: 'text' as const, text: value }));
const imagePart = fc.oneof(
  fc.constantFrom(
    'data:image/png;base64,iVBORw0KGgo=',
    'data:image/jpeg;base64,/9j/4AAQ',
    'data:image/webp;base64,UklGRg==',
    'data:image/tiff;base64,AAAA',
    'data:image/png,notbase64',
    'gs://bucket/cat.png',
    'gs://bucket/blob',
    'https://generativelanguage.googleapis.com/v1beta/files/abc123',
    'https://example.com/a.webp',
    'https://example.com/fails.png',
    'http://example.com/b.jpg',
    'ftp://example.com/c.png',
  ).chain((url) =>
    fc.oneof(
      fc.record({ type: fc.constant('image_url' as const), image_url: fc.record({ url: fc.constant(url), detail: fc.constantFrom('auto' as const, 'low' as const, 'high' as const) }, { requiredKeys: ['url'] }) }),
      fc.constant({ type: 'image_url' as const, image_url: url }),
    ),
  ),
);
const audioPart = fc.record({
  type: fc.constant('input_audio' as const),
  input_audio: fc.record({ data: fc.constantFrom('UklGRg==', 'AAAA'), format: fc.constantFrom('wav' as const, 'mp3' as const) }),
});
const filePart = fc.record({
  type: fc.constant('file' as const),
  file: fc.oneof(
    fc.record(
      {
        filename: fc.constantFrom('a.pdf', 'notes.txt', 'b.tiff', 'clip.mp4'),
        file_data: fc.constantFrom('data:application/pdf;base64,JVBERi0=', 'data:text/plain;base64,aGk=', 'data:image/tiff;base64,AAAA', 'data:video/mp4;base64,AAAA', 'JVBERi0='),
      },
      { requiredKeys: ['file_data'] },
    ),
    fc.record({ file_id: fc.constantFrom('file-abc123', 'gs://bucket/doc.pdf', 'https://generativelanguage.googleapis.com/v1beta/files/f1') }),
  ),
});
const userPart = fc.oneof({ weight: 6, arbitrary: textPart }, { weight: 2, arbitrary: imagePart }, { weight: 1, arbitrary: audioPart }, { weight: 1, arbitrary: filePart });

const toolNames = fc.constantFrom('get_weather', 'lookup', 'search.docs', 'mcp__server__tool', 'bad name!', '1starts_with_digit');
const callIds = fc.constantFrom('call_1', 'call_2', 'toolu_01X', 'functions.Bash:0');
const toolArguments = fc.oneof(fc.constantFrom('{}', '', '{"city":"Paris"}', '{"a":', '[1]', '3'), fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }).map((value) => JSON.stringify(value)));
const signatures = fc.constantFrom('SIG_A', 'c2lnbmF0dXJl');

const systemMessage = fc.record(
  {
    role: fc.constantFrom('system' as const, 'developer' as const),
    content: fc.oneof(text, fc.array(textPart, { minLength: 1, maxLength: 3 })),
    name: fc.constantFrom('ops'),
  },
  { requiredKeys: ['role', 'content'] },
);
const userMessage = fc.record(
  { role: fc.constant('user' as const), content: fc.oneof(text, fc.array(userPart, { minLength: 1, maxLength: 4 })), name: fc.constantFrom('alice') },
  { requiredKeys: ['role', 'content'] },
);
const toolCall = (id: string) =>
  fc.record(
    {
      id: fc.constant(id),
      type: fc.constant('function' as const),
      function: fc.record({ name: toolNames, arguments: toolArguments }),
      extra_content: fc.record({ google: fc.record({ thought_signature: signatures }) }),
    },
    { requiredKeys: ['id', 'type', 'function'] },
  );
const assistantFields = {
  role: fc.constant('assistant' as const),
  content: fc.oneof(fc.constant(null), text, fc.array(fc.oneof(textPart, fc.record({ type: fc.constant('refusal' as const), refusal: text })), { minLength: 1, maxLength: 2 })),
  refusal: fc.oneof(fc.constant(null), text),
  reasoning_content: text,
  thinking_blocks: fc.constantFrom([{ type: 'thinking', thinking: 'claude thoughts', signature: 'anthropic-sig' }]),
  extra_content: fc.record({
    google: fc.record({
      thought_signatures: fc.array(fc.record({ part: fc.constantFrom('content' as const, 'reasoning' as const, 'trailing' as const), signature: signatures }), { maxLength: 3 }),
    }),
  }),
};
const assistantMessage = fc.record(assistantFields, { requiredKeys: ['role', 'content'] });
const toolResult = (id: string) => fc.record({ role: fc.constant('tool' as const), tool_call_id: fc.constant(id), content: fc.oneof(text, fc.array(textPart, { minLength: 1, maxLength: 2 })) });

/** An assistant turn with tool calls, then results for some of its calls in any order (a system note may sit between). */
const toolRound = fc.uniqueArray(callIds, { minLength: 1, maxLength: 3 }).chain((ids) =>
  fc
    .tuple(
      fc.record({ ...assistantFields, tool_calls: fc.tuple(...ids.map(toolCall)) }, { requiredKeys: ['role', 'content', 'tool_calls'] }),
      fc.shuffledSubarray(ids, { minLength: 1 }).chain((answered) => fc.tuple(...answered.map(toolResult))),
      fc.option(systemMessage, { freq: 4 }),
    )
    .map(([assistant, results, note]) => (note ? [assistant, note, ...results] : [assistant, ...results])),
);
/** The legacy form: an assistant `function_call`, then a `function` message. */
const functionRound = fc
  .tuple(fc.record({ name: toolNames, arguments: toolArguments }), fc.oneof(fc.constant(null), text))
  .map(([call, content]) => [{ role: 'assistant' as const, content: null, function_call: call }, { role: 'function' as const, name: call.name, content }]);
/** Tool results that answer nothing directly (rejected like OpenAI does) or an unknown id. */
const strayResult = fc.oneof(callIds.chain(toolResult), fc.record({ role: fc.constant('function' as const), name: toolNames, content: text }));

const conversation = fc
  .array(
    fc.oneof(
      { weight: 2, arbitrary: systemMessage.map((entry) => [entry]) },
      { weight: 5, arbitrary: userMessage.map((entry) => [entry]) },
      { weight: 2, arbitrary: assistantMessage.map((entry) => [entry]) },
      { weight: 3, arbitrary: toolRound },
      { weight: 1, arbitrary: functionRound },
      { weight: 1, arbitrary: strayResult.map((entry) => [entry]) },
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((segments) => segments.flat());

/** Arbitrary-ish JSON Schemas, including the keywords Gemini's legacy Schema lacks. */
const jsonSchema: fc.Arbitrary<unknown> = fc.letrec<{ schema: unknown }>((tie) => ({
  schema: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record(
      {
        type: fc.constantFrom('string', 'number', 'integer', 'boolean', 'null'),
        format: fc.constantFrom('date-time', 'email', 'uri', 'int64', 'float', 'enum'),
        description: fc.string({ maxLength: 8 }),
        minimum: fc.integer({ min: -5, max: 5 }),
        maxLength: fc.nat(50),
        pattern: fc.constantFrom('^[a-z]+$'),
        default: fc.jsonValue({ maxDepth: 1 }),
      },
      { requiredKeys: ['type'] },
    ),
    fc.record({ type: fc.constantFrom(['string', 'null'], ['integer', 'null'], ['string', 'number'], ['null']) }),
    fc.record({ enum: fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.constant(null), fc.boolean()), { minLength: 1, maxLength: 4 }), type: fc.constantFrom('string', 'integer') }, { requiredKeys: ['enum'] }),
    fc.record({ const: fc.oneof(fc.string({ maxLength: 4 }), fc.integer()) }),
    fc.record(
      {
        type: fc.constant('object'),
        title: fc.string({ maxLength: 6 }),
        properties: fc.dictionary(fc.string({ maxLength: 6 }), tie('schema'), { maxKeys: 4 }),
        required: fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
        additionalProperties: fc.oneof(fc.boolean(), tie('schema')),
        patternProperties: fc.constant({ '^x-': { type: 'string' } }),
      },
      { requiredKeys: [] },
    ),
    fc.record(
      { type: fc.constant('array'), items: fc.oneof(tie('schema'), fc.array(tie('schema'), { maxLength: 2 })), minItems: fc.nat(3), maxItems: fc.nat(9), uniqueItems: fc.boolean() },
      { requiredKeys: ['type'] },
    ),
    fc.record({ anyOf: fc.array(tie('schema'), { minLength: 1, maxLength: 3 }), description: fc.string({ maxLength: 6 }) }, { requiredKeys: ['anyOf'] }),
    fc.record({ oneOf: fc.array(tie('schema'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ allOf: fc.array(tie('schema'), { minLength: 1, maxLength: 2 }) }),
    fc.record({ not: tie('schema') }),
    fc.constant({ $ref: '#/$defs/Node' }),
    fc.constant({ $ref: '#/definitions/Missing' }),
    fc.constant({}),
    fc.constant(true),
  ),
})).schema;

const parametersSchema = fc.oneof(
  jsonSchema.filter((schema) => typeof schema === 'object' && schema !== null).map((schema) => ({ ...(schema as object), $defs: { Node: { type: 'object', properties: { child: { $ref: '#/$defs/Node' } } } } })),
  fc.constantFrom(
    { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
    { type: 'object', properties: {} },
    { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { q: { type: ['string', 'null'] } } },
    { properties: { n: { type: 'integer', format: 'int64', minimum: 0 } } },
  ),
);

const functionTool = fc.record({
  type: fc.constant('function' as const),
  function: fc.record({ name: toolNames, description: fc.string({ maxLength: 10 }), parameters: parametersSchema, strict: fc.boolean() }, { requiredKeys: ['name'] }),
});
const customTool = fc.constant({ type: 'custom' as const, custom: { name: 'grammar_tool' } });

const toolChoice = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('auto' as const, 'required' as const, 'none' as const) },
  { weight: 3, arbitrary: toolNames.map((name) => ({ type: 'function' as const, function: { name } })) },
  fc.record({
    type: fc.constant('allowed_tools' as const),
    allowed_tools: fc.record({ mode: fc.constantFrom('auto' as const, 'required' as const), tools: fc.array(toolNames.map((name) => ({ type: 'function' as const, function: { name } })), { minLength: 1, maxLength: 2 }) }),
  }),
  { weight: 1, arbitrary: fc.constant({ type: 'custom' as const, custom: { name: 'grammar_tool' } }) },
);

const responseFormat = fc.oneof(
  fc.constantFrom({ type: 'text' as const }, { type: 'json_object' as const }),
  fc.record({
    type: fc.constant('json_schema' as const),
    json_schema: fc.record({ name: fc.constantFrom('answer', 'x'), description: fc.string({ maxLength: 6 }), schema: parametersSchema, strict: fc.boolean() }, { requiredKeys: ['name'] }),
  }),
);

const models = fc.constantFrom(
  'gemini-pro',
  'gemini-1.5-pro',
  'gemini-1.5-flash-8b',
  'gemini-2.0-flash',
  'gemini-2.0-flash-thinking-exp',
  'gemini-2.5-pro',
  'gemini-2.5-flash',
  'gemini-2.5-flash-lite',
  'models/gemini-2.5-flash',
  'gemini-3-pro-preview',
  'gemini-3-flash-preview',
  'gemini-3.1-pro-preview',
  'gemini-3.8-flash',
  'gemini-3.1-flash-lite',
  'gemini-flash-latest',
  'gemini-4-neon',
  'gemini-2.5-flash-image',
  'gemini-future-9',
);

const request = fc.record(
  {
    model: models,
    messages: conversation,
    stream: fc.boolean(),
    stream_options: fc.record({ include_usage: fc.boolean() }),
    temperature: fc.double({ min: 0, max: 2, noNaN: true }),
    top_p: fc.double({ min: 0, max: 1, noNaN: true }),
    max_tokens: fc.integer({ min: 1, max: 65536 }),
    max_completion_tokens: fc.integer({ min: 1, max: 65536 }),
    stop: fc.oneof(fc.constant(null), text, fc.array(text, { maxLength: 6 })),
    n: fc.integer({ min: 1, max: 4 }),
    seed: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
    presence_penalty: fc.double({ min: -2, max: 2, noNaN: true }),
    frequency_penalty: fc.double({ min: -2, max: 2, noNaN: true }),
    logprobs: fc.boolean(),
    top_logprobs: fc.integer({ min: 0, max: 20 }),
    reasoning_effort: fc.constantFrom('none' as const, 'minimal' as const, 'low' as const, 'medium' as const, 'high' as const, 'xhigh' as const, 'max' as const),
    response_format: responseFormat,
    tools: fc.array(fc.oneof({ weight: 19, arbitrary: functionTool }, { weight: 1, arbitrary: customTool }), { maxLength: 3 }),
    tool_choice: toolChoice,
    parallel_tool_calls: fc.boolean(),
    functions: fc.array(fc.record({ name: toolNames, parameters: parametersSchema }, { requiredKeys: ['name'] }), { maxLength: 2 }),
    logit_bias: fc.constant({ '50256': -100 }),
    user: fc.string({ maxLength: 8 }),
    metadata: fc.constant({ trace: 'abc' }),
    modalities: fc.constantFrom(['text' as const], ['text' as const, 'audio' as const]),
    web_search_options: fc.constantFrom({}, { search_context_size: 'low' as const }),
    // The escape hatch, with fields of the v1beta GenerateContentRequest (not Vertex's `labels`, which the spec lacks).
    google: fc.record(
      {
        safety_settings: fc.constant([{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_ONLY_HIGH' }]),
        cached_content: fc.constant('cachedContents/abc'),
        generation_config: fc.record({ media_resolution: fc.constantFrom('MEDIA_RESOLUTION_LOW', 'MEDIA_RESOLUTION_HIGH'), temperature: fc.double({ min: 0, max: 2, noNaN: true }) }, { requiredKeys: [] }),
        tools: fc.constantFrom([{ code_execution: {} }], [{ url_context: {} }]),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['model', 'messages'] },
);

const options: fc.Arbitrary<Omit<ConvertOpenAIRequestToGeminiOptions, 'resolveMedia'>> = fc.record(
  {
    strict: fc.constantFrom(false, false, false, true),
    midConversationSystem: fc.constantFrom('user-text' as const, 'system-instruction' as const),
    schemaFields: fc.constantFrom('auto' as const, 'legacy' as const, 'json-schema' as const),
  },
  { requiredKeys: [] },
);

/** Stands in for the gateway's media resolver: one URL fails, the others resolve to a PNG. */
async function resolveMedia(url: string) {
  if (url.includes('fails')) throw new Error('HTTP 404');
  return { mimeType: 'image/png', data: 'iVBORw0KGgo=' };
}

const isFunctionResponseTurn = (content: GeminiContent) => content.parts.length > 0 && content.parts.every((part) => part.functionResponse !== undefined);
const isHumanTextTurn = (content: GeminiContent) => content.role === 'user' && content.parts.every((part) => part.functionResponse === undefined);

let accepted = 0;
let rejected = 0;

describe('convertOpenAIRequestToGemini (properties)', () => {
  // A fixed seed: the coverage check below counts accepted requests, and must not depend on the draw.
  test.prop([request, options], { numRuns: 400, seed: 42 })('a spec-valid Gemini request or a 400 naming a param; never throws, never mutates', async (input, settings) => {
    const before = structuredClone(input);
    const result = await convertOpenAIRequestToGemini(input, { ...settings, resolveMedia });
    expect(input).toEqual(before);
    if (!result.ok) {
      rejected++;
      expect(result.status).toBe(400);
      expect(result.error.error.type).toBe('invalid_request_error');
      expect(typeof result.error.error.message).toBe('string');
      expect(result.error.error.param, result.error.error.message).toEqual(expect.any(String));
      expect(result.error.error.param).not.toBe('');
      return;
    }
    accepted++;
    const body = result.upstream.body;
    if (!validate(body)) expect.fail(`invalid Gemini request: ${JSON.stringify(validate.errors?.slice(0, 3))}\n${JSON.stringify(body).slice(0, 3000)}`);
    expect(result.upstream.path).toMatch(/^\/v1beta\/models\/[A-Za-z0-9._-]+:(generateContent|streamGenerateContent\?alt=sse)$/);
    expect(body.contents.length).toBeGreaterThan(0);
    body.contents.forEach((content, index) => {
      expect(['user', 'model']).toContain(content.role);
      expect(content.parts.length).toBeGreaterThan(0);
      for (const part of content.parts) {
        // Gemini rejects empty text parts; an empty one only carries a thought signature.
        if (part.text === '') expect(part.thoughtSignature).toEqual(expect.any(String));
      }
      const previous = body.contents[index - 1];
      if (previous && previous.role === content.role) {
        expect(isFunctionResponseTurn(previous) && isHumanTextTurn(content), `contents[${index - 1}] and contents[${index}] are both ${content.role}`).toBe(true);
      }
    });
  });

  test('the validator is not vacuous: it rejects an invented field, a wrong enum and a mistyped int64', () => {
    expect(validate({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }], generationConfig: { thinkingConfig: { thinkingLevel: 'HIGH' } } })).toBe(true);
    expect(validate({ contents: [{ role: 'user', parts: [{ txt: 'hi' }] }] })).toBe(false);
    expect(validate({ contents: [], toolConfig: { functionCallingConfig: { mode: 'REQUIRED' } } })).toBe(false);
    expect(validate({ contents: [], tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'ARRAY', items: { type: 'STRING' }, minItems: 1 } }] }] })).toBe(false);
    expect(validate({ contents: [], generationConfig: { stopSequences: 'END' } })).toBe(false);
  });

  test('the generator reaches both outcomes often enough to mean something', () => {
    expect(accepted).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(20);
  });

  test.prop([fc.anything(), options], { numRuns: 200 })('never throws on anything', async (input, settings) => {
    const result = await convertOpenAIRequestToGemini(input, { ...settings, resolveMedia });
    expect(typeof result.ok).toBe('boolean');
  });
});

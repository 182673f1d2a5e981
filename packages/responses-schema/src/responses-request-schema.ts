/**
 * zod schemas of a Responses request (`POST /v1/responses`). They mirror the interfaces in `responses-request.ts`
 * (checked both ways by `schema-types.test.ts`). Every object is a `z.looseObject`: unknown fields are preserved
 * for the mapper to report. Hosted tool kinds validate here as `{type}`, so the mapper can answer with a 400 that
 * names them; an unknown item or tool `type` is a 400 naming `input[i].type` / `tools[i].type`. Built on first use, `zod/mini`.
 */
import * as z from 'zod/mini';
import { lazySchema } from '@interlingua/openai-schema';

const jsonObject = () => z.record(z.string(), z.unknown());
const status = () => z.enum(['in_progress', 'completed', 'incomplete']);

export const responseInputTextSchema = lazySchema(() => z.looseObject({ type: z.literal('input_text'), text: z.string() }));

export const responseInputImageSchema = lazySchema(() =>
  z.looseObject({
    type: z.literal('input_image'),
    image_url: z.optional(z.nullable(z.string())),
    file_id: z.optional(z.nullable(z.string())),
    detail: z.optional(z.enum(['low', 'high', 'auto', 'original'])),
  }),
);

export const responseInputFileSchema = lazySchema(() =>
  z.looseObject({
    type: z.literal('input_file'),
    file_data: z.optional(z.string()),
    file_url: z.optional(z.string()),
    file_id: z.optional(z.nullable(z.string())),
    filename: z.optional(z.string()),
  }),
);

export const responseInputContentSchema = lazySchema(() =>
  z.discriminatedUnion('type', [responseInputTextSchema(), responseInputImageSchema(), responseInputFileSchema()]),
);

export const responseAnnotationSchema = lazySchema(() =>
  z.union([
    z.looseObject({
      type: z.literal('url_citation'),
      url: z.string(),
      title: z.string(),
      start_index: z.number(),
      end_index: z.number(),
    }),
    z.looseObject({ type: z.string() }),
  ]),
);

export const responseMessageContentSchema = lazySchema(() =>
  z.discriminatedUnion('type', [
    responseInputTextSchema(),
    responseInputImageSchema(),
    responseInputFileSchema(),
    z.looseObject({
      type: z.literal('output_text'),
      text: z.string(),
      annotations: z.optional(z.array(responseAnnotationSchema())),
      logprobs: z.optional(z.array(z.unknown())),
    }),
    z.looseObject({ type: z.literal('refusal'), refusal: z.string() }),
  ]),
);

export const responseInputMessageSchema = lazySchema(() =>
  z.looseObject({
    type: z.optional(z.literal('message')),
    role: z.enum(['user', 'system', 'developer', 'assistant']),
    content: z.union([z.string(), z.array(responseMessageContentSchema())]),
    id: z.optional(z.string()),
    status: z.optional(status()),
  }),
);

export const responseFunctionCallParamSchema = lazySchema(() =>
  z.looseObject({
    type: z.literal('function_call'),
    call_id: z.string(),
    name: z.string(),
    arguments: z.string(),
    id: z.optional(z.string()),
    status: z.optional(status()),
  }),
);

export const responseFunctionCallOutputParamSchema = lazySchema(() =>
  z.looseObject({
    type: z.literal('function_call_output'),
    call_id: z.string(),
    output: z.union([z.string(), z.array(responseInputContentSchema())]),
    id: z.optional(z.nullable(z.string())),
    status: z.optional(z.nullable(status())),
  }),
);

export const responseReasoningParamSchema = lazySchema(() =>
  z.looseObject({
    type: z.literal('reasoning'),
    id: z.optional(z.string()),
    summary: z.array(z.looseObject({ type: z.literal('summary_text'), text: z.string() })),
    content: z.optional(z.nullable(z.array(z.looseObject({ type: z.literal('reasoning_text'), text: z.string() })))),
    encrypted_content: z.optional(z.nullable(z.string())),
    status: z.optional(status()),
  }),
);

export const responseItemReferenceSchema = lazySchema(() => z.looseObject({ type: z.literal('item_reference'), id: z.string() }));

/** An item, by `type` (absent: a message). Other item kinds are a 400 naming `input[i].type`. */
export const responseInputItemSchema = lazySchema(() =>
  z.discriminatedUnion('type', [
    responseInputMessageSchema(),
    responseFunctionCallParamSchema(),
    responseFunctionCallOutputParamSchema(),
    responseReasoningParamSchema(),
    responseItemReferenceSchema(),
  ]),
);

export const responseFunctionToolSchema = lazySchema(() =>
  z.looseObject({
    type: z.literal('function'),
    name: z.string(),
    description: z.optional(z.nullable(z.string())),
    parameters: z.optional(z.nullable(jsonObject())),
    strict: z.optional(z.nullable(z.boolean())),
  }),
);

/**
 * The hosted and other tool types of the Responses API (OpenAI spec `Tool`, 2026): validated as `{type}` here; the
 * mapper carries the web search ones to the providers' search tools and answers the others with a 400 naming them.
 */
export const RESPONSE_OTHER_TOOL_TYPES = [
  'web_search',
  'web_search_2025_08_26',
  'web_search_preview',
  'web_search_preview_2025_03_11',
  'file_search',
  'code_interpreter',
  'computer',
  'computer_use_preview',
  'image_generation',
  'mcp',
  'local_shell',
  'shell',
  'apply_patch',
  'custom',
] as const;

export const responseToolSchema = lazySchema(() =>
  z.discriminatedUnion('type', [
    responseFunctionToolSchema(),
    ...RESPONSE_OTHER_TOOL_TYPES.map((type) => z.looseObject({ type: z.literal(type) })),
  ]),
);

export const responseToolChoiceSchema = lazySchema(() =>
  z.union([
    z.enum(['none', 'auto', 'required']),
    z.looseObject({ type: z.literal('function'), name: z.string() }),
    z.looseObject({
      type: z.literal('allowed_tools'),
      mode: z.enum(['auto', 'required']),
      tools: z.array(z.looseObject({ type: z.string() })),
    }),
    z.looseObject({ type: z.string().check(z.refine((type) => type !== 'function' && type !== 'allowed_tools')) }),
  ]),
);

export const responseTextFormatSchema = lazySchema(() =>
  z.discriminatedUnion('type', [
    z.looseObject({ type: z.literal('text') }),
    z.looseObject({ type: z.literal('json_object') }),
    z.looseObject({
      type: z.literal('json_schema'),
      name: z.string(),
      schema: jsonObject(),
      description: z.optional(z.string()),
      strict: z.optional(z.nullable(z.boolean())),
    }),
  ]),
);

const reasoningEffort = () => z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max']);
const summaryMode = () => z.enum(['auto', 'concise', 'detailed']);

export const responsesRequestSchema = lazySchema(() =>
  z.looseObject({
    model: z.string(),
    input: z.optional(z.union([z.string(), z.array(responseInputItemSchema())])),
    instructions: z.optional(z.nullable(z.string())),
    tools: z.optional(z.array(responseToolSchema())),
    tool_choice: z.optional(responseToolChoiceSchema()),
    parallel_tool_calls: z.optional(z.nullable(z.boolean())),
    text: z.optional(
      z.looseObject({
        format: z.optional(responseTextFormatSchema()),
        verbosity: z.optional(z.nullable(z.enum(['low', 'medium', 'high']))),
      }),
    ),
    reasoning: z.optional(
      z.nullable(
        z.looseObject({
          effort: z.optional(z.nullable(reasoningEffort())),
          summary: z.optional(z.nullable(summaryMode())),
          generate_summary: z.optional(z.nullable(summaryMode())),
        }),
      ),
    ),
    max_output_tokens: z.optional(z.nullable(z.number().check(z.refine(Number.isInteger, { message: 'Invalid input: expected an integer' }), z.gte(1)))),
    temperature: z.optional(z.nullable(z.number().check(z.gte(0), z.lte(2)))),
    top_p: z.optional(z.nullable(z.number().check(z.gte(0), z.lte(1)))),
    metadata: z.optional(z.nullable(z.record(z.string(), z.string()))),
    user: z.optional(z.string()),
    safety_identifier: z.optional(z.nullable(z.string())),
    prompt_cache_key: z.optional(z.nullable(z.string())),
    include: z.optional(z.nullable(z.array(z.string()))),
    store: z.optional(z.nullable(z.boolean())),
    previous_response_id: z.optional(z.nullable(z.string())),
    stream: z.optional(z.nullable(z.boolean())),
    stream_options: z.optional(z.nullable(z.looseObject({ include_obfuscation: z.optional(z.boolean()) }))),
  }),
);

import type { Content, GenerationConfig, Schema, Tool, ToolConfig } from '@google/genai';
import { expect, test } from 'vitest';
import type { ConvertOpenAIRequestToGeminiResult } from './convert-openai-request-to-gemini.js';
import type { GeminiContent, GeminiGenerationConfig, GeminiSchema, GeminiTool, GeminiToolConfig } from './gemini-request-types.js';

/**
 * Type-level test: the mapper's upstream body fits the `@google/genai` (2.x: 2.32, the newest that runs on Node 20) request types.
 *
 * Method. The SDK types enumerations as TypeScript string enums (`Type`, `FunctionCallingConfigMode`, `ThinkingLevel`,
 * …). A string literal such as `'OBJECT'` is not assignable to an enum member type, even though the enum's value is
 * that very string on the wire; the mapper deliberately sends plain literals (it does not import the SDK). So each
 * SDK type is compared through `Literal<T>`, which walks the type and replaces every string enum by the union of its
 * values (`` `${E}` `` turns a string enum into its literal values and leaves `string` and literal types as they
 * are). Everything else — field names, optionality, nesting, `number` vs `string` (int64 bounds travel as strings
 * in both) — is compared unchanged.
 *
 * The SDK has no type for the REST body as a whole (its `GenerateContentParameters` is the SDK call shape, with
 * `config` instead of `generationConfig`), so the body is checked field by field against `Content[]`, `Tool[]`,
 * `ToolConfig` and `GenerationConfig`. `tsc --noEmit -p packages/gemini-mapper/tsconfig.json` (the package's
 * typecheck script; the tsconfig includes src) fails if an assignment below stops holding.
 */
type Literal<T> = T extends string
  ? string extends T
    ? T
    : `${T}`
  : T extends (infer Item)[]
    ? Literal<Item>[]
    : T extends object
      ? { [Key in keyof T]: Literal<T[Key]> }
      : T;

/**
 * One documented adjustment: `thinkingLevel: XHIGH` (Gemini 4 Neon and Hydrogen, 2026) is newer than the newest
 * `@google/genai` that runs on Node 20 (2.32; 3.x needs Node 22), so it is taken out of the mapper's side before the
 * comparison. Every other value still has to fit.
 */
type WithoutNewerValues<T> = T extends 'XHIGH' ? never : T extends (infer Item)[] ? WithoutNewerValues<Item>[] : T extends object ? { [Key in keyof T]: WithoutNewerValues<T[Key]> } : T;

type UpstreamBody = Extract<ConvertOpenAIRequestToGeminiResult, { ok: true }>['upstream']['body'];

const contentsAsSdk = (contents: UpstreamBody['contents']): Literal<Content[]> => contents;
const systemInstructionAsSdk = (instruction: NonNullable<UpstreamBody['systemInstruction']>): Literal<Content> => instruction;
const toolsAsSdk = (tools: NonNullable<UpstreamBody['tools']>): Literal<Tool[]> => tools;
const toolConfigAsSdk = (config: NonNullable<UpstreamBody['toolConfig']>): Literal<ToolConfig> => config;
const generationConfigAsSdk = (config: WithoutNewerValues<NonNullable<UpstreamBody['generationConfig']>>): Literal<GenerationConfig> => config;
const schemaAsSdk = (schema: GeminiSchema): Literal<Schema> => schema;
const typesAsSdk = [
  (content: GeminiContent): Literal<Content> => content,
  (tool: GeminiTool): Literal<Tool> => tool,
  (config: GeminiToolConfig): Literal<ToolConfig> => config,
  (config: WithoutNewerValues<GeminiGenerationConfig>): Literal<GenerationConfig> => config,
];

// The method is not vacuous: a misspelt enum value or a number where the SDK has an int64 string does not fit.
// @ts-expect-error 'REQUIRED' is not a FunctionCallingConfigMode
const wrongMode: Literal<ToolConfig> = { functionCallingConfig: { mode: 'REQUIRED' } };
// @ts-expect-error minItems is an int64 string in the SDK (and in the spec)
const numericBound: Literal<Schema> = { type: 'ARRAY', minItems: 1 };
// @ts-expect-error a plain literal does not fit the SDK's enum type itself, hence Literal<T>
const enumWithoutLiteral: ToolConfig = { functionCallingConfig: { mode: 'ANY' as const } };

test('the mapper’s upstream body is assignable to the @google/genai request types (enums as their values)', () => {
  const checks = [contentsAsSdk, systemInstructionAsSdk, toolsAsSdk, toolConfigAsSdk, generationConfigAsSdk, schemaAsSdk, ...typesAsSdk];
  for (const check of checks) expect(typeof check).toBe('function');
  expect([wrongMode, numericBound, enumWithoutLiteral]).toHaveLength(3);
});

/**
 * Assignability alone lets a field the SDK does not know pass (TypeScript checks excess properties only on object
 * literals). So every field name the mapper can send must also be a field of the SDK type: each `Missing…` below
 * must be `never`, or the `true` assignment fails to compile.
 */
type Missing<Ours, Sdk> = Exclude<keyof Ours, keyof Sdk>;
type IsNever<T> = [T] extends [never] ? true : false;
type GeminiPartType = GeminiContent['parts'][number];
type SdkPart = NonNullable<Content['parts']>[number];
type SdkFunctionCallingConfig = NonNullable<ToolConfig['functionCallingConfig']>;
const fieldsKnownToTheSdk: [
  IsNever<Missing<GeminiPartType, SdkPart>>,
  IsNever<Missing<GeminiTool, Tool>>,
  IsNever<Missing<GeminiToolConfig['functionCallingConfig'], SdkFunctionCallingConfig>>,
  IsNever<Missing<GeminiGenerationConfig, GenerationConfig>>,
  IsNever<Missing<NonNullable<GeminiGenerationConfig['thinkingConfig']>, NonNullable<GenerationConfig['thinkingConfig']>>>,
] = [true, true, true, true, true];

test('every field the mapper sends in parts, tools, toolConfig and generationConfig is a field of the SDK types', () => {
  expect(fieldsKnownToTheSdk).toEqual([true, true, true, true, true]);
});
// @ts-expect-error the key check is not vacuous: a field the SDK's Part lacks is caught
const inventedField: IsNever<Missing<{ text?: string; invented?: boolean }, SdkPart>> = true;
test('the key check catches an invented field', () => expect(inventedField).toBe(true));

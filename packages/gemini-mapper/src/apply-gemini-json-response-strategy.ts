import type { TranslationWarning } from '@interlingua/openai-schema';
import { convertJsonSchemaToGeminiSchema } from './convert-json-schema-to-gemini-schema.js';
import type { GeminiFunctionDeclaration, GeminiGenerateContentRequest } from './gemini-request-types.js';
import { normalizeJsonSchemaForGemini } from './normalize-json-schema-for-gemini.js';

/** How the reply carries the JSON answer when it came as a call of the response function (in the context). */
export interface GeminiJsonResponseFunction {
  /** The declared function's name. */
  name: string;
  /** The schema root was not an object: the answer is the call's `response` argument. */
  wrapped: boolean;
}

/** The response function's base name (a suffix is added if a client function already has it). */
export const GEMINI_JSON_RESPONSE_FUNCTION = 'json_response';

/**
 * Gemini 2.5 and older reject function declarations together with `responseMimeType: application/json`
 * (400 INVALID_ARGUMENT "Function calling with a response mime type: 'application/json' is unsupported": symfony/ai#1777,
 * google-gemini/deprecated-generative-ai-swift#195), and built-in tools with function calling. Where the model's
 * catalog entry has `toolsWithJsonResponse: false` and the request asks for both, the body is rewritten so that it
 * keeps the tools and still gets a JSON answer, never the rejected pair:
 *
 * - function tools, `tool_choice` not `none`: the forced-function technique (as the Anthropic mapper does for Claude).
 *   The JSON mode leaves `generationConfig`; a function `json_response` whose parameters are the response schema
 *   (`{type: object}` for `json_object`; a non-object root is wrapped as the `response` property) joins the
 *   declarations, and the mode becomes ANY, so the model either calls one of the client's functions or answers by
 *   calling `json_response`, whose arguments are constrained to the schema. The reply turns that call back into
 *   `message.content` (the JSON text) with `finish_reason: stop`. A `tool_choice` that already restricts the names
 *   (`required`, a named function, `allowed_tools` required) keeps them: the turn must call a client function.
 * - `tool_choice: none`: functions cannot be called, so the declarations are dropped and the JSON mode stays.
 * - built-in tools only (no functions): the JSON mode leaves `generationConfig` and the schema is sent as a system
 *   instruction; the answer is not constrained.
 *
 * Each rewrite is reported as a `response_format_rewritten` warning. Returns the response function for the context.
 */
export function applyGeminiJsonResponseStrategy(
  body: GeminiGenerateContentRequest,
  options: { useJsonSchemaField: boolean; schema: unknown; warnings: TranslationWarning[] },
): GeminiJsonResponseFunction | undefined {
  const config = body.generationConfig;
  if (config?.responseMimeType !== 'application/json' || !body.tools || body.tools.length === 0) return undefined;
  const functionTool = body.tools.find((tool) => tool.functionDeclarations !== undefined);
  const mode = body.toolConfig?.functionCallingConfig.mode;
  delete config.responseMimeType;
  delete config.responseSchema;
  delete config.responseJsonSchema;
  if (Object.keys(config).length === 0) delete body.generationConfig;

  if (functionTool && mode === 'NONE') {
    body.tools = body.tools.filter((tool) => tool !== functionTool);
    if (body.tools.length === 0) delete body.tools;
    delete body.toolConfig;
    restoreJsonMode(body, options);
    options.warnings.push({
      code: 'response_format_rewritten',
      param: 'tools',
      message: 'This Gemini model rejects function declarations beside a JSON response; with tool_choice none the declarations are dropped and the JSON mode is kept.',
    });
    return undefined;
  }

  if (!functionTool) {
    const schemaText = options.schema === undefined ? 'Respond with a single JSON object and nothing else.' : `Respond with JSON only, matching this JSON Schema: ${JSON.stringify(options.schema)}`;
    body.systemInstruction = { parts: [...(body.systemInstruction?.parts ?? []), { text: schemaText }] };
    options.warnings.push({
      code: 'response_format_rewritten',
      param: 'response_format',
      message: 'This Gemini model rejects built-in tools beside a JSON response; the JSON format is sent as a system instruction (the answer is not constrained).',
    });
    return undefined;
  }

  const declarations = functionTool.functionDeclarations!;
  let name = GEMINI_JSON_RESPONSE_FUNCTION;
  for (let n = 2; declarations.some((declaration) => declaration.name === name); n++) name = `${GEMINI_JSON_RESPONSE_FUNCTION}_${n}`;
  const root = options.schema === undefined ? { type: 'object' } : options.schema;
  const isObjectRoot = typeof root === 'object' && root !== null && ((root as { type?: unknown }).type === 'object' || ((root as { type?: unknown }).type === undefined && (root as { properties?: unknown }).properties !== undefined));
  const parameters = isObjectRoot ? root : { type: 'object', properties: { response: root }, required: ['response'] };
  const declaration: GeminiFunctionDeclaration = { name, description: 'Give the final answer to the user as JSON, through this function’s arguments. Call it instead of answering in text.' };
  if (options.useJsonSchemaField) {
    const normalized = normalizeJsonSchemaForGemini(parameters, 'response_format.json_schema.schema', 'parameters');
    options.warnings.push(...normalized.warnings);
    declaration.parametersJsonSchema = normalized.schema;
  } else {
    const converted = convertJsonSchemaToGeminiSchema(parameters, { path: 'response_format.json_schema.schema', purpose: 'parameters' });
    options.warnings.push(...converted.warnings);
    if (converted.schema.properties !== undefined) declaration.parameters = converted.schema;
  }
  declarations.push(declaration);
  const names = body.toolConfig?.functionCallingConfig.allowedFunctionNames;
  if (mode === 'ANY' && names !== undefined) {
    // The turn must call one of these client functions: the JSON answer comes on a later turn.
  } else if (mode === 'ANY') {
    body.toolConfig = { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: declarations.filter((entry) => entry.name !== name).map((entry) => entry.name) } };
  } else {
    body.toolConfig = { functionCallingConfig: { mode: 'ANY', ...(names !== undefined ? { allowedFunctionNames: [...names, name] } : {}) } };
  }
  options.warnings.push({
    code: 'response_format_rewritten',
    param: 'response_format',
    message: `This Gemini model rejects function calling beside a JSON response; the JSON answer is requested as a call of the function ${name} (mode ANY) and returned as the message content.`,
  });
  return { name, wrapped: !isObjectRoot };
}

function restoreJsonMode(body: GeminiGenerateContentRequest, options: { useJsonSchemaField: boolean; schema: unknown; warnings: TranslationWarning[] }): void {
  const config = (body.generationConfig ??= {});
  config.responseMimeType = 'application/json';
  if (options.schema === undefined) return;
  if (options.useJsonSchemaField) config.responseJsonSchema = normalizeJsonSchemaForGemini(options.schema, 'response_format.json_schema.schema', 'response').schema;
  else config.responseSchema = convertJsonSchemaToGeminiSchema(options.schema, { path: 'response_format.json_schema.schema', purpose: 'response' }).schema;
}

import type { ChatCompletionRequest, TranslationWarning } from '@interlingua/openai-schema';
import { convertJsonSchemaToGeminiSchema } from './convert-json-schema-to-gemini-schema.js';
import { GeminiMapperInputError } from './gemini-mapper-input-error.js';
import type { GeminiFunctionDeclaration, GeminiTool, GeminiToolConfig } from './gemini-request-types.js';
import { mapOpenAIToolNameToGemini } from './map-openai-tool-name-to-gemini.js';
import { normalizeJsonSchemaForGemini } from './normalize-json-schema-for-gemini.js';

export interface ConvertOpenAIToolsToGeminiResult {
  tools?: GeminiTool[];
  toolConfig?: GeminiToolConfig;
  /** Gemini name → client name, for changed names only. */
  toolNames: { [geminiName: string]: string };
}

type LooseRecord = { [key: string]: unknown };

function hasProperties(schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return false;
  const record = schema as LooseRecord;
  if (record.type !== undefined && record.type !== 'object') return true;
  if (record.anyOf !== undefined || record.oneOf !== undefined || record.allOf !== undefined || record.$ref !== undefined) return true;
  return typeof record.properties === 'object' && record.properties !== null && Object.keys(record.properties).length > 0;
}

/**
 * `tools` (and legacy `functions`) → one Gemini tool with `functionDeclarations`; `tool_choice` → `toolConfig`.
 *
 * Parameters go through the legacy converter (`parameters`) or the light normaliser (`parametersJsonSchema`) by model
 * capability. A tool without parameters omits them; on the legacy field an object without properties is omitted too
 * (some endpoints reject an OBJECT with empty properties), while the JSON-Schema field takes it as written.
 *
 * | tool_choice | functionCallingConfig |
 * |---|---|
 * | `none` | `{mode: NONE}` |
 * | `auto` | `{mode: AUTO}` |
 * | `required` | `{mode: ANY}` |
 * | `{type: function, function: {name}}` | `{mode: ANY, allowedFunctionNames: [name]}` |
 * | `{type: allowed_tools, allowed_tools: {mode: required, tools}}` | `{mode: ANY, allowedFunctionNames: [names]}` |
 * | `{type: allowed_tools, allowed_tools: {mode: auto}}` | `{mode: AUTO}` + warning (Gemini restricts names only with ANY) |
 */
export function convertOpenAIToolsToGemini(
  request: ChatCompletionRequest,
  useJsonSchemaField: boolean,
  warnings: TranslationWarning[],
): ConvertOpenAIToolsToGeminiResult {
  const toolNames: { [geminiName: string]: string } = {};
  const declarations: GeminiFunctionDeclaration[] = [];
  const definitions: { definition: LooseRecord; path: string }[] = [];
  (request.tools ?? []).forEach((tool, index) => {
    if (tool.type !== 'function') {
      throw new GeminiMapperInputError('Gemini supports function tools only (custom tools have no equivalent).', `tools[${index}].type`, 'unsupported_tool');
    }
    definitions.push({ definition: tool.function as LooseRecord, path: `tools[${index}].function` });
  });
  (request.functions ?? []).forEach((definition, index) => definitions.push({ definition: definition as LooseRecord, path: `functions[${index}]` }));

  for (const { definition, path } of definitions) {
    const clientName = String(definition.name);
    const name = mapOpenAIToolNameToGemini(clientName);
    if (name !== clientName) {
      toolNames[name] = clientName;
      warnings.push({ code: 'tool_name_mapped', param: `${path}.name`, message: `Gemini rejects the function name ${JSON.stringify(clientName)}; it is sent as ${name} and restored in the reply.` });
    }
    const declaration: GeminiFunctionDeclaration = { name };
    if (typeof definition.description === 'string' && definition.description !== '') declaration.description = definition.description;
    if (useJsonSchemaField ? definition.parameters !== undefined && definition.parameters !== null : hasProperties(definition.parameters)) {
      if (useJsonSchemaField) {
        const normalized = normalizeJsonSchemaForGemini(definition.parameters, `${path}.parameters`, 'parameters');
        warnings.push(...normalized.warnings);
        declaration.parametersJsonSchema = normalized.schema;
      } else {
        const converted = convertJsonSchemaToGeminiSchema(definition.parameters, { path: `${path}.parameters`, purpose: 'parameters' });
        warnings.push(...converted.warnings);
        declaration.parameters = converted.schema;
      }
    }
    if (definition.strict === true) {
      // Gemini always constrains calls to the declared schema; nothing is lost.
    }
    declarations.push(declaration);
  }

  const result: ConvertOpenAIToolsToGeminiResult = { toolNames };
  if (declarations.length > 0) result.tools = [{ functionDeclarations: declarations }];

  if (request.parallel_tool_calls === false) {
    warnings.push({ code: 'parameter_dropped', param: 'parallel_tool_calls', message: 'Gemini has no switch to forbid parallel function calls; parallel_tool_calls is dropped.' });
  }

  const choice = request.tool_choice ?? legacyChoice(request.function_call);
  if (choice !== undefined) {
    if (declarations.length === 0) {
      warnings.push({ code: 'parameter_dropped', param: 'tool_choice', message: 'tool_choice without tools is dropped.' });
    } else if (choice === 'none') result.toolConfig = { functionCallingConfig: { mode: 'NONE' } };
    else if (choice === 'auto') result.toolConfig = { functionCallingConfig: { mode: 'AUTO' } };
    else if (choice === 'required') result.toolConfig = { functionCallingConfig: { mode: 'ANY' } };
    else if (typeof choice === 'object' && choice.type === 'function') {
      const name = mapOpenAIToolNameToGemini(String((choice.function as LooseRecord).name));
      result.toolConfig = { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [name] } };
    } else if (typeof choice === 'object' && choice.type === 'allowed_tools') {
      const allowed = choice.allowed_tools as { mode: string; tools: LooseRecord[] };
      const names = allowed.tools.map((tool) => mapOpenAIToolNameToGemini(String((tool.function as LooseRecord | undefined)?.name ?? tool.name)));
      if (allowed.mode === 'required') result.toolConfig = { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: names } };
      else {
        warnings.push({ code: 'tool_choice_relaxed', param: 'tool_choice.allowed_tools', message: 'Gemini restricts function names only in ANY mode; with mode auto every declared function stays callable.' });
        result.toolConfig = { functionCallingConfig: { mode: 'AUTO' } };
      }
    } else {
      throw new GeminiMapperInputError('Gemini supports function tool choices only.', 'tool_choice', 'unsupported_tool_choice');
    }
  }
  return result;
}

function legacyChoice(functionCall: ChatCompletionRequest['function_call']): ChatCompletionRequest['tool_choice'] {
  if (functionCall === undefined) return undefined;
  if (functionCall === 'none' || functionCall === 'auto') return functionCall;
  return { type: 'function', function: { name: functionCall.name } };
}

import type { ChatCompletionRequest, TranslationWarning } from '@interlingua/openai-schema';
import { convertJsonSchemaToGeminiSchema } from './convert-json-schema-to-gemini-schema.js';
import type { GeminiBuiltInTool, GeminiModelCapabilities } from './gemini-model-catalog.js';
import { GeminiMapperInputError } from './gemini-mapper-input-error.js';
import type { GeminiFunctionDeclaration, GeminiTool, GeminiToolConfig } from './gemini-request-types.js';
import { mapOpenAIToolNameToGemini } from './map-openai-tool-name-to-gemini.js';
import { normalizeJsonSchemaForGemini } from './normalize-json-schema-for-gemini.js';

export interface ConvertOpenAIToolsToGeminiResult {
  /** One tool with every function declaration (when there are any). */
  functionTool?: GeminiTool;
  /** Built-in tools, one `Tool` each (`{googleSearch: {}}`, `{urlContext: {}}`, `{codeExecution: {}}`). */
  builtInTools: GeminiTool[];
  toolConfig?: GeminiToolConfig;
  /** Gemini name → client name, for changed names only. */
  toolNames: { [geminiName: string]: string };
}

export interface ConvertOpenAIToolsToGeminiOptions {
  useJsonSchemaField: boolean;
  capabilities: GeminiModelCapabilities;
  strict: boolean;
  warnings: TranslationWarning[];
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
 * Native tool objects as clients send them for Gemini: the tool's snake_case or camelCase name as the only key
 * (`{"google_search": {}}`, `{"url_context": {}}`, `{"code_execution": {}}`, the shape of Google's `Tool` in
 * snake_case), or the same name as `type` with an optional config object under it.
 */
const NATIVE_TOOL_NAMES: Record<string, GeminiBuiltInTool> = {
  google_search: 'googleSearch',
  googleSearch: 'googleSearch',
  url_context: 'urlContext',
  urlContext: 'urlContext',
  code_execution: 'codeExecution',
  codeExecution: 'codeExecution',
};

function nativeTool(tool: LooseRecord): { name: GeminiBuiltInTool; config: LooseRecord } | undefined {
  const type = typeof tool.type === 'string' ? tool.type : undefined;
  if (type !== undefined && NATIVE_TOOL_NAMES[type] !== undefined) {
    const config = tool[type];
    return { name: NATIVE_TOOL_NAMES[type]!, config: typeof config === 'object' && config !== null ? (config as LooseRecord) : {} };
  }
  if (type !== undefined) return undefined;
  const keys = Object.keys(tool);
  if (keys.length !== 1 || NATIVE_TOOL_NAMES[keys[0]!] === undefined) return undefined;
  const config = tool[keys[0]!];
  return { name: NATIVE_TOOL_NAMES[keys[0]!]!, config: typeof config === 'object' && config !== null ? (config as LooseRecord) : {} };
}

/** `googleSearch` config: `time_range_filter` (snake_case, as Google's OpenAI layer spells fields) or `timeRangeFilter`. */
function builtInConfig(name: GeminiBuiltInTool, config: LooseRecord): LooseRecord {
  if (name !== 'googleSearch') return {};
  const filter = (config.timeRangeFilter ?? config.time_range_filter) as LooseRecord | undefined;
  if (typeof filter !== 'object' || filter === null) return {};
  const startTime = filter.startTime ?? filter.start_time;
  const endTime = filter.endTime ?? filter.end_time;
  return { timeRangeFilter: { ...(typeof startTime === 'string' ? { startTime } : {}), ...(typeof endTime === 'string' ? { endTime } : {}) } };
}

/**
 * `tools` (and legacy `functions`), `web_search_options` and `tool_choice` → Gemini tools and `toolConfig`.
 *
 * Function parameters go through the legacy converter (`parameters`) or the light normaliser
 * (`parametersJsonSchema`) by model capability. A tool without parameters omits them; on the legacy field an object
 * without properties is omitted too.
 *
 * Built-in tools: `web_search_options` → `{googleSearch: {}}` (its `search_context_size` and `user_location` have no
 * Gemini field: dropped with a warning); native tool objects (`{"google_search": {}}`, `{"url_context": {}}`,
 * `{"code_execution": {}}`, or the name as `type`) → `googleSearch` / `urlContext` / `codeExecution`. A built-in tool
 * the model's catalog entry lacks, or built-in tools beside functions where the family cannot combine them, is a 400
 * naming the tool (for `web_search_options`: dropped with a warning, 400 in strict mode).
 *
 * | tool_choice | functionCallingConfig |
 * |---|---|
 * | `none` | `{mode: NONE}` |
 * | `auto` (or absent) | `{mode: AUTO}`; `{mode: VALIDATED}` when a function has `strict: true` (constrained decoding) |
 * | `required` | `{mode: ANY}` |
 * | `{type: function, function: {name}}` | `{mode: ANY, allowedFunctionNames: [name]}` |
 * | `{type: allowed_tools, allowed_tools: {mode: required, tools}}` | `{mode: ANY, allowedFunctionNames: [names]}` |
 * | `{type: allowed_tools, allowed_tools: {mode: auto, tools}}` | `{mode: VALIDATED, allowedFunctionNames: [names]}` (the v1beta spec: names restrict ANY and VALIDATED) |
 */
export function convertOpenAIToolsToGemini(request: ChatCompletionRequest, options: ConvertOpenAIToolsToGeminiOptions): ConvertOpenAIToolsToGeminiResult {
  const { useJsonSchemaField, capabilities, warnings } = options;
  const toolNames: { [geminiName: string]: string } = {};
  const declarations: GeminiFunctionDeclaration[] = [];
  const definitions: { definition: LooseRecord; path: string }[] = [];
  const builtIns = new Map<GeminiBuiltInTool, { config: LooseRecord; param: string; explicit: boolean }>();
  let anyStrict = false;

  (request.tools ?? []).forEach((tool, index) => {
    const record = tool as unknown as LooseRecord;
    if (record.type === 'function') {
      definitions.push({ definition: record.function as LooseRecord, path: `tools[${index}].function` });
      if ((record.function as LooseRecord | undefined)?.strict === true) anyStrict = true;
      return;
    }
    const native = nativeTool(record);
    if (native) {
      if (!capabilities.builtInTools.includes(native.name)) {
        throw new GeminiMapperInputError(`This Gemini model does not offer the built-in tool ${native.name}.`, `tools[${index}]`, 'unsupported_tool');
      }
      builtIns.set(native.name, { config: builtInConfig(native.name, native.config), param: `tools[${index}]`, explicit: true });
      return;
    }
    throw new GeminiMapperInputError(
      `Gemini supports function tools and its built-in tools (google_search, url_context, code_execution) only; ${JSON.stringify(record.type)} has no equivalent.`,
      `tools[${index}].type`,
      'unsupported_tool',
    );
  });
  (request.functions ?? []).forEach((definition, index) => definitions.push({ definition: definition as LooseRecord, path: `functions[${index}]` }));

  const webSearch = request.web_search_options;
  if (webSearch !== undefined && webSearch !== null) {
    const drop = (message: string) => {
      if (options.strict) throw new GeminiMapperInputError(`${message} (strict mode)`, 'web_search_options', 'unsupported_parameter');
      warnings.push({ code: 'parameter_dropped', param: 'web_search_options', message });
    };
    if (!capabilities.builtInTools.includes('googleSearch')) drop('This Gemini model does not offer Grounding with Google Search; web_search_options is dropped.');
    else if (definitions.length > 0 && !capabilities.builtInToolsWithFunctions) drop('This Gemini model cannot combine Google Search with function calling; web_search_options is dropped.');
    else {
      if (!builtIns.has('googleSearch')) builtIns.set('googleSearch', { config: {}, param: 'web_search_options', explicit: false });
      for (const key of Object.keys(webSearch as LooseRecord)) {
        const message = `Gemini's googleSearch tool has no ${key}; it is dropped.`;
        if (options.strict) throw new GeminiMapperInputError(`${message} (strict mode)`, `web_search_options.${key}`, 'unsupported_parameter');
        warnings.push({ code: 'parameter_dropped', param: `web_search_options.${key}`, message });
      }
    }
  }

  if (builtIns.size > 0 && definitions.length > 0 && !capabilities.builtInToolsWithFunctions) {
    const first = [...builtIns.values()][0]!;
    throw new GeminiMapperInputError(
      'This Gemini model cannot combine built-in tools with function calling (Gemini answers 400 "Tool use with function calling is unsupported"); send them in separate requests.',
      first.param,
      'unsupported_tool_combination',
    );
  }

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
    declarations.push(declaration);
  }

  const result: ConvertOpenAIToolsToGeminiResult = { toolNames, builtInTools: [...builtIns].map(([name, entry]) => ({ [name]: entry.config })) };
  if (declarations.length > 0) result.functionTool = { functionDeclarations: declarations };

  if (request.parallel_tool_calls === false) {
    warnings.push({ code: 'parameter_dropped', param: 'parallel_tool_calls', message: 'Gemini has no switch to forbid parallel function calls; parallel_tool_calls is dropped.' });
  }

  const choice = request.tool_choice ?? legacyChoice(request.function_call);
  if (choice !== undefined) {
    if (declarations.length === 0) {
      warnings.push({ code: 'parameter_dropped', param: 'tool_choice', message: 'tool_choice without function tools is dropped.' });
    } else if (choice === 'none') result.toolConfig = { functionCallingConfig: { mode: 'NONE' } };
    else if (choice === 'auto') result.toolConfig = { functionCallingConfig: { mode: anyStrict ? 'VALIDATED' : 'AUTO' } };
    else if (choice === 'required') result.toolConfig = { functionCallingConfig: { mode: 'ANY' } };
    else if (typeof choice === 'object' && choice.type === 'function') {
      const name = mapOpenAIToolNameToGemini(String((choice.function as LooseRecord).name));
      result.toolConfig = { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [name] } };
    } else if (typeof choice === 'object' && choice.type === 'allowed_tools') {
      const allowed = choice.allowed_tools as { mode: string; tools: LooseRecord[] };
      const names = allowed.tools.map((tool) => mapOpenAIToolNameToGemini(String((tool.function as LooseRecord | undefined)?.name ?? tool.name)));
      result.toolConfig = { functionCallingConfig: { mode: allowed.mode === 'required' ? 'ANY' : 'VALIDATED', allowedFunctionNames: names } };
    } else {
      throw new GeminiMapperInputError('Gemini supports function tool choices only.', 'tool_choice', 'unsupported_tool_choice');
    }
  } else if (anyStrict && declarations.length > 0) {
    result.toolConfig = { functionCallingConfig: { mode: 'VALIDATED' } };
  }
  return result;
}

function legacyChoice(functionCall: ChatCompletionRequest['function_call']): ChatCompletionRequest['tool_choice'] {
  if (functionCall === undefined) return undefined;
  if (functionCall === 'none' || functionCall === 'auto') return functionCall;
  return { type: 'function', function: { name: functionCall.name } };
}

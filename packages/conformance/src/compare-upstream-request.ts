import { compareJsonValues, formatValueDifferences } from './compare-json-values.js';
import type { ExpectedUpstreamRequest, FixtureCase, Provider } from './fixture-case.js';

/** The request a gateway sent upstream, as the mock upstream received it. */
export interface ObservedUpstreamRequest {
  method: string;
  /** Path and query. */
  path: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Parsed JSON body (the raw text when it is not JSON). */
  body: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function splitPath(path: string): { pathname: string; query: string[] } {
  const [pathname = '', query = ''] = path.split('?', 2);
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // keep it as sent
  }
  // `key=` is Gemini's query-parameter form of the API key (a credential, not part of the request's meaning).
  const parameters = query ? query.split('&').filter((parameter) => parameter && !parameter.startsWith('key=')).sort() : [];
  return { pathname: decoded.replace(/\/+$/, '') || '/', query: parameters };
}

/**
 * Whether a Gemini stream request asks for the default JSON-array stream instead of `alt=sse` (both are documented
 * forms of `streamGenerateContent`; the mock answers each in the form asked for).
 */
export function isGeminiJsonArrayStream(expected: string, observed: string): boolean {
  const left = splitPath(expected);
  const right = splitPath(observed);
  return left.pathname.endsWith(':streamGenerateContent') && left.query.includes('alt=sse') && !right.query.some((parameter) => parameter.startsWith('alt='));
}

/**
 * Whether the observed path and query are the expected ones. Query parameter order, URL escaping, a Gemini `key=`
 * parameter and a Gemini stream without `alt=sse` (the JSON-array form) do not matter.
 */
export function upstreamPathMatches(expected: string, observed: string): boolean {
  const left = splitPath(expected);
  const right = splitPath(observed);
  if (left.pathname !== right.pathname) return false;
  if (isGeminiJsonArrayStream(expected, observed)) return JSON.stringify(left.query.filter((parameter) => parameter !== 'alt=sse')) === JSON.stringify(right.query);
  return JSON.stringify(left.query) === JSON.stringify(right.query);
}

/** JSON Schema's `required: []` is its default: removed at every depth. */
function dropEmptyRequired(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropEmptyRequired);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'required' && Array.isArray(item) && item.length === 0) continue;
    out[key] = dropEmptyRequired(item);
  }
  return out;
}

/**
 * Anthropic's equivalent spellings brought to one: `tool_choice: {type: 'auto'}` with tools is the default; a string `system`, message `content` or `tool_result` content is one text block; an empty
 * `system` array is no system prompt; a tool's empty `description` is none; `required: []` in a tool schema is absent.
 */
function expandAnthropicShorthand(body: Record<string, unknown>): Record<string, unknown> {
  const out = { ...body };
  if (typeof out.system === 'string') out.system = out.system ? [{ type: 'text', text: out.system }] : undefined;
  if (Array.isArray(out.system) && out.system.length === 0) delete out.system;
  if (Array.isArray(out.messages)) {
    out.messages = out.messages.map((message) =>
      isObject(message) && typeof message.content === 'string' ? { ...message, content: [{ type: 'text', text: message.content }] } : message,
    );
    // A tool_result's `content` is "a string or a list of content blocks": a non-empty string is one text block.
    out.messages = (out.messages as unknown[]).map((message) =>
      isObject(message) && Array.isArray(message.content)
        ? {
            ...message,
            content: message.content.map((block) =>
              isObject(block) && block.type === 'tool_result' && typeof block.content === 'string' && block.content ? { ...block, content: [{ type: 'text', text: block.content }] } : block,
            ),
          }
        : message,
    );
  }
  if (Array.isArray(out.messages)) {
    // "Consecutive user or assistant turns in your request will be combined into a single turn" (Messages API docs).
    const merged: Record<string, unknown>[] = [];
    for (const message of out.messages as unknown[]) {
      const previous = merged.at(-1);
      if (isObject(message) && previous && previous.role === message.role && Array.isArray(previous.content) && Array.isArray(message.content)) {
        merged[merged.length - 1] = { ...previous, content: [...previous.content, ...message.content] };
      } else {
        merged.push(message as Record<string, unknown>);
      }
    }
    out.messages = merged;
  }
  // tool_choice "auto … is the default value when tools are provided" (Anthropic tool-use docs): said or not, the same.
  if (Array.isArray(out.tools) && out.tools.length > 0 && isObject(out.tool_choice) && out.tool_choice.type === 'auto' && Object.keys(out.tool_choice).length === 1) {
    delete out.tool_choice;
  }
  if (Array.isArray(out.tools)) {
    out.tools = out.tools.map((tool) => {
      if (!isObject(tool)) return tool;
      const copy: Record<string, unknown> = { ...tool };
      if (copy.description === '') delete copy.description;
      if (copy.input_schema !== undefined) copy.input_schema = dropEmptyRequired(copy.input_schema);
      return copy;
    });
  }

  return out;
}

/** A Gemini legacy `Schema` read as JSON Schema: its type names lower-cased. */
function lowerCaseSchemaTypes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerCaseSchemaTypes);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = key === 'type' && typeof item === 'string' ? item.toLowerCase() : key === 'properties' && isObject(item) ? Object.fromEntries(Object.entries(item).map(([name, schema]) => [name, lowerCaseSchemaTypes(schema)])) : lowerCaseSchemaTypes(item);
  }
  return out;
}

/** Members whose content is the caller's data (property names, arguments, schemas): left as they are. */
const GEMINI_OPAQUE_MEMBERS = new Set(['args', 'response', 'properties', 'parameters', 'parametersJsonSchema', 'responseSchema', 'responseJsonSchema', 'data', 'text', 'enum']);

/** Gemini's JSON API accepts proto field names (`tool_config`) as well as lowerCamel ones (`toolConfig`). */
function camelCaseGeminiKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCaseGeminiKeys);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const camel = key.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
    out[camel] = GEMINI_OPAQUE_MEMBERS.has(camel) ? item : camelCaseGeminiKeys(item);
  }
  return out;
}

/**
 * What a `functionResponse.response` says the function returned. Gemini: "Use "output" key to specify function output
 * … If "output" and "error" keys are not specified, then whole "response" is treated as function output." So
 * `{output: X}`, a lone `{content: X}` wrapper and X itself are the same output, and a string holding JSON is that JSON.
 */
function functionOutput(response: unknown): unknown {
  let value = response;
  if (isObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'output' || keys[0] === 'content')) value = value[keys[0]];
  }
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

/**
 * Gemini's equivalent spellings brought to one: proto (snake_case) field names; `candidateCount: 1`; the forms of a function's output (see `functionOutput`); the role of `systemInstruction` is ignored by Gemini; a body `model`
 * naming the model of the path is redundant; the legacy `parameters` / `responseSchema` fields and the JSON-Schema
 * fields `parametersJsonSchema` / `responseJsonSchema` carry the same schema (compared with type names lower-cased).
 */
function normaliseGeminiBody(body: Record<string, unknown>, path: string): Record<string, unknown> {
  const out = camelCaseGeminiKeys(body) as Record<string, unknown>;
  if (isObject(out.generationConfig) && out.generationConfig.candidateCount === 1) {
    // One candidate is the default.
    const { candidateCount: _one, ...generationConfig } = out.generationConfig;
    out.generationConfig = generationConfig;
  }
  if (isObject(out.systemInstruction) && 'role' in out.systemInstruction) {
    const { role: _role, ...systemInstruction } = out.systemInstruction;
    out.systemInstruction = systemInstruction;
  }
  const pathModel = /\/models\/([^:/?]+)/.exec(decodeURIComponent(path))?.[1];
  if (typeof out.model === 'string' && pathModel && out.model.replace(/^models\//, '') === pathModel) delete out.model;
  if (Array.isArray(out.contents)) {
    out.contents = out.contents.map((content) => {
      if (!isObject(content) || !Array.isArray(content.parts)) return content;
      return {
        ...content,
        parts: content.parts.map((part) =>
          isObject(part) && isObject(part.functionResponse) ? { ...part, functionResponse: { ...part.functionResponse, response: functionOutput(part.functionResponse.response) } } : part,
        ),
      };
    });
  }
  if (Array.isArray(out.tools)) {
    out.tools = out.tools.map((tool) => {
      if (!isObject(tool) || !Array.isArray(tool.functionDeclarations)) return tool;
      return {
        ...tool,
        functionDeclarations: tool.functionDeclarations.map((declaration) => {
          if (!isObject(declaration) || declaration.parameters === undefined) return declaration;
          const { parameters, ...rest } = declaration;
          return { ...rest, parametersJsonSchema: lowerCaseSchemaTypes(parameters) };
        }),
      };
    });
  }
  if (isObject(out.generationConfig) && out.generationConfig.responseSchema !== undefined) {
    const { responseSchema, ...rest } = out.generationConfig;
    out.generationConfig = { ...rest, responseJsonSchema: lowerCaseSchemaTypes(responseSchema) };
  }
  return out;
}

/**
 * Values a gateway chooses itself when the client did not say: they are accepted whatever they are, as long as
 * their type is the expected one. Anthropic requires `max_tokens`, so a gateway picks one when the client gave none;
 * a thinking budget derived from `reasoning_effort` follows the gateway's own effort table (LiteLLM, new-api and
 * Interlingua use different ones).
 */
function gatewayChosenPaths(provider: Provider, clientRequest: unknown): string[][] {
  const request = isObject(clientRequest) ? clientRequest : {};
  const paths: string[][] = [];
  const effort = request.reasoning_effort !== undefined;
  if (provider === 'anthropic') {
    if ((request.max_tokens === undefined && request.max_completion_tokens === undefined) || effort) paths.push(['max_tokens']);
    if (effort) paths.push(['thinking', 'budget_tokens']);
  }
  if (provider === 'gemini' && effort) {
    paths.push(['generationConfig', 'thinkingConfig', 'thinkingBudget'], ['generationConfig', 'thinkingConfig', 'thinkingLevel']);
  }
  return paths;
}

function alignChosenValue(expected: Record<string, unknown>, observed: Record<string, unknown>, path: string[]): void {
  let left: unknown = expected;
  let right: unknown = observed;
  for (const key of path.slice(0, -1)) {
    if (!isObject(left) || !isObject(right)) return;
    left = left[key];
    right = right[key];
  }
  const last = path.at(-1)!;
  if (isObject(left) && isObject(right) && left[last] !== undefined && typeof left[last] === typeof right[last]) {
    right[last] = left[last];
  }
}

function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Case-specific tolerances of the upstream request comparison (a case's `options`). */
export interface UpstreamComparisonOptions {
  /** Compare the content blocks of each turn (Anthropic) or the parts of each content (Gemini) in any order. */
  anyBlockOrder?: boolean;
}

/** The comparison tolerances a case asks for in its `options`. */
export function upstreamComparisonOptions(fixtureCase: FixtureCase): UpstreamComparisonOptions {
  return fixtureCase.description.options?.anyBlockOrder === true ? { anyBlockOrder: true } : {};
}

/** Each message's blocks (Anthropic `content`, Gemini `parts`) sorted by their JSON text: their order is not compared. */
function sortBlocks(body: Record<string, unknown>, provider: Provider): Record<string, unknown> {
  const listKey = provider === 'gemini' ? 'contents' : 'messages';
  const blocksKey = provider === 'gemini' ? 'parts' : 'content';
  const list = body[listKey];
  if (!Array.isArray(list)) return body;
  const canonical = (value: unknown): string => JSON.stringify(value, (_key, item: unknown) => (isObject(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b))) : item));
  return {
    ...body,
    [listKey]: list.map((message) =>
      isObject(message) && Array.isArray(message[blocksKey]) ? { ...message, [blocksKey]: [...message[blocksKey]].sort((a, b) => canonical(a).localeCompare(canonical(b))) } : message,
    ),
  };
}

/** The semantic form of an upstream body that both sides are brought to before comparison. */
export function normaliseUpstreamBody(provider: Provider, body: unknown, path = '', options: UpstreamComparisonOptions = {}): unknown {
  if (!isObject(body)) return body;
  let out: Record<string, unknown> = cloneJson(body);
  if (out.stream === false) delete out.stream;
  if (provider === 'anthropic') out = expandAnthropicShorthand(out);
  if (provider === 'gemini') out = normaliseGeminiBody(out, path);
  if (options.anyBlockOrder && provider !== 'openai-compatible') out = sortBlocks(out, provider);
  return out;
}

function headerMatches(name: string, expected: string, observed: string | undefined): boolean {
  if (observed === undefined) return false;
  if (name === 'content-type') return observed.split(';')[0]!.trim().toLowerCase() === expected.split(';')[0]!.trim().toLowerCase();
  if (name === 'anthropic-beta') {
    const set = (value: string) => value.split(',').map((item) => item.trim()).filter(Boolean);
    const have = new Set(set(observed));
    return set(expected).every((item) => have.has(item));
  }
  return observed === expected;
}

/**
 * Compares the request a gateway sent upstream with the case's expected one, semantically. Tolerated: key order;
 * headers beyond the listed ones (and `content-type` parameters, `anthropic-beta` extra flags); query parameter order
 * and URL escaping; a `null` or `{}` member against an absent one; `stream: false` against no `stream`; Anthropic's
 * equivalent spellings (see `expandAnthropicShorthand` and `normaliseGeminiBody`: Anthropic's string shorthand, empty
 * `system`, empty tool description, `required: []`; Gemini's `systemInstruction` role, body `model`, legacy schema
 * fields); gateway-chosen values (see the README); with `options.anyBlockOrder` (a case option), the order of the
 * blocks within each turn. Returns one line per problem (empty when they match).
 */
export function compareUpstreamRequest(
  provider: Provider,
  clientRequest: unknown,
  expected: ExpectedUpstreamRequest,
  observed: ObservedUpstreamRequest,
  options: UpstreamComparisonOptions = {},
): string[] {
  const problems: string[] = [];
  if (observed.method.toUpperCase() !== expected.method) problems.push(`upstream method: expected ${expected.method}, got ${observed.method}`);
  if (!upstreamPathMatches(expected.path, observed.path)) problems.push(`upstream path: expected ${expected.path}, got ${observed.path}`);
  for (const [name, value] of Object.entries(expected.headers ?? {})) {
    const got = observed.headers[name.toLowerCase()];
    if (!headerMatches(name.toLowerCase(), value, got)) problems.push(`upstream header ${name}: expected ${JSON.stringify(value)}, got ${got === undefined ? '(absent)' : JSON.stringify(got)}`);
  }
  const left = normaliseUpstreamBody(provider, expected.body, expected.path, options);
  const right = normaliseUpstreamBody(provider, observed.body, observed.path, options);
  if (isObject(left) && isObject(right)) {
    for (const path of gatewayChosenPaths(provider, clientRequest)) alignChosenValue(left, right, path);
  }
  const differences = compareJsonValues(left, right, { nullEqualsAbsent: true, emptyObjectEqualsAbsent: true }, '$.body');
  if (differences.length) problems.push(`upstream body differs:\n${formatValueDifferences(differences)}`);
  return problems;
}

import { compareJsonValues, formatValueDifferences } from './compare-json-values.js';
import type { ExpectedUpstreamRequest, Provider } from './fixture-case.js';

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
  return { pathname: decoded.replace(/\/+$/, '') || '/', query: query ? query.split('&').filter(Boolean).sort() : [] };
}

/** Whether the observed path and query are the expected ones (query parameter order and URL escaping do not matter). */
export function upstreamPathMatches(expected: string, observed: string): boolean {
  const left = splitPath(expected);
  const right = splitPath(observed);
  return left.pathname === right.pathname && JSON.stringify(left.query) === JSON.stringify(right.query);
}

/** Anthropic's shorthand forms spelled out: a string `system` or message `content` is one text block. */
function expandAnthropicShorthand(body: Record<string, unknown>): Record<string, unknown> {
  const out = { ...body };
  if (typeof out.system === 'string') out.system = out.system ? [{ type: 'text', text: out.system }] : undefined;
  if (Array.isArray(out.messages)) {
    out.messages = out.messages.map((message) =>
      isObject(message) && typeof message.content === 'string' ? { ...message, content: [{ type: 'text', text: message.content }] } : message,
    );
  }
  return out;
}

/** Gemini ignores the role of `systemInstruction`. */
function dropSystemInstructionRole(body: Record<string, unknown>): Record<string, unknown> {
  if (!isObject(body.systemInstruction) || !('role' in body.systemInstruction)) return body;
  const { role: _role, ...systemInstruction } = body.systemInstruction;
  return { ...body, systemInstruction };
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

/** The semantic form of an upstream body that both sides are brought to before comparison. */
export function normaliseUpstreamBody(provider: Provider, body: unknown): unknown {
  if (!isObject(body)) return body;
  let out: Record<string, unknown> = cloneJson(body);
  if (out.stream === false) delete out.stream;
  if (provider === 'anthropic') out = expandAnthropicShorthand(out);
  if (provider === 'gemini') out = dropSystemInstructionRole(out);
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
 * string shorthand for `system` and message `content`; a role on Gemini's `systemInstruction`; gateway-chosen
 * values (see the README). Returns one line per problem (empty when they match).
 */
export function compareUpstreamRequest(
  provider: Provider,
  clientRequest: unknown,
  expected: ExpectedUpstreamRequest,
  observed: ObservedUpstreamRequest,
): string[] {
  const problems: string[] = [];
  if (observed.method.toUpperCase() !== expected.method) problems.push(`upstream method: expected ${expected.method}, got ${observed.method}`);
  if (!upstreamPathMatches(expected.path, observed.path)) problems.push(`upstream path: expected ${expected.path}, got ${observed.path}`);
  for (const [name, value] of Object.entries(expected.headers ?? {})) {
    const got = observed.headers[name.toLowerCase()];
    if (!headerMatches(name.toLowerCase(), value, got)) problems.push(`upstream header ${name}: expected ${JSON.stringify(value)}, got ${got === undefined ? '(absent)' : JSON.stringify(got)}`);
  }
  const left = normaliseUpstreamBody(provider, expected.body);
  const right = normaliseUpstreamBody(provider, observed.body);
  if (isObject(left) && isObject(right)) {
    for (const path of gatewayChosenPaths(provider, clientRequest)) alignChosenValue(left, right, path);
  }
  const differences = compareJsonValues(left, right, { nullEqualsAbsent: true, emptyObjectEqualsAbsent: true }, '$.body');
  if (differences.length) problems.push(`upstream body differs:\n${formatValueDifferences(differences)}`);
  return problems;
}

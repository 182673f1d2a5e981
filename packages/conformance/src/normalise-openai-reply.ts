/**
 * Normalisation of OpenAI replies before comparison (pure). What a gateway may legitimately choose differently is
 * replaced or removed on both sides:
 *
 * - the completion `id`, every tool-call `id` and `system_fingerprint` become placeholders numbered in order of first
 *   appearance (`<id:1>`, `<call:1>`, `<fp:1>`), so only "which of them are the same" is compared;
 * - `created` becomes `0`;
 * - `system_fingerprint` and `service_tier` are dropped unless `keepFingerprint` is set;
 * - a message `content` of `""` counts as `null` (both show the client nothing);
 * - tool-call `arguments` that parse as JSON compare as JSON values (whitespace and key order do not matter);
 * - usage details (`prompt_tokens_details`, `completion_tokens_details`) lose zero counters, and an empty details
 *   object is dropped (0 cached tokens and no details say the same);
 * - without `extensions`, only the OpenAI specification's fields are kept (plus `reasoning_content`, the de-facto
 *   field for reasoning text): non-standard fields such as `thinking_blocks` or `extra_content` are not compared.
 */
export interface NormaliseOptions {
  /** Compare non-standard fields too (`thinking_blocks`, `extra_content`, ...). */
  extensions?: boolean;
  /** Keep `system_fingerprint` (as a placeholder) instead of dropping it. */
  keepFingerprint?: boolean;
}

/** Numbers ids in order of first appearance, per kind. One per compared reply (and one per side). */
export class IdNormaliser {
  private readonly seen = new Map<string, Map<string, string>>();

  placeholder(kind: string, value: unknown): unknown {
    if (typeof value !== 'string') return value;
    let table = this.seen.get(kind);
    if (!table) {
      table = new Map();
      this.seen.set(kind, table);
    }
    let found = table.get(value);
    if (!found) {
      found = `<${kind}:${table.size + 1}>`;
      table.set(value, found);
    }
    return found;
  }
}

const COMPLETION_KEYS = new Set(['id', 'object', 'created', 'model', 'choices', 'usage', 'system_fingerprint', 'service_tier']);
const CHOICE_KEYS = new Set(['index', 'message', 'delta', 'finish_reason', 'logprobs']);
const MESSAGE_KEYS = new Set(['role', 'content', 'refusal', 'tool_calls', 'annotations', 'audio', 'function_call', 'reasoning_content']);
const TOOL_CALL_KEYS = new Set(['index', 'id', 'type', 'function', 'custom']);
const FUNCTION_KEYS = new Set(['name', 'arguments']);
const USAGE_KEYS = new Set(['prompt_tokens', 'completion_tokens', 'total_tokens', 'prompt_tokens_details', 'completion_tokens_details']);
const PROMPT_DETAIL_KEYS = new Set(['cached_tokens', 'audio_tokens']);
const COMPLETION_DETAIL_KEYS = new Set(['reasoning_tokens', 'audio_tokens', 'accepted_prediction_tokens', 'rejected_prediction_tokens']);
const ERROR_KEYS = new Set(['message', 'type', 'param', 'code']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pick(value: Record<string, unknown>, keys: Set<string>, extensions: boolean): Record<string, unknown> {
  if (extensions) return { ...value };
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (keys.has(key)) out[key] = item;
  return out;
}

function normaliseDetails(value: unknown, keys: Set<string>, extensions: boolean): unknown {
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(pick(value, keys, extensions))) if (item !== 0 && item !== null) out[key] = item;
  return Object.keys(out).length ? out : undefined;
}

/** Usage with zero detail counters removed (and, without extensions, only the specification's fields). */
export function normaliseUsage(usage: unknown, options: NormaliseOptions = {}): unknown {
  if (!isObject(usage)) return usage;
  const extensions = options.extensions === true;
  const out = pick(usage, USAGE_KEYS, extensions);
  const prompt = normaliseDetails(out.prompt_tokens_details, PROMPT_DETAIL_KEYS, extensions);
  const completion = normaliseDetails(out.completion_tokens_details, COMPLETION_DETAIL_KEYS, extensions);
  if (prompt === undefined) delete out.prompt_tokens_details;
  else out.prompt_tokens_details = prompt;
  if (completion === undefined) delete out.completion_tokens_details;
  else out.completion_tokens_details = completion;
  return out;
}

/** Tool-call arguments compare as JSON values when they parse (whitespace and key order do not matter). */
function parseArguments(text: string): unknown {
  try {
    return { 'parsed JSON': JSON.parse(text) as unknown };
  } catch {
    return text;
  }
}

function normaliseToolCall(call: unknown, ids: IdNormaliser, extensions: boolean): unknown {
  if (!isObject(call)) return call;
  const out = pick(call, TOOL_CALL_KEYS, extensions);
  if ('id' in out) out.id = ids.placeholder('call', out.id);
  if (isObject(out.function)) {
    const fn = pick(out.function, FUNCTION_KEYS, extensions);
    if (typeof fn.arguments === 'string') fn.arguments = parseArguments(fn.arguments);
    out.function = fn;
  }
  return out;
}

/** A message or a delta. */
export function normaliseMessage(message: unknown, ids: IdNormaliser, options: NormaliseOptions = {}): unknown {
  if (!isObject(message)) return message;
  const extensions = options.extensions === true;
  const out = pick(message, MESSAGE_KEYS, extensions);
  // An empty `content` shows the client nothing, as `null` does.
  if (out.content === '') out.content = null;
  if (Array.isArray(out.tool_calls)) out.tool_calls = out.tool_calls.map((call) => normaliseToolCall(call, ids, extensions));
  return out;
}

/** An OpenAI error envelope `{error: {message, type, param, code}}` (other keys only with extensions). */
export function normaliseErrorEnvelope(body: unknown, options: NormaliseOptions = {}): unknown {
  if (!isObject(body) || !isObject(body.error)) return body;
  return { error: pick(body.error, ERROR_KEYS, options.extensions === true) };
}

/** Whether a JSON body is an OpenAI error envelope. */
export function isErrorEnvelope(body: unknown): body is { error: Record<string, unknown> } {
  return isObject(body) && isObject(body.error) && !('choices' in body);
}

/** A `chat.completion` or a `chat.completion.chunk`. */
export function normaliseCompletion(body: unknown, ids: IdNormaliser, options: NormaliseOptions = {}): unknown {
  if (!isObject(body)) return body;
  if (isErrorEnvelope(body)) return normaliseErrorEnvelope(body, options);
  const extensions = options.extensions === true;
  const out = pick(body, COMPLETION_KEYS, extensions);
  if ('id' in out) out.id = ids.placeholder('id', out.id);
  if ('created' in out && typeof out.created === 'number') out.created = 0;
  if (options.keepFingerprint === true && typeof out.system_fingerprint === 'string') out.system_fingerprint = ids.placeholder('fp', out.system_fingerprint);
  else delete out.system_fingerprint;
  delete out.service_tier;
  if (Array.isArray(out.choices)) {
    out.choices = out.choices.map((choice) => {
      if (!isObject(choice)) return choice;
      const normalised = pick(choice, CHOICE_KEYS, extensions);
      if ('message' in normalised) normalised.message = normaliseMessage(normalised.message, ids, options);
      if ('delta' in normalised) normalised.delta = normaliseMessage(normalised.delta, ids, options);
      return normalised;
    });
  }
  if ('usage' in out) out.usage = normaliseUsage(out.usage, options);
  return out;
}

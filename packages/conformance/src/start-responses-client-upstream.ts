import type { FixtureCase } from './fixture-case.js';
import { parseOpenAISse } from './parse-openai-sse.js';
import { serveOnLoopback, type LoopbackServer } from './serve-on-loopback.js';

/**
 * A mock Anthropic + Gemini upstream for real-client tests (the `openai` SDK's Responses API, the OpenAI Agents SDK)
 * through any gateway adapter: it answers each request with the recorded upstream reply of the fixture case the test
 * scripts next, and, like the providers, refuses (400, in the provider's error envelope) a conversation that breaks
 * their thinking, signature and tool-pairing rules, judged against what it has itself replied so far:
 *
 * - Anthropic (`/v1/messages`): a `thinking` block must come back with a signature the upstream issued for exactly
 *   that thinking text, a `redacted_thinking` block with data it issued ("Invalid `signature` in `thinking` block";
 *   the signature is checked by the API: platform.claude.com/docs/build-with-claude/preserved-thinking); with
 *   thinking enabled, the assistant turn of an ongoing tool-use cycle must start with the thinking blocks that
 *   began the reply which issued its `tool_use` (platform.claude.com/docs/build-with-claude/extended-thinking,
 *   "Preserving thinking blocks"); every `tool_use` is answered by a `tool_result` in the next message and every
 *   `tool_result` answers a `tool_use` of the message before (platform.claude.com/docs/agents-and-tools/tool-use).
 * - Gemini (`:generateContent`, `:streamGenerateContent`): in the current turn (after the last user content that is
 *   not only function responses), a function call the upstream issued with a `thoughtSignature` must come back with
 *   exactly that signature ("Function call is missing a thought_signature in functionCall parts", Gemini 3:
 *   ai.google.dev/gemini-api/docs/thought-signatures); any other signature must be one it issued ("Corrupted thought
 *   signature"). Stricter than Gemini: the documented `skip_thought_signature_validator` stand-in is refused in place
 *   of a signature the upstream issued (Gemini accepts it, but the reasoning is lost, which is what these tests
 *   guard against). A model turn's function calls are answered by as many function responses in the next content.
 *
 * A refused request does not use up the scripted reply.
 */
export interface ResponsesClientUpstreamCall {
  /** The request path (`/v1/messages`, `/v1beta/models/<model>:generateContent`, …). */
  path: string;
  /** The request body, parsed. */
  body: unknown;
}

export interface ResponsesClientUpstreamOptions {
  /** The fixture cases, by id: their recorded upstream replies are what the upstream answers with. */
  cases: ReadonlyMap<string, FixtureCase>;
  /** The id of the case whose recorded reply answers the next accepted request (none: a 500). */
  nextReply(): string | undefined;
  /** Sees every request, accepted or refused, before it is answered. */
  onRequest?(call: ResponsesClientUpstreamCall): void;
}

export interface ResponsesClientUpstream extends LoopbackServer {
  /** The provider error message of every refused request, in order. */
  refusals: string[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const arrayOf = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The reasoning blocks (`thinking`, `redacted_thinking`) at the start of an Anthropic content array. */
function leadingReasoning(content: Json[]): Json[] {
  const end = content.findIndex((block) => block.type !== 'thinking' && block.type !== 'redacted_thinking');
  return content.slice(0, end === -1 ? content.length : end);
}

/** An Anthropic reply's content blocks, from the message JSON or rebuilt from its SSE events. */
function anthropicReplyContent(reply: NonNullable<FixtureCase['upstreamResponse']>): Json[] {
  if (reply.kind === 'json') return isObject(reply.response.body) ? arrayOf(reply.response.body.content) : [];
  const blocks: Json[] = [];
  const partialJson = new Map<number, string>();
  for (const frame of parseOpenAISse(reply.text)) {
    if (frame.kind !== 'json' || !isObject(frame.value)) continue;
    const event = frame.value;
    const index = typeof event.index === 'number' ? event.index : -1;
    if (event.type === 'content_block_start' && isObject(event.content_block)) blocks[index] = { ...event.content_block };
    const block = blocks[index];
    if (event.type !== 'content_block_delta' || !block || !isObject(event.delta)) continue;
    const delta = event.delta;
    if (delta.type === 'thinking_delta') block.thinking = `${String(block.thinking ?? '')}${String(delta.thinking)}`;
    else if (delta.type === 'signature_delta') block.signature = `${String(block.signature ?? '')}${String(delta.signature)}`;
    else if (delta.type === 'text_delta') block.text = `${String(block.text ?? '')}${String(delta.text)}`;
    else if (delta.type === 'input_json_delta') partialJson.set(index, `${partialJson.get(index) ?? ''}${String(delta.partial_json)}`);
  }
  for (const [index, text] of partialJson) if (blocks[index] && text) blocks[index].input = JSON.parse(text) as unknown;
  return blocks.filter(isObject);
}

/** A Gemini reply's parts (every candidate, every event of a stream). */
function geminiReplyParts(reply: NonNullable<FixtureCase['upstreamResponse']>): Json[] {
  const events = reply.kind === 'json' ? [reply.response.body] : parseOpenAISse(reply.text).flatMap((frame) => (frame.kind === 'json' ? [frame.value] : []));
  return events.flatMap((event) => (isObject(event) ? arrayOf(event.candidates) : [])).flatMap((candidate) => (isObject(candidate.content) ? arrayOf(candidate.content.parts) : []));
}

const callKey = (call: unknown) => (isObject(call) ? JSON.stringify([call.name, call.args ?? {}]) : '');

function createProviderRules() {
  const thinkingBySignature = new Map<string, string>();
  const redactedData = new Set<string>();
  /** Tool use id → the reasoning blocks that began the reply which issued it. */
  const reasoningBeforeToolUse = new Map<string, Json[]>();
  const geminiSignatures = new Set<string>();
  /** A function call (name and args) → the signature it was issued with. */
  const geminiCallSignatures = new Map<string, string>();

  function learn(provider: 'anthropic' | 'gemini', reply: NonNullable<FixtureCase['upstreamResponse']>): void {
    if (provider === 'anthropic') {
      const content = anthropicReplyContent(reply);
      for (const block of content) {
        if (block.type === 'thinking' && typeof block.signature === 'string') thinkingBySignature.set(block.signature, String(block.thinking ?? ''));
        if (block.type === 'redacted_thinking' && typeof block.data === 'string') redactedData.add(block.data);
      }
      const reasoning = leadingReasoning(content);
      if (reasoning.length) for (const block of content) if (block.type === 'tool_use' && typeof block.id === 'string') reasoningBeforeToolUse.set(block.id, reasoning);
      return;
    }
    for (const part of geminiReplyParts(reply)) {
      if (typeof part.thoughtSignature !== 'string') continue;
      geminiSignatures.add(part.thoughtSignature);
      if (part.functionCall) geminiCallSignatures.set(callKey(part.functionCall), part.thoughtSignature);
    }
  }

  function checkAnthropic(body: Json): string | undefined {
    const messages = arrayOf(body.messages);
    const toolUseIds = (message: Json | undefined) =>
      message?.role === 'assistant' ? arrayOf(message.content).flatMap((block) => (block.type === 'tool_use' ? [String(block.id)] : [])) : [];
    for (const [i, message] of messages.entries()) {
      const content = arrayOf(message.content);
      for (const [j, block] of content.entries()) {
        if (block.type === 'thinking' && (typeof block.signature !== 'string' || thinkingBySignature.get(block.signature) !== block.thinking))
          return `messages.${i}.content.${j}: Invalid \`signature\` in \`thinking\` block`;
        if (block.type === 'redacted_thinking' && !redactedData.has(String(block.data))) return `messages.${i}.content.${j}: Invalid \`data\` in \`redacted_thinking\` block`;
        if (block.type === 'tool_result' && !toolUseIds(messages[i - 1]).includes(String(block.tool_use_id)))
          return `messages.${i}.content.${j}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(block.tool_use_id)}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`;
      }
      const next = messages[i + 1];
      if (!next) continue;
      const answered = new Set(arrayOf(next.content).flatMap((block) => (block.type === 'tool_result' ? [String(block.tool_use_id)] : [])));
      const unanswered = toolUseIds(message).filter((id) => !answered.has(id));
      if (unanswered.length)
        return `messages.${i + 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${unanswered.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`;
    }
    const thinkingOn = isObject(body.thinking) && body.thinking.type !== 'disabled';
    const last = messages.length - 1;
    const inToolCycle = last >= 1 && arrayOf(messages[last]?.content).some((block) => block.type === 'tool_result');
    if (thinkingOn && inToolCycle) {
      const assistant = arrayOf(messages[last - 1]?.content);
      const required = toolUseIds(messages[last - 1]).map((id) => reasoningBeforeToolUse.get(id)).find(Boolean);
      if (required && !sameJson(leadingReasoning(assistant).map(({ type, thinking, signature, data }) => ({ type, thinking, signature, data })), required.map(({ type, thinking, signature, data }) => ({ type, thinking, signature, data }))))
        return `messages.${last - 1}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${String(assistant[0]?.type)}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceding the lastmost set of \`tool_use\` and \`tool_result\` blocks).`;
    }
    return undefined;
  }

  function checkGemini(body: Json): string | undefined {
    const contents = arrayOf(body.contents);
    const parts = (content: Json | undefined) => arrayOf(content?.parts);
    for (const [i, content] of contents.entries()) {
      for (const [j, part] of parts(content).entries())
        if (typeof part.thoughtSignature === 'string' && !geminiSignatures.has(part.thoughtSignature) && !(part.functionCall && part.thoughtSignature === 'skip_thought_signature_validator'))
          return `Corrupted thought signature. (contents[${i}].parts[${j}])`;
      const calls = parts(content).filter((part) => part.functionCall).length;
      const next = contents[i + 1];
      if (content.role === 'model' && calls && next && parts(next).filter((part) => part.functionResponse).length !== calls)
        return `Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn. (contents[${i + 1}])`;
    }
    const turnStart = contents.findLastIndex((content) => content.role === 'user' && parts(content).some((part) => !part.functionResponse));
    for (const [i, content] of contents.entries()) {
      if (i <= turnStart || content.role !== 'model') continue;
      for (const [j, part] of parts(content).entries()) {
        const issued = part.functionCall ? geminiCallSignatures.get(callKey(part.functionCall)) : undefined;
        if (issued && part.thoughtSignature !== issued)
          return `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly. Additional data, function call \`${String((part.functionCall as Json).name)}\`, position ${j + 1}. (contents[${i}])`;
      }
    }
    return undefined;
  }

  return { learn, checkAnthropic, checkGemini };
}

function reply(recorded: NonNullable<FixtureCase['upstreamResponse']>): Response {
  return recorded.kind === 'sse'
    ? new Response(recorded.text, { status: 200, headers: { 'content-type': 'text/event-stream' } })
    : new Response(JSON.stringify(recorded.response.body), { status: recorded.response.status, headers: { 'content-type': 'application/json' } });
}

/** Starts the upstream on 127.0.0.1 (a free port); point the gateway's Anthropic and Gemini base URLs at `url`. */
export async function startResponsesClientUpstream(options: ResponsesClientUpstreamOptions): Promise<ResponsesClientUpstream> {
  const rules = createProviderRules();
  const refusals: string[] = [];
  const server = await serveOnLoopback(async (request) => {
    const path = new URL(request.url).pathname;
    const body: unknown = JSON.parse(await request.text());
    options.onRequest?.({ path, body });
    const provider = path === '/v1/messages' ? 'anthropic' : /:(stream)?generateContent$/i.test(path) ? 'gemini' : undefined;
    if (!provider) return new Response(JSON.stringify({ error: { message: `no such endpoint: ${path}` } }), { status: 404 });
    const refusal = isObject(body) ? (provider === 'anthropic' ? rules.checkAnthropic(body) : rules.checkGemini(body)) : 'the body is not a JSON object';
    if (refusal) {
      refusals.push(refusal);
      const error =
        provider === 'anthropic'
          ? { type: 'error', error: { type: 'invalid_request_error', message: refusal } }
          : { error: { code: 400, message: refusal, status: 'INVALID_ARGUMENT' } };
      return new Response(JSON.stringify(error), { status: 400, headers: { 'content-type': 'application/json' } });
    }
    const id = options.nextReply();
    const recorded = id ? options.cases.get(id)?.upstreamResponse : undefined;
    if (!recorded) return new Response(JSON.stringify({ error: { message: `the test scripted no reply${id ? ` (no recorded reply for ${id})` : ''}` } }), { status: 500 });
    rules.learn(provider, recorded);
    return reply(recorded);
  });
  return Object.assign(server, { refusals });
}

/** The body of a case's recorded upstream reply (a JSON reply; throws for a stream or a missing case). */
export function recordedUpstreamBody(cases: ReadonlyMap<string, FixtureCase>, id: string): any {
  const recorded = cases.get(id)?.upstreamResponse;
  if (recorded?.kind !== 'json') throw new Error(`${id} has no recorded JSON upstream reply`);
  return recorded.response.body;
}

/** A case's recorded Anthropic reply as content blocks (rebuilt from the events when it is a stream). */
export function recordedAnthropicContent(cases: ReadonlyMap<string, FixtureCase>, id: string): any[] {
  const recorded = cases.get(id)?.upstreamResponse;
  if (!recorded) throw new Error(`${id} has no recorded upstream reply`);
  return anthropicReplyContent(recorded);
}

/** A case's recorded Gemini reply as its parts (of every event, when it is a stream). */
export function recordedGeminiParts(cases: ReadonlyMap<string, FixtureCase>, id: string): any[] {
  const recorded = cases.get(id)?.upstreamResponse;
  if (!recorded) throw new Error(`${id} has no recorded upstream reply`);
  return geminiReplyParts(recorded);
}

/** A Responses function tool like the one of the recorded Gemini 3 call (`gemini/google-tool-call-gemini3`). */
export const RESPONSES_WEATHER_TOOL = {
  type: 'function' as const,
  name: 'weather',
  description: 'Get the weather in a location',
  parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  strict: false,
};

/** The JSON Schema of the Agents SDK weather tools (open: the recorded Claude call also sends `units`). */
export const AGENT_WEATHER_TOOL_PARAMETERS = {
  type: 'object' as const,
  properties: { location: { type: 'string' }, units: { type: 'string' } },
  required: ['location'],
  additionalProperties: true as const,
};

/** An agent run with one tool call: the model, the tool the recorded call names, the scripted replies, the upstream path. */
export interface AgentToolRun {
  model: string;
  toolName: string;
  /** The tool call, then the answer after the tool's result. */
  replies: [string, string];
  path: string;
}

/** The non-streamed agent runs: a Claude model and a Gemini 3 model. */
export const AGENT_TOOL_RUNS: AgentToolRun[] = [
  { model: 'claude-haiku-4-5', toolName: 'get_weather', replies: ['anthropic/tool-use', 'anthropic/tool-results-follow-up'], path: '/v1/messages' },
  {
    model: 'gemini-3-pro-preview',
    toolName: 'weather',
    replies: ['gemini/google-tool-call-gemini3', 'gemini/js-genai-text'],
    path: '/v1beta/models/gemini-3-pro-preview:generateContent',
  },
];

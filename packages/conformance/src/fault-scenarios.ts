import type { FaultPlan, FaultyUpstreamRequest } from './create-faulty-upstream.js';

/** The providers the fault matrix covers. */
export type FaultProvider = 'anthropic' | 'gemini';

/** What the client of the gateway must see. */
export type FaultOutcome =
  /** An OpenAI error envelope with this status (and `retry-after`, `code` when given), before any stream starts. */
  | { kind: 'error'; status: number; code?: string; retryAfter?: string }
  /** A 200 completion (non-stream). */
  | { kind: 'completion'; minContentLength?: number }
  /** A 200 stream of valid chunks ending with `data: [DONE]`. */
  | { kind: 'stream-done'; minContentLength?: number }
  /** A 200 stream that ends with an error payload of this code, and no `[DONE]`. */
  | { kind: 'stream-error'; code: string };

export interface FaultScenario {
  /** Unique, e.g. `anthropic stream reset-mid-event`. */
  name: string;
  /** The fault kind, e.g. `status-429`, `reset-mid-event`. */
  fault: string;
  provider: FaultProvider;
  stream: boolean;
  /** `refused`: the gateway is pointed at a port nobody listens on. */
  plan: FaultPlan | 'refused';
  expect: FaultOutcome;
}

/**
 * The gateway limits the scenarios assume (short timeouts, a small event limit): configure the gateway under test
 * with them.
 */
export const FAULT_GATEWAY_LIMITS = {
  streamIdleTimeoutMs: 500,
  upstreamTimeoutMs: 1500,
  maxEventBytes: 2 * 1024 * 1024,
} as const;

const BIG_TEXT_LENGTH = 1_200_000; // a single event over 1 MB, under FAULT_GATEWAY_LIMITS.maxEventBytes
const HUGE_TEXT_LENGTH = 2_500_000; // a single event over FAULT_GATEWAY_LIMITS.maxEventBytes

// Anthropic's stream grammar (WIRE-FORMATS.md): message_start, content blocks, message_delta, message_stop.
const anthropicEvent = (type: string, data: unknown): string => `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
const anthropicStart = anthropicEvent('message_start', {
  type: 'message_start',
  message: {
    id: 'msg_fault',
    type: 'message',
    role: 'assistant',
    model: 'claude-3-5-haiku-20241022',
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 5, output_tokens: 1 },
  },
});
const anthropicBlockStart = anthropicEvent('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
const anthropicDelta = (text: string) =>
  anthropicEvent('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } });
const anthropicEnd =
  anthropicEvent('content_block_stop', { type: 'content_block_stop', index: 0 }) +
  anthropicEvent('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 2 } }) +
  anthropicEvent('message_stop', { type: 'message_stop' });
const anthropicHead = anthropicStart + anthropicBlockStart + anthropicEvent('ping', { type: 'ping' });
const anthropicMessage = (text: string) =>
  JSON.stringify({
    id: 'msg_fault',
    type: 'message',
    role: 'assistant',
    model: 'claude-3-5-haiku-20241022',
    content: [{ type: 'text', text }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 5, output_tokens: 2 },
  });

// Gemini's stream (streamGenerateContent?alt=sse): `data: <GenerateContentResponse>\r\n\r\n`, the last with finishReason.
const geminiEvent = (text: string, finish?: string) =>
  `data: ${JSON.stringify({
    candidates: [{ content: { parts: [{ text }], role: 'model' }, ...(finish ? { finishReason: finish } : {}), index: 0 }],
    usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 2, totalTokenCount: 7 },
    modelVersion: 'gemini-1.5-pro-002',
  })}\r\n\r\n`;
const geminiMessage = (text: string) =>
  JSON.stringify({
    candidates: [{ content: { parts: [{ text }], role: 'model' }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 2, totalTokenCount: 7 },
    modelVersion: 'gemini-1.5-pro-002',
  });

const SSE = { 'content-type': 'text/event-stream; charset=utf-8' };
const JSON_TYPE = { 'content-type': 'application/json' };

interface ProviderShapes {
  head: string;
  delta: (text: string) => string;
  end: string;
  message: (text: string) => string;
  malformedEvent: string;
  unknownEvent: string;
  /** Error bodies per status, as the provider (or a proxy in front of it) sends them. */
  errorBody: (status: number) => { headers: Record<string, string>; body: string };
}

const ANTHROPIC_ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};
const GOOGLE_STATUSES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};
/** What a proxy or load balancer in front of the provider sends for statuses the provider itself does not use. */
const proxyError = (status: number) => ({
  headers: { 'content-type': 'text/html' },
  body: `<html><head><title>${status}</title></head><body>upstream proxy error ${status}</body></html>`,
});

const SHAPES: Record<FaultProvider, ProviderShapes> = {
  anthropic: {
    head: anthropicHead,
    delta: anthropicDelta,
    end: anthropicEnd,
    message: anthropicMessage,
    malformedEvent: 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"oops"\n\n',
    unknownEvent: anthropicEvent('future_event', { type: 'future_event', detail: { anything: [1, 2, 3] } }),
    errorBody: (status) => {
      const type = ANTHROPIC_ERROR_TYPES[status];
      if (!type) return proxyError(status);
      return { headers: JSON_TYPE, body: JSON.stringify({ type: 'error', error: { type, message: `Anthropic says ${type}` }, request_id: 'req_fault' }) };
    },
  },
  gemini: {
    head: geminiEvent('Hel'),
    delta: (text) => geminiEvent(text),
    end: geminiEvent('lo', 'STOP'),
    message: geminiMessage,
    malformedEvent: 'data: {"candidates":[{"content":\r\n\r\n',
    unknownEvent: `event: future_event\r\ndata: ${JSON.stringify({ futureField: { anything: [1, 2, 3] }, modelVersion: 'gemini-1.5-pro-002' })}\r\n\r\n`,
    errorBody: (status) => {
      const googleStatus = GOOGLE_STATUSES[status];
      if (!googleStatus) return proxyError(status);
      return { headers: JSON_TYPE, body: JSON.stringify({ error: { code: status, message: `Gemini says ${googleStatus}`, status: googleStatus } }) };
    },
  },
};

/** Upstream statuses sent before any reply byte. */
export const FAULT_STATUSES = [400, 401, 403, 404, 413, 429, 500, 502, 503, 529] as const;

function scenariosFor(provider: FaultProvider, stream: boolean): FaultScenario[] {
  const shape = SHAPES[provider];
  const mode = stream ? 'stream' : 'non-stream';
  const scenario = (fault: string, plan: FaultPlan | 'refused', expect: FaultOutcome): FaultScenario => ({
    name: `${provider} ${mode} ${fault}`,
    fault,
    provider,
    stream,
    plan,
    expect,
  });
  const full = stream ? shape.head + shape.delta(' world') + shape.end : shape.message('Hello world');
  const headers = stream ? SSE : JSON_TYPE;
  const list: FaultScenario[] = [];

  for (const status of FAULT_STATUSES) {
    const { headers: errorHeaders, body } = shape.errorBody(status);
    list.push(
      scenario(
        `status-${status}`,
        { status, headers: { ...errorHeaders, ...(status === 429 ? { 'retry-after': '7' } : {}) }, steps: [{ write: body }] },
        { kind: 'error', status, ...(status === 429 ? { retryAfter: '7' } : {}) },
      ),
    );
  }
  list.push(scenario('connection-refused', 'refused', { kind: 'error', status: 502, code: 'upstream_unreachable' }));
  list.push(scenario('reset-before-headers', { beforeHeaders: 'reset' }, { kind: 'error', status: 502, code: 'upstream_unreachable' }));
  list.push(scenario('stall-before-headers', { beforeHeaders: 'stall' }, { kind: 'error', status: 504, code: 'upstream_timeout' }));
  list.push(
    scenario(
      'reset-after-headers',
      { headers, steps: [{ reset: true }] },
      stream ? { kind: 'stream-error', code: 'upstream_stream_truncated' } : { kind: 'error', status: 502, code: 'upstream_incomplete_response' },
    ),
  );
  const cut = Math.floor(full.length * 0.6);
  list.push(
    scenario(
      'reset-mid-event',
      // The cut falls inside an event (60% of the way through the reply). The transducer decodes the dangling
      // half event at the end, finds it malformed and says so.
      { headers, steps: [{ write: full.slice(0, cut) }, { reset: true }] },
      stream
        ? { kind: 'stream-error', code: provider === 'anthropic' ? 'invalid_upstream_event' : 'upstream_invalid_event' }
        : { kind: 'error', status: 502, code: 'upstream_incomplete_response' },
    ),
  );
  list.push(
    scenario(
      'missing-final-event',
      { headers, steps: [{ write: stream ? shape.head + shape.delta(' world') : full.slice(0, cut) }] },
      stream ? { kind: 'stream-error', code: 'upstream_stream_truncated' } : { kind: 'error', status: 502, code: 'upstream_invalid_response' },
    ),
  );
  list.push(
    scenario(
      'malformed-json-event',
      { headers, steps: [{ write: stream ? shape.head + shape.malformedEvent + shape.end : '{"id": "msg_fault", "content": [' }] },
      stream
        ? { kind: 'stream-error', code: provider === 'anthropic' ? 'invalid_upstream_event' : 'upstream_invalid_event' }
        : { kind: 'error', status: 502, code: 'upstream_invalid_response' },
    ),
  );
  if (stream) {
    list.push(
      scenario('unknown-event-type', { headers, steps: [{ write: shape.head + shape.unknownEvent + shape.delta(' world') + shape.end }] }, { kind: 'stream-done' }),
    );
  }
  const big = 'a'.repeat(BIG_TEXT_LENGTH);
  list.push(
    scenario(
      'event-over-1mb',
      { headers, steps: [{ write: stream ? shape.head + shape.delta(big) + shape.end : shape.message(big) }] },
      stream ? { kind: 'stream-done', minContentLength: BIG_TEXT_LENGTH } : { kind: 'completion', minContentLength: BIG_TEXT_LENGTH },
    ),
  );
  const huge = 'b'.repeat(HUGE_TEXT_LENGTH);
  list.push(
    scenario(
      'event-over-limit',
      { headers, steps: [{ write: stream ? shape.head + shape.delta(huge) + shape.end : shape.message(huge) }] },
      stream
        ? { kind: 'stream-error', code: provider === 'anthropic' ? 'upstream_event_too_large' : 'upstream_invalid_event' }
        : { kind: 'error', status: 502, code: 'upstream_response_too_large' },
    ),
  );
  list.push(
    scenario(
      'stall-after-start',
      { headers, steps: [{ write: stream ? shape.head : full.slice(0, cut) }, { stall: true }] },
      stream ? { kind: 'stream-error', code: 'upstream_idle_timeout' } : { kind: 'error', status: 504, code: 'upstream_idle_timeout' },
    ),
  );
  // One byte every 50 ms for the last 40 bytes: slow, but never idle for the 500 ms idle timeout.
  list.push(
    scenario(
      'slow-drip',
      { headers, steps: [{ write: full.slice(0, -40) }, { drip: full.slice(-40), intervalMs: 50 }] },
      stream ? { kind: 'stream-done' } : { kind: 'completion' },
    ),
  );
  return list;
}

/** The whole matrix: every fault, both providers, stream and non-stream. */
export function createFaultScenarios(): FaultScenario[] {
  return (['anthropic', 'gemini'] as const).flatMap((provider) => [false, true].flatMap((stream) => scenariosFor(provider, stream)));
}

/** The model name a client sends to reach a scenario (the faulty upstream finds the scenario by it). */
export function faultScenarioModel(scenario: FaultScenario, scenarios: readonly FaultScenario[]): string {
  return `${scenario.provider === 'anthropic' ? 'claude' : 'gemini'}-fault-${scenarios.indexOf(scenario)}`;
}

/** The client request of a scenario. */
export function faultScenarioRequest(scenario: FaultScenario, scenarios: readonly FaultScenario[]): Record<string, unknown> {
  return {
    model: faultScenarioModel(scenario, scenarios),
    messages: [{ role: 'user', content: 'Hello' }],
    ...(scenario.stream ? { stream: true } : {}),
  };
}

/** For `createFaultyUpstream`: the plan of the scenario a request belongs to (by the model name in body or path). */
export function planFaultScenario(request: FaultyUpstreamRequest, scenarios: readonly FaultScenario[]): FaultPlan {
  const match = /(?:claude|gemini)-fault-(\d+)/.exec(`${request.path} ${request.body}`);
  const scenario = match ? scenarios[Number(match[1])] : undefined;
  if (!scenario || scenario.plan === 'refused') return { status: 500, steps: [{ write: 'no such scenario' }] };
  return scenario.plan;
}

/** What the client received. */
export interface ObservedFaultReply {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * Checks a reply against a scenario's outcome; returns the problems (none: it matched). `isValid` checks an object
 * against the OpenAI spec (`createOpenAISpecValidator()`'s `error`, `chunk`, `completion`).
 */
export function checkFaultOutcome(
  scenario: FaultScenario,
  reply: ObservedFaultReply,
  validate: { error(value: unknown): unknown[]; chunk(value: unknown): unknown[]; completion(value: unknown): unknown[] },
): string[] {
  const problems: string[] = [];
  const expected = scenario.expect;
  const parse = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  };
  if (expected.kind === 'error') {
    if (reply.status !== expected.status) problems.push(`status ${reply.status}, expected ${expected.status}`);
    const body = parse(reply.text) as { error?: { code?: unknown } } | undefined;
    if (!body || validate.error(body).length) problems.push(`not an OpenAI error envelope: ${reply.text.slice(0, 200)}`);
    if (expected.code && body?.error?.code !== expected.code) problems.push(`code ${String(body?.error?.code)}, expected ${expected.code}`);
    if (expected.retryAfter && reply.headers.get('retry-after') !== expected.retryAfter) {
      problems.push(`retry-after ${reply.headers.get('retry-after')}, expected ${expected.retryAfter}`);
    }
    return problems;
  }
  if (reply.status !== 200) return [`status ${reply.status}, expected 200: ${reply.text.slice(0, 200)}`];
  if (expected.kind === 'completion') {
    const body = parse(reply.text) as { choices?: { message?: { content?: string } }[] } | undefined;
    if (!body || validate.completion(body).length) return [`not a valid completion: ${reply.text.slice(0, 200)}`];
    const length = body.choices?.[0]?.message?.content?.length ?? 0;
    if (expected.minContentLength && length < expected.minContentLength) problems.push(`content length ${length} < ${expected.minContentLength}`);
    return problems;
  }
  // The gateway writes `data: <json>\n\n` frames (its own encoder) and at most one `: x-interlingua-warnings: …` comment
  // (the lossy steps met in the stream), so splitting on blank lines is exact here; the comment is checked apart.
  const allFrames = reply.text.split('\n\n').filter((frame) => frame !== '');
  const comments = allFrames.filter((frame) => frame.startsWith(': x-interlingua-warnings: '));
  if (comments.length > 1) problems.push('more than one warnings comment');
  for (const comment of comments) if (!/^: x-interlingua-warnings: [\x20-\x7e]+$/.test(comment)) problems.push('malformed warnings comment');
  const frames = allFrames.filter((frame) => !frame.startsWith(': x-interlingua-warnings: '));
  let content = 0;
  let sawDone = false;
  let errorCode: unknown;
  for (const [index, frame] of frames.entries()) {
    if (!frame.startsWith('data: ')) {
      problems.push(`frame ${index} is not a data frame`);
      continue;
    }
    const data = frame.slice(6);
    if (sawDone || errorCode !== undefined) problems.push(`frame ${index} after the end`);
    if (data === '[DONE]') {
      sawDone = true;
      continue;
    }
    const value = parse(data) as { error?: { code?: unknown }; choices?: { delta?: { content?: string } }[] } | undefined;
    if (value?.error) {
      if (validate.error(value).length) problems.push(`frame ${index}: invalid error payload`);
      errorCode = value.error.code;
      continue;
    }
    if (!value || validate.chunk(value).length) problems.push(`frame ${index}: invalid chunk ${data.slice(0, 120)}`);
    content += value?.choices?.[0]?.delta?.content?.length ?? 0;
  }
  if (expected.kind === 'stream-done') {
    if (!sawDone) problems.push(`no [DONE] (error payload code ${String(errorCode)})`);
    if (errorCode !== undefined) problems.push(`unexpected error payload ${String(errorCode)}`);
    if (expected.minContentLength && content < expected.minContentLength) problems.push(`content length ${content} < ${expected.minContentLength}`);
  } else {
    if (sawDone) problems.push('[DONE] after a failed stream');
    if (errorCode !== expected.code) problems.push(`error payload code ${String(errorCode)}, expected ${expected.code}`);
  }
  return problems;
}

import { findSecrets } from '@interlingua/conformance/node';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkReply,
  fixtureCases,
  FUZZ_RUNS,
  FUZZ_SEED,
  FUZZ_TIMEOUT_MS,
  fuzzGateway,
  internalErrors,
  jsonMutationArbitrary,
  MODEL,
  mutateJson,
  post,
  PROVIDERS,
  reportRun,
  SECRETS,
  type Provider,
} from './fuzz-support.js';

// Property: whatever a client sends, the gateway answers — a valid completion or stream, or an OpenAI error
// envelope — and never fails inside (no internal error, no exception), never shows an upstream key.
const event = (type: string, data: unknown) => `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
const ANTHROPIC_JSON = JSON.stringify({
  id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-3-5-haiku', content: [{ type: 'text', text: 'Hi' }],
  stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 },
});
const ANTHROPIC_SSE =
  event('message_start', { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-3-5-haiku', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } } }) +
  event('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }) +
  event('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } }) +
  event('content_block_stop', { type: 'content_block_stop', index: 0 }) +
  event('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 1 } }) +
  event('message_stop', { type: 'message_stop' });
const GEMINI_REPLY = { candidates: [{ content: { parts: [{ text: 'Hi' }], role: 'model' }, finishReason: 'STOP', index: 0 }], usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 1, totalTokenCount: 2 } };
const GEMINI_SSE = `data: ${JSON.stringify(GEMINI_REPLY)}\r\n\r\n`;

/** A well-behaved upstream: the canned reply for whatever was asked. */
const cannedFetch = (async (url: string, init: RequestInit) => {
  if (url.includes(':streamGenerateContent')) return new Response(GEMINI_SSE, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  if (url.includes(':generateContent')) return new Response(JSON.stringify(GEMINI_REPLY), { status: 200 });
  const stream = (JSON.parse(String(init.body)) as { stream?: boolean }).stream === true;
  return new Response(stream ? ANTHROPIC_SSE : ANTHROPIC_JSON, { status: 200 });
}) as unknown as typeof fetch;

// Requests built from the shape of the ChatCompletionRequest schema, each field either plausible or arbitrary.
const anyValue = fc.oneof({ weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }, { weight: 1, arbitrary: fc.anything({ maxDepth: 1 }) });
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary }, { weight: 1, arbitrary: anyValue });
const text = fc.string({ maxLength: 40 });
const imageUrl = fc.oneof(
  fc.constant('data:image/png;base64,iVBORw0KGgo='),
  fc.base64String({ maxLength: 64 }).map((data) => `data:image/jpeg;base64,${data}`),
  fc.webUrl(),
  fc.constantFrom('http://127.0.0.1/a.png', 'file:///etc/passwd', 'data:,', 'data:image/png;base64'),
);
const contentPart = fc.oneof(
  fc.record({ type: fc.constant('text'), text }),
  fc.record({ type: fc.constant('image_url'), image_url: fc.record({ url: imageUrl, detail: fc.constantFrom('auto', 'low', 'high') }, { requiredKeys: ['url'] }) }),
  fc.record({ type: fc.constant('input_audio'), input_audio: fc.record({ data: fc.base64String({ maxLength: 16 }), format: fc.constantFrom('wav', 'mp3') }) }),
  fc.record({ type: fc.constant('file'), file: fc.record({ file_data: fc.base64String({ maxLength: 16 }), filename: text }, { requiredKeys: [] }) }),
  anyValue,
);
const content = fc.oneof(text, fc.array(contentPart, { maxLength: 4 }), fc.constant(null));
const toolCall = fc.record({
  id: maybe(fc.stringMatching(/^call_[a-z0-9]{1,8}$/)),
  type: maybe(fc.constant('function')),
  function: maybe(fc.record({ name: maybe(fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,10}$/)), arguments: maybe(fc.oneof(fc.json({ maxDepth: 2 }), text)) })),
});
const message = fc.oneof(
  fc.record({ role: fc.constantFrom('system', 'developer'), content: maybe(content), name: text }, { requiredKeys: ['role', 'content'] }),
  fc.record({ role: fc.constant('user'), content: maybe(content), name: text }, { requiredKeys: ['role', 'content'] }),
  fc.record(
    { role: fc.constant('assistant'), content: maybe(content), tool_calls: maybe(fc.array(toolCall, { maxLength: 3 })), refusal: maybe(text) },
    { requiredKeys: ['role'] },
  ),
  fc.record({ role: fc.constant('tool'), content: maybe(content), tool_call_id: maybe(text) }, { requiredKeys: ['role', 'content'] }),
  anyValue,
);
const schema = fc.oneof(
  fc.constant({ type: 'object', properties: { location: { type: 'string' } }, required: ['location'] }),
  fc.jsonValue({ maxDepth: 3 }),
);
const tool = fc.record({
  type: maybe(fc.constant('function')),
  function: maybe(fc.record({ name: maybe(fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_-]{0,10}$/)), description: text, parameters: schema, strict: fc.boolean() }, { requiredKeys: ['name'] })),
});
const requestFor = (provider: Provider) =>
  fc.record(
    {
      model: fc.oneof({ weight: 8, arbitrary: fc.constant(MODEL[provider]) }, { weight: 1, arbitrary: anyValue }),
      messages: fc.oneof({ weight: 8, arbitrary: fc.array(message, { minLength: 1, maxLength: 5 }) }, { weight: 1, arbitrary: anyValue }),
      stream: maybe(fc.boolean()),
      stream_options: maybe(fc.record({ include_usage: maybe(fc.boolean()) }, { requiredKeys: [] })),
      temperature: maybe(fc.double({ min: -1, max: 3, noNaN: true })),
      top_p: maybe(fc.double({ min: 0, max: 1, noNaN: true })),
      max_tokens: maybe(fc.integer({ min: -5, max: 100_000 })),
      max_completion_tokens: maybe(fc.integer({ min: 0, max: 100_000 })),
      n: maybe(fc.integer({ min: 0, max: 3 })),
      stop: maybe(fc.oneof(text, fc.array(text, { maxLength: 5 }))),
      seed: maybe(fc.integer()),
      tools: maybe(fc.array(tool, { maxLength: 3 })),
      tool_choice: maybe(fc.oneof(fc.constantFrom('auto', 'none', 'required'), fc.record({ type: fc.constant('function'), function: fc.record({ name: text }) }))),
      parallel_tool_calls: maybe(fc.boolean()),
      response_format: maybe(
        fc.oneof(
          fc.constant({ type: 'json_object' }),
          fc.constant({ type: 'text' }),
          fc.record({ type: fc.constant('json_schema'), json_schema: fc.record({ name: text, schema, strict: fc.boolean() }, { requiredKeys: ['name'] }) }),
        ),
      ),
      reasoning_effort: maybe(fc.constantFrom('minimal', 'low', 'medium', 'high')),
      logprobs: maybe(fc.boolean()),
      top_logprobs: maybe(fc.integer({ min: 0, max: 30 })),
      user: maybe(text),
      metadata: maybe(fc.dictionary(text, text, { maxKeys: 3 })),
    },
    { requiredKeys: ['model', 'messages'] },
  );

function fixtureRequests(provider: Provider): unknown[] {
  // Every case's client request (both providers' cases: their shapes are all valid OpenAI requests), sent to `provider`.
  return fixtureCases()
    .map((fixture) => fixture.request)
    .filter((request): request is Record<string, unknown> => typeof request === 'object' && request !== null)
    .map((request) => ({ ...request, model: MODEL[provider] }));
}

/** The body text: JSON of a generated or mutated request, or arbitrary text. */
const bodyFor = (provider: Provider) =>
  fc.oneof(
    { weight: 4, arbitrary: requestFor(provider).map((request) => JSON.stringify(request)) },
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.constantFrom(...fixtureRequests(provider)), fc.array(jsonMutationArbitrary, { minLength: 1, maxLength: 4 }))
        .map(([request, mutations]) => JSON.stringify(mutateJson(request, mutations))),
    },
    { weight: 1, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value) ?? 'null') },
    { weight: 1, arbitrary: fc.oneof(fc.string(), fc.uint8Array({ maxLength: 64 }).map((bytes) => new TextDecoder().decode(bytes))) },
  );

describe.each(PROVIDERS)('fuzzed client requests → %s', (provider) => {
  it(
    `every reply is valid or an OpenAI error (${FUZZ_RUNS} runs)`,
    async () => {
      const { gateway, logs } = fuzzGateway(cannedFetch);
      const texts: string[] = [];
      const started = Date.now();
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(bodyFor(provider), async (body) => {
          const response = await gateway(post(body));
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const { problems, text } = await checkReply(response);
          if (texts.length < 2000) texts.push(text);
          else if (findSecrets([text], SECRETS).length) texts.push(text);
          expect(problems).toEqual([]);
        }),
        { numRuns: FUZZ_RUNS, ...(FUZZ_SEED === undefined ? {} : { seed: FUZZ_SEED }) },
      );
      reportRun(`requests ${provider} (statuses ${JSON.stringify(Object.fromEntries(statuses))})`, FUZZ_RUNS, started);
      expect(internalErrors(logs)).toEqual([]);
      expect(findSecrets([...texts, ...logs.map((line) => JSON.stringify(line))], SECRETS)).toEqual([]);
      // The generators reach past validation: some requests were answered.
      expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MS,
  );
});

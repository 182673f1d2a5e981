/// <reference types="node" />
/**
 * `POST /v1/responses` through the whole gateway (routing, the provider bridges, the upstream call) with recorded
 * Anthropic and Gemini replies standing in for the upstreams, and the stored-response routes.
 */
import { checkResponsesEventGrammar, parseResponsesSse } from '@interlingua/conformance';
import { createResponsesSpecValidator, fixturesRoot, loadFixtureCases } from '@interlingua/conformance/node';
import { createFixedEnvironment } from '@interlingua/openai-schema';
import { describe, expect, it } from 'vitest';
import { createGateway } from '../create-gateway.js';
import type { GatewayOptions } from '../gateway-options.js';

const spec = createResponsesSpecValidator();
const cases = new Map(loadFixtureCases(fixturesRoot()).map((c) => [c.id, c]));

function recorded(id: string): { status: number; body: string; contentType: string } {
  const upstream = cases.get(id)?.upstreamResponse;
  if (!upstream) throw new Error(`no upstream reply in ${id}`);
  return upstream.kind === 'sse'
    ? { status: 200, body: upstream.text, contentType: 'text/event-stream' }
    : { status: upstream.response.status, body: JSON.stringify(upstream.response.body), contentType: 'application/json' };
}

/** A gateway whose upstreams answer, in order, with the given fixtures' recorded replies; the calls are recorded. */
function gatewayWith(replies: string[], options: Partial<GatewayOptions> = {}) {
  const calls: Array<{ url: string; body: any }> = [];
  const queue = [...replies];
  let n = 0;
  const gateway = createGateway({
    upstreams: {
      anthropic: { apiKey: 'sk-ant-test-secret', baseUrl: 'http://anthropic.test' },
      gemini: { apiKey: 'gemini-test-secret', baseUrl: 'http://gemini.test' },
    },
    prefixes: [
      { prefix: 'claude', upstream: 'anthropic' },
      { prefix: 'gemini', upstream: 'gemini' },
    ],
    fetch: async (url, init) => {
      calls.push({ url, body: JSON.parse(init.body) });
      const next = queue.shift();
      if (!next) throw new Error('no more upstream replies');
      const reply = recorded(next);
      return new Response(reply.body, { status: reply.status, headers: { 'content-type': reply.contentType } });
    },
    createEnvironment: () => createFixedEnvironment({ ids: { chatcmpl: [`chatcmpl-upstream${n}`, `chatcmpl-gw${n++}`] }, now: 1_750_000_000 }),
    log: () => {},
    ...options,
  });
  const auth = (key: string | undefined): Record<string, string> => (key ? { authorization: `Bearer ${key}` } : {});
  const post = (body: unknown, key?: string) =>
    gateway(
      new Request('http://gateway.test/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json', ...auth(key) }, body: JSON.stringify(body) }),
    );
  const call = (method: string, path: string, key?: string) => gateway(new Request(`http://gateway.test${path}`, { method, headers: auth(key) }));
  return { post, call, calls };
}

const CLAUDE_SIGNATURE = (cases.get('anthropic/thinking-signature')!.upstreamResponse as { response: { body: { content: Array<{ signature?: string }> } } }).response.body.content[0]!.signature!;

describe('POST /v1/responses', () => {
  it('a provider mapper\'s warning names the path of the Responses request, not of the hub request', async () => {
    const { post, calls } = gatewayWith(['anthropic/text']);
    const reply = await post({
      model: 'claude-sonnet-4-5',
      input: 'Hello',
      store: false,
      tools: [
        { type: 'web_search' },
        { type: 'function', name: 'lookup', strict: true, parameters: { type: 'object', properties: { code: { type: 'string', minLength: 3 } }, required: ['code'], additionalProperties: false } },
      ],
    });
    expect(reply.status).toBe(200);
    // The function tool is tools[1] of the client's request and tools[0].function of the hub's.
    expect(calls[0]!.body.tools.some((tool: { name?: string }) => tool.name === 'lookup')).toBe(true);
    const warnings = reply.headers.get('x-interlingua-warnings') ?? '';
    expect(warnings).toContain('schema_keyword_removed(tools[1].parameters.properties.code.minLength)');
    expect(warnings).not.toContain('tools[0].function');
  });

  it('a stateless loop on a thinking Claude model keeps the signed thinking (store: false, include encrypted content)', async () => {
    const { post, calls } = gatewayWith(['anthropic/thinking-signature', 'anthropic/text']);
    const first = await post({ model: 'claude-sonnet-4-5', input: 'What is 925 divided by 5?', reasoning: { effort: 'low' }, store: false, include: ['reasoning.encrypted_content'] });
    expect(first.status).toBe(200);
    const response = await first.json();
    expect(spec.response(response)).toEqual([]);
    expect(response.id).toBe('resp_gw0');
    expect(response.output.map((item: { type: string }) => item.type)).toEqual(['reasoning', 'message']);
    expect(response.output[0].summary).toEqual([{ type: 'summary_text', text: '925 divided by 5 = 185' }]);
    expect(calls[0]!.body.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });

    const second = await post({ model: 'claude-sonnet-4-5', store: false, reasoning: { effort: 'low' }, input: [{ role: 'user', content: 'What is 925 divided by 5?' }, ...response.output, { role: 'user', content: 'And by 37?' }] });
    expect(second.status).toBe(200);
    expect(calls[1]!.body.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: '925 divided by 5 = 185', signature: CLAUDE_SIGNATURE },
        { type: 'text', text: '925 ÷ 5 = 185' },
      ],
    });
  });

  it.each([
    ['non-stream', 'anthropic/interleaved-thinking-web-search', false],
    ['stream', 'anthropic/interleaved-thinking-web-search-stream', true],
  ] as const)('a stateless loop replays an interleaved-thinking turn block for block as Claude returned it (%s)', async (_name, fixture, stream) => {
    const original = (cases.get('anthropic/interleaved-thinking-web-search')!.upstreamResponse as any).response.body.content;
    const { post, calls } = gatewayWith([fixture, 'anthropic/text']);
    const tools = [{ type: 'function', name: 'save_note', parameters: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] } }];
    const first = await post({ model: 'claude-opus-5-5', input: 'What is the weather in Lisbon today? Save a note of it.', tools, store: false, stream });
    expect(first.status).toBe(200);
    const output = stream ? (parseResponsesSse(await first.text()).at(-1)!.data as any).response.output : (await first.json()).output;
    const call = output.find((item: { type: string }) => item.type === 'function_call');
    const second = await post({
      model: 'claude-opus-5-5',
      tools,
      store: false,
      input: [{ role: 'user', content: 'What is the weather in Lisbon today? Save a note of it.' }, ...output, { type: 'function_call_output', call_id: call.call_id, output: 'Saved.' }],
    });
    expect(second.status).toBe(200);
    expect(second.headers.get('x-interlingua-warnings') ?? '').not.toContain('block_order_ignored');
    expect(calls[1]!.body.messages[1]).toEqual({ role: 'assistant', content: original });
  });

  it('a Gemini 3 function-call round trip sends the thought signature back on the call', async () => {
    const { post, calls } = gatewayWith(['gemini/google-tool-call-gemini3', 'gemini/js-genai-text']);
    const tools = [{ type: 'function', name: 'weather', description: 'Get the weather in a location', parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } }];
    const first = await (await post({ model: 'gemini-3-pro-preview', input: 'What is the weather in San Francisco?', tools, store: false })).json();
    expect(spec.response(first)).toEqual([]);
    const call = first.output.find((item: { type: string }) => item.type === 'function_call');
    expect(call).toMatchObject({ type: 'function_call', name: 'weather', arguments: '{"location":"San Francisco"}', status: 'completed' });
    const recordedSignature = (cases.get('gemini/google-tool-call-gemini3')!.upstreamResponse as any).response.body.candidates[0].content.parts.find((p: any) => p.functionCall).thoughtSignature;
    await post({
      model: 'gemini-3-pro-preview',
      tools,
      store: false,
      input: [{ role: 'user', content: 'What is the weather in San Francisco?' }, ...first.output, { type: 'function_call_output', call_id: call.call_id, output: '{"temperature":"15C"}' }],
    });
    const modelTurn = calls[1]!.body.contents[1];
    expect(modelTurn.role).toBe('model');
    expect(modelTurn.parts.find((p: any) => p.functionCall).thoughtSignature).toBe(recordedSignature);
  });

  it('streams Responses events from an Anthropic stream, the grammar and the spec holding', async () => {
    const { post } = gatewayWith(['anthropic/thinking-signature-stream']);
    const reply = await post({ model: 'claude-sonnet-4-5', input: 'x', stream: true, reasoning: { effort: 'low' } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('text/event-stream');
    const events = parseResponsesSse(await reply.text());
    for (const { data } of events) expect(spec.event(data)).toEqual([]);
    expect(checkResponsesEventGrammar(events)).toEqual([]);
    const last = events.at(-1)!.data as any;
    expect(last.type).toBe('response.completed');
    expect(last.response.output[0].type).toBe('reasoning');
    expect(typeof last.response.output[0].encrypted_content).toBe('string');
  });

  it('a provider error in the middle of the stream ends it with response.failed carrying the error', async () => {
    const { post } = gatewayWith(['anthropic/overloaded-error-stream']);
    const events = parseResponsesSse(await (await post({ model: 'claude-sonnet-4-5', input: 'x', stream: true })).text());
    expect(checkResponsesEventGrammar(events)).toEqual([]);
    const last = events.at(-1)!.data as any;
    expect(last.type).toBe('response.failed');
    expect(last.response.error.message).toContain('Overloaded');
  });

  it('a stream\'s own lossy steps end it as a warnings comment (reply images a Responses message cannot show)', async () => {
    const { post } = gatewayWith(['gemini/synthetic-image-output-stream']);
    const text = await (await post({ model: 'gemini-2.5-flash-image', input: 'Draw a red square.', stream: true })).text();
    const events = parseResponsesSse(text);
    expect(events.at(-1)!.data.type).toBe('response.completed');
    expect(text.trimEnd().split('\n\n').at(-1)).toMatch(/^: x-interlingua-warnings: .*images_not_shown\(output\)/);
  });

  it('rejects a hosted tool with a 400 naming it, before any upstream call', async () => {
    const { post, calls } = gatewayWith([]);
    const reply = await post({ model: 'claude-sonnet-4-5', input: 'x', tools: [{ type: 'code_interpreter', container: { type: 'auto' } }] });
    expect(reply.status).toBe(400);
    const body = await reply.json();
    expect(spec.error(body)).toEqual([]);
    expect(body.error).toMatchObject({ param: 'tools[0].type', code: 'unsupported_tool' });
    expect(calls).toHaveLength(0);
  });
});

describe('stored responses', () => {
  it('previous_response_id continues the stored conversation; GET, input_items and DELETE', async () => {
    const { post, call, calls } = gatewayWith(['anthropic/thinking-signature', 'anthropic/text']);
    const first = await (await post({ model: 'claude-sonnet-4-5', instructions: 'Be brief.', input: 'What is 925 divided by 5?', reasoning: { effort: 'low' } })).json();
    const fetched = await call('GET', `/v1/responses/${first.id}`);
    expect(fetched.status).toBe(200);
    expect(await fetched.json()).toEqual(first);
    const items = await (await call('GET', `/v1/responses/${first.id}/input_items`)).json();
    expect(spec.inputItemList(items)).toEqual([]);
    expect(items.data).toEqual([{ type: 'message', id: 'msg_gw0_in0', role: 'user', status: 'completed', content: [{ type: 'input_text', text: 'What is 925 divided by 5?' }] }]);

    const second = await post({ model: 'claude-sonnet-4-5', previous_response_id: first.id, input: 'And by 37?', reasoning: { effort: 'low' } });
    expect(second.status).toBe(200);
    expect((await second.json()).previous_response_id).toBe(first.id);
    // The instructions are not carried over; the stored turn (with its signed thinking) is.
    expect(calls[1]!.body.system).toBeUndefined();
    expect(calls[1]!.body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'What is 925 divided by 5?' }] },
      { role: 'assistant', content: [{ type: 'thinking', thinking: '925 divided by 5 = 185', signature: CLAUDE_SIGNATURE }, { type: 'text', text: '925 ÷ 5 = 185' }] },
      { role: 'user', content: [{ type: 'text', text: 'And by 37?' }] },
    ]);

    const deleted = await call('DELETE', `/v1/responses/${first.id}`);
    expect(await deleted.json()).toEqual({ id: first.id, object: 'response', deleted: true });
    expect((await call('GET', `/v1/responses/${first.id}`)).status).toBe(404);
    const again = await post({ model: 'claude-sonnet-4-5', previous_response_id: first.id, input: 'x' });
    expect(again.status).toBe(400);
    expect((await again.json()).error).toMatchObject({ code: 'previous_response_not_found', param: 'previous_response_id' });
  });

  it('item_reference inputs are resolved from the stored responses; unknown ones are a 400 item_not_found', async () => {
    const { post, calls } = gatewayWith(['anthropic/thinking-signature', 'anthropic/text']);
    const first = await (await post({ model: 'claude-sonnet-4-5', input: 'What is 925 divided by 5?', reasoning: { effort: 'low' } })).json();
    const second = await post({
      model: 'claude-sonnet-4-5',
      reasoning: { effort: 'low' },
      input: [
        { type: 'item_reference', id: 'msg_gw0_in0' },
        ...first.output.map((item: { id: string }) => ({ type: 'item_reference', id: item.id })),
        { role: 'user', content: 'And by 37?' },
      ],
    });
    expect(second.status).toBe(200);
    expect(calls[1]!.body.messages[1].content[0]).toEqual({ type: 'thinking', thinking: '925 divided by 5 = 185', signature: CLAUDE_SIGNATURE });
    const unknown = await post({ model: 'claude-sonnet-4-5', input: [{ type: 'item_reference', id: 'msg_someoneelse_1' }] });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error).toMatchObject({ code: 'item_not_found', param: 'input[0]' });
  });

  it('a stored response is seen only with the gateway key that created it (tenants do not see each other\'s)', async () => {
    const { post, call, calls } = gatewayWith(['anthropic/thinking-signature', 'anthropic/text', 'anthropic/text'], { keys: ['sk-tenant-a', 'sk-tenant-b'] });
    const created = await post({ model: 'claude-sonnet-4-5', input: 'What is 925 divided by 5?', reasoning: { effort: 'low' } }, 'sk-tenant-a');
    expect(created.status).toBe(200);
    const first = await created.json();
    // Another tenant: the same answers as for an id that does not exist, and no upstream call.
    for (const path of [`/v1/responses/${first.id}`, `/v1/responses/${first.id}/input_items`]) {
      const other = await call('GET', path, 'sk-tenant-b');
      expect(other.status).toBe(404);
      expect((await other.json()).error).toMatchObject({ code: 'response_not_found', message: `No response found with id '${first.id}'.` });
    }
    expect((await call('DELETE', `/v1/responses/${first.id}`, 'sk-tenant-b')).status).toBe(404);
    const continued = await post({ model: 'claude-sonnet-4-5', previous_response_id: first.id, input: 'And by 37?' }, 'sk-tenant-b');
    expect(continued.status).toBe(400);
    expect((await continued.json()).error).toMatchObject({ code: 'previous_response_not_found', param: 'previous_response_id' });
    const referenced = await post({ model: 'claude-sonnet-4-5', input: [{ type: 'item_reference', id: first.output[0].id }] }, 'sk-tenant-b');
    expect(referenced.status).toBe(400);
    expect((await referenced.json()).error).toMatchObject({ code: 'item_not_found', param: 'input[0]' });
    expect(calls).toHaveLength(1);
    // The owner still has it, can continue it and delete it.
    expect(await (await call('GET', `/v1/responses/${first.id}`, 'sk-tenant-a')).json()).toEqual(first);
    expect((await post({ model: 'claude-sonnet-4-5', previous_response_id: first.id, input: 'And by 37?', reasoning: { effort: 'low' } }, 'sk-tenant-a')).status).toBe(200);
    expect((await call('DELETE', `/v1/responses/${first.id}`, 'sk-tenant-a')).status).toBe(200);
  });

  it('the store keeps a digest of the credential, not the credential', async () => {
    const kept: unknown[] = [];
    const memory = new Map<string, any>();
    const responseStore = {
      get: async (id: string) => memory.get(id),
      put: async (entry: any) => void (kept.push(entry), memory.set(entry.response.id, entry)),
      delete: async (id: string) => memory.delete(id),
    };
    const { post } = gatewayWith(['anthropic/text'], { keys: ['sk-tenant-a'], responseStore });
    expect((await post({ model: 'claude-sonnet-4-5', input: 'hi' }, 'sk-tenant-a')).status).toBe(200);
    expect(kept).toHaveLength(1);
    // printf %s sk-tenant-a | sha256sum
    expect((kept[0] as { owner: string }).owner).toBe('sha256:43b53901e1469bd75268ffbc35c6d9927badb376e0b829975797d34235dbc4a7');
    expect(JSON.stringify(kept)).not.toContain('sk-tenant-a');
  });

  it('store: false keeps nothing', async () => {
    const { post, call } = gatewayWith(['anthropic/text']);
    const first = await (await post({ model: 'claude-sonnet-4-5', input: 'hi', store: false })).json();
    expect((await call('GET', `/v1/responses/${first.id}`)).status).toBe(404);
  });

  it('without a store, previous_response_id is a 400 that says so, never a fresh conversation', async () => {
    const { post, calls } = gatewayWith([], { responseStore: false });
    const reply = await post({ model: 'claude-sonnet-4-5', previous_response_id: 'resp_1', input: 'x' });
    expect(reply.status).toBe(400);
    const body = await reply.json();
    expect(body.error).toMatchObject({ code: 'previous_response_not_found', param: 'previous_response_id' });
    expect(body.error.message).toContain('response store is off');
    expect(calls).toHaveLength(0);
  });
});

/**
 * `responsesApi: true` on the OpenAI-compatible upstream: a Responses request routed there goes to
 * `<baseUrl>/responses` unchanged but for the routed model and the key, and the reply (JSON, stream, error) comes
 * back as sent. Without the setting the same request is translated through Chat Completions.
 */
import { describe, expect, it } from 'vitest';
import { createGateway } from '../create-gateway.js';

const RESPONSE = { id: 'resp_upstream1', object: 'response', status: 'completed', model: 'gpt-5.4', output: [{ type: 'message', id: 'msg_u', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'Hi', annotations: [], logprobs: [] }] }] };
const STREAM = [
  `event: response.created\ndata: ${JSON.stringify({ type: 'response.created', sequence_number: 0, response: { ...RESPONSE, status: 'in_progress', output: [] } })}\n\n`,
  `event: response.completed\ndata: ${JSON.stringify({ type: 'response.completed', sequence_number: 1, response: RESPONSE })}\n\n`,
].join('');

function gateway(responsesApi: boolean, reply: () => Response) {
  const calls: Array<{ url: string; headers: Record<string, string>; body: any }> = [];
  const handler = createGateway({
    upstreams: { 'openai-compatible': { apiKey: 'sk-openai-test-secret', baseUrl: 'http://openai.test/v1', responsesApi } },
    models: [{ name: 'smart', upstream: 'openai-compatible', upstreamModel: 'gpt-5.4' }],
    log: () => {},
    fetch: async (url, init) => {
      calls.push({ url, headers: init.headers, body: JSON.parse(init.body) });
      return reply();
    },
  });
  const post = (body: unknown) => handler(new Request('http://gateway.test/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
  return { post, calls };
}

describe('Responses passthrough to an OpenAI-compatible upstream (responsesApi: true)', () => {
  const request = { model: 'smart', input: 'Hello', store: false, include: ['reasoning.encrypted_content'], tools: [{ type: 'file_search', vector_store_ids: ['vs_1'] }] };

  it('sends the request unchanged to /responses (model routed, key set) and returns the reply as sent', async () => {
    const { post, calls } = gateway(true, () => new Response(JSON.stringify(RESPONSE), { status: 200, headers: { 'content-type': 'application/json', 'x-request-id': 'req_1' } }));
    const reply = await post(request);
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual(RESPONSE);
    expect(reply.headers.get('x-request-id')).toBe('req_1');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('http://openai.test/v1/responses');
    expect(calls[0]!.body).toEqual({ ...request, model: 'gpt-5.4' });
    expect(calls[0]!.headers.authorization).toBe('Bearer sk-openai-test-secret');
  });

  it('passes a stream through byte for byte', async () => {
    const { post } = gateway(true, () => new Response(STREAM, { status: 200, headers: { 'content-type': 'text/event-stream' } }));
    const reply = await post({ ...request, stream: true });
    expect(reply.headers.get('content-type')).toContain('text/event-stream');
    expect(await reply.text()).toBe(STREAM);
  });

  it('passes an upstream error through with its status', async () => {
    const error = { error: { message: 'Previous response with id x not found.', type: 'invalid_request_error', param: 'previous_response_id', code: 'previous_response_not_found' } };
    const { post } = gateway(true, () => new Response(JSON.stringify(error), { status: 400, headers: { 'content-type': 'application/json' } }));
    const reply = await post({ ...request, previous_response_id: 'x' });
    expect(reply.status).toBe(400);
    expect(await reply.json()).toEqual(error);
  });

  it('without responsesApi the request is translated through Chat Completions', async () => {
    const completion = { id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'gpt-5.4', choices: [{ index: 0, message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }] };
    const { post, calls } = gateway(false, () => new Response(JSON.stringify(completion), { status: 200, headers: { 'content-type': 'application/json' } }));
    const reply = await post({ model: 'smart', input: 'Hello' });
    expect(reply.status).toBe(200);
    expect(calls[0]!.url).toBe('http://openai.test/v1/chat/completions');
    expect(calls[0]!.body.messages).toEqual([{ role: 'user', content: 'Hello' }]);
    expect((await reply.json()).object).toBe('response');
  });
});

describe('Responses passthrough stream: a terminal event larger than the watch keeps', () => {
  it('sees response.completed at the head of a 20 KB event and ends the stream there, the upstream still open', async () => {
    const long = { ...RESPONSE, output: [{ ...RESPONSE.output[0]!, content: [{ type: 'output_text', text: 'word '.repeat(4000), annotations: [], logprobs: [] }] }] };
    const stream = [
      `event: response.created\ndata: ${JSON.stringify({ type: 'response.created', sequence_number: 0, response: { ...RESPONSE, status: 'in_progress', output: [] } })}\n\n`,
      `event: response.completed\ndata: ${JSON.stringify({ type: 'response.completed', sequence_number: 1, response: long })}\n\n`,
    ];
    const handler = createGateway({
      upstreams: { 'openai-compatible': { apiKey: 'sk-openai-test-secret', baseUrl: 'http://openai.test/v1', responsesApi: true } },
      models: [{ name: 'smart', upstream: 'openai-compatible', upstreamModel: 'gpt-5.4' }],
      limits: { streamIdleTimeoutMs: 300 },
      log: () => {},
      // The upstream sends both events (the second in one chunk) and keeps its body open.
      fetch: async () => {
        const encoder = new TextEncoder();
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            for (const part of stream) controller.enqueue(encoder.encode(part));
          },
        });
        return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
      },
    });
    const reply = await handler(
      new Request('http://gateway.test/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'smart', input: 'Hello', store: false, stream: true }) }),
    );
    // Complete once response.completed has gone by: no idle timeout, no error event after it.
    expect(await reply.text()).toBe(stream.join(''));
  });
});

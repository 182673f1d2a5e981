/**
 * The requests a gateway forwards rather than translates — Chat Completions to an OpenAI-compatible upstream, Messages
 * to Anthropic, Responses to an upstream that serves /responses — reach the upstream as the client wrote them, only
 * the model renamed to the routed one (`forwardJsonWithModel`): the client's numbers and members unchanged. A text
 * whose model is not certain (named twice, or a key written with an escape) is serialised again, so the upstream
 * reads only the routed model. A translated request (here to Anthropic) is the mapper's JSON, as before.
 */
import { describe, expect, it } from 'vitest';
import { createGateway } from './create-gateway.js';

// The upstreams' replies as texts a re-serialisation would change (spacing, `1.0`).
const COMPLETION = '{ "id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "gpt-5.4", "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hi"}, "logprobs": null, "finish_reason": "stop"}], "usage": {"prompt_tokens": 3, "completion_tokens": 1, "total_tokens": 4}, "x_score": 1.0 }';
const MESSAGE = '{ "id": "msg_1", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5", "content": [{"type": "text", "text": "Hi"}], "stop_reason": "end_turn", "stop_sequence": null, "usage": {"input_tokens": 3, "output_tokens": 1} }';
const RESPONSE = '{ "id": "resp_1", "object": "response", "status": "completed", "model": "gpt-5.4", "output": [], "temperature": 1.0 }';
const ERROR = '{ "type": "error", "error": {"type": "rate_limit_error", "message": "Slow down."} }';

function gateway(upstreamStatus = 200) {
  const sent: Array<{ url: string; body: string }> = [];
  const handler = createGateway({
    upstreams: {
      anthropic: { apiKey: 'sk-ant-test', baseUrl: 'http://anthropic.test' },
      'openai-compatible': { apiKey: 'sk-openai-test', baseUrl: 'http://openai.test/v1', responsesApi: true },
    },
    models: [
      { name: 'smart', upstream: 'openai-compatible', upstreamModel: 'gpt-5.4' },
      { name: 'house-claude', upstream: 'anthropic', upstreamModel: 'claude-sonnet-4-5' },
    ],
    prefixes: [{ prefix: 'gpt', upstream: 'openai-compatible' }],
    log: () => {},
    fetch: async (url, init) => {
      sent.push({ url: String(url), body: init.body });
      const reply = upstreamStatus !== 200 ? ERROR : String(url).endsWith('/responses') ? RESPONSE : String(url).endsWith('/messages') ? MESSAGE : COMPLETION;
      return new Response(reply, { status: upstreamStatus, headers: { 'content-type': 'application/json' } });
    },
  });
  let replied = '';
  const post = async (path: string, text: string) => {
    const reply = await handler(new Request(`http://gateway.test${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' }, body: text }));
    expect(reply.status).toBe(upstreamStatus);
    replied = await reply.text();
    return sent.at(-1)!;
  };
  return { post, replied: () => replied };
}

/** A client's text with members a re-serialisation would change: a decimal written `1.0`, a seed past 2^53. */
const chatText = (model: string) =>
  `{\n  "model": "${model}",\n  "temperature": 1.0,\n  "seed": 12345678901234567890,\n  "messages": [{"role": "user", "content": "Say \\"model\\""}]\n}`;

describe('a forwarded request reaches the upstream as the client wrote it, and its reply the client as the upstream wrote it', () => {
  it('Chat Completions to an OpenAI-compatible upstream: only the model renamed', async () => {
    const { post, replied } = gateway();
    const sent = await post('/v1/chat/completions', chatText('smart'));
    expect(sent.url).toBe('http://openai.test/v1/chat/completions');
    expect(sent.body).toBe(chatText('gpt-5.4'));
    expect(replied()).toBe(COMPLETION);
  });

  it('Chat Completions for a model that keeps its name upstream: the text unchanged', async () => {
    const { post } = gateway();
    const sent = await post('/v1/chat/completions', chatText('gpt-5.4'));
    expect(sent.body).toBe(chatText('gpt-5.4'));
  });

  it('Messages to Anthropic: only the model renamed', async () => {
    const { post, replied } = gateway();
    const text = '{"model":"house-claude","max_tokens":1024,"temperature":1.0,"messages":[{"role":"user","content":"Hi"}],"metadata":{"user_id":"u-1"}}';
    const sent = await post('/v1/messages', text);
    expect(sent.url).toBe('http://anthropic.test/v1/messages');
    expect(sent.body).toBe(text.replace('"house-claude"', '"claude-sonnet-4-5"'));
    expect(replied()).toBe(MESSAGE);
  });

  it('Responses to an upstream that serves /responses: only the model renamed', async () => {
    const { post, replied } = gateway();
    const text = '{"model": "smart", "input": "Hello", "store": false, "top_p": 1.0}';
    const sent = await post('/v1/responses', text);
    expect(sent.url).toBe('http://openai.test/v1/responses');
    expect(sent.body).toBe('{"model": "gpt-5.4", "input": "Hello", "store": false, "top_p": 1.0}');
    expect(replied()).toBe(RESPONSE);
  });

  it('a text naming its model twice is serialised again: the upstream reads only the routed model', async () => {
    const { post } = gateway();
    // JSON.parse keeps the last "model" (routed: smart); a parser keeping the first would read "expensive".
    const sent = await post('/v1/chat/completions', '{"model":"expensive","messages":[{"role":"user","content":"Hi"}],"model":"smart"}');
    expect(sent.body).toBe('{"model":"gpt-5.4","messages":[{"role":"user","content":"Hi"}]}');
  });

  it('a text with a key written with an escape is serialised again', async () => {
    const { post } = gateway();
    const sent = await post('/v1/messages', '{"model":"expensive","max_tokens":8,"messages":[{"role":"user","content":"Hi"}],"mod\\u0065l":"house-claude"}');
    expect(sent.body).toBe('{"model":"claude-sonnet-4-5","max_tokens":8,"messages":[{"role":"user","content":"Hi"}]}');
  });

  it('an upstream error a passthrough passes on is the upstream text too', async () => {
    const { post, replied } = gateway(429);
    await post('/v1/messages', '{"model":"house-claude","max_tokens":8,"messages":[{"role":"user","content":"Hi"}]}');
    expect(replied()).toBe(ERROR);
  });

  it('a translated request is the mapper JSON, not the client text, and so is its reply', async () => {
    const { post, replied } = gateway();
    const sent = await post('/v1/chat/completions', chatText('house-claude'));
    expect(sent.url).toBe('http://anthropic.test/v1/messages');
    expect(JSON.parse(sent.body)).toMatchObject({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: [{ type: 'text', text: 'Say "model"' }] }] });
    expect(sent.body).not.toContain('"seed"');
    expect(JSON.parse(replied())).toMatchObject({ object: 'chat.completion', choices: [{ message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }] });
  });
});

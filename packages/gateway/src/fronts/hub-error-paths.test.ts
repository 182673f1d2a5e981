import { createFixedEnvironment } from '@interlingua/openai-schema';
import { describe, expect, it } from 'vitest';
import { createGateway } from '../create-gateway.js';

/**
 * A provider mapper rejects the hub request a Responses or Messages request was translated to: the client's error
 * names the path in its own request, not in the hub's Chat Completions request it never sent. Each 400 here is one
 * the mappers raise while mapping (Gemini: `unknown_tool_call_id` in convert-openai-messages-to-gemini.ts,
 * `media_resolver_required` in convert-openai-content-part-to-gemini.ts; Anthropic: `invalid_tool_arguments` in
 * convert-openai-messages-to-anthropic.ts, the object-root rule in convert-openai-tools-to-anthropic.ts); no upstream
 * is called.
 */
const CLIENT_KEY = 'client-key-1';

function setup() {
  const calls: string[] = [];
  const handler = createGateway({
    keys: [CLIENT_KEY],
    upstreams: {
      anthropic: { apiKey: 'sk-ant-upstream-secret', baseUrl: 'http://anthropic.test' },
      gemini: { apiKey: 'gemini-upstream-secret', baseUrl: 'http://gemini.test' },
    },
    prefixes: [
      { prefix: 'claude', upstream: 'anthropic' },
      { prefix: 'gemini', upstream: 'gemini' },
    ],
    createEnvironment: () => createFixedEnvironment({ ids: { chatcmpl: ['chatcmpl-h1'] } }),
    log: () => {},
    fetch: (async (url: string) => {
      calls.push(url);
      return new Response('{}', { status: 500 });
    }) as never,
  });
  const post = async (path: string, body: unknown) => {
    const response = await handler(
      new Request(`http://gateway.test${path}`, { method: 'POST', headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    );
    return { status: response.status, body: (await response.json()) as { error: { message: string; param?: string | null; type: string; code?: string | null } } };
  };
  return { post, calls };
}

describe('Messages client: a provider mapper’s 400 names the Messages path', () => {
  it('a tool_result whose tool_use_id answers no tool_use (Gemini: unknown_tool_call_id)', async () => {
    const { post, calls } = setup();
    const reply = await post('/v1/messages', {
      model: 'gemini-2.5-flash',
      max_tokens: 100,
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_a', name: 'weather', input: { city: 'Paris' } }] },
        // The hub request has this tool_result as messages[2] (a tool message), its tool_use_id as tool_call_id.
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_b', content: 'Sunny' }] },
      ],
    });
    expect(calls).toEqual([]);
    expect(reply.status).toBe(400);
    expect(reply.body.error.type).toBe('invalid_request_error');
    expect(reply.body.error.message.startsWith('messages.2.content.0.tool_use_id: No assistant tool call with id "toolu_b"')).toBe(true);
    expect(reply.body.error.message).not.toContain('tool_call_id');
  });

  it('an image by http URL the Gemini path cannot fetch (media_resolver_required), after a system prompt', async () => {
    const { post } = setup();
    const reply = await post('/v1/messages', {
      model: 'gemini-2.5-flash',
      max_tokens: 100,
      system: 'Be brief.',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', source: { type: 'url', url: 'http://example.com/a.png' } }] }],
    });
    expect(reply.status).toBe(400);
    // Hub messages[1].content[1].image_url.url ← the image block's source.
    expect(reply.body.error.message.startsWith('messages.0.content.1.source: No media resolver is configured')).toBe(true);
  });
});

describe('Responses client: a provider mapper’s 400 names the Responses path in param', () => {
  it('function_call arguments that are not JSON (Anthropic: invalid_tool_arguments)', async () => {
    const { post, calls } = setup();
    const reply = await post('/v1/responses', {
      model: 'claude-sonnet-4-5',
      instructions: 'Be brief.',
      input: [
        { role: 'user', content: 'Weather in Paris?' },
        // Hub messages[2].tool_calls[0] (after the instructions' system message and the user message).
        { type: 'function_call', call_id: 'call_1', name: 'weather', arguments: 'not json' },
        { type: 'function_call_output', call_id: 'call_1', output: 'Sunny' },
      ],
      tools: [{ type: 'function', name: 'weather', parameters: { type: 'object', properties: {} } }],
    });
    expect(calls).toEqual([]);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ param: 'input[1].arguments', code: 'invalid_tool_arguments', type: 'invalid_request_error' });
  });

  it('a function tool whose parameters are not an object schema (Anthropic), after a web search tool', async () => {
    const { post } = setup();
    const reply = await post('/v1/responses', {
      model: 'claude-sonnet-4-5',
      input: 'Hi',
      tools: [{ type: 'web_search' }, { type: 'function', name: 'list', parameters: { type: 'array', items: { type: 'string' } } }],
    });
    expect(reply.status).toBe(400);
    // Hub tools[0].function.parameters.type ← the Responses tools[1] (function tools are flat there).
    expect(reply.body.error).toMatchObject({ param: 'tools[1].parameters.type', code: 'invalid_value' });
  });

  it('a field passed to the hub under its own name keeps it (Anthropic: n > 1)', async () => {
    const { post } = setup();
    const reply = await post('/v1/responses', { model: 'claude-sonnet-4-5', input: 'Hi', n: 2 });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ param: 'n', code: 'unsupported_value' });
    expect(reply.body.error.message).not.toContain('translated');
  });

  it('an error about the request as a whole keeps the client’s own field (the model)', async () => {
    const { post } = setup();
    const reply = await post('/v1/responses', { model: 'unknown-model', input: 'Hi' });
    expect(reply.status).toBe(404);
    expect(reply.body.error).toMatchObject({ param: 'model', code: 'model_not_found' });
    expect(reply.body.error.message).not.toContain('translated');
  });
});

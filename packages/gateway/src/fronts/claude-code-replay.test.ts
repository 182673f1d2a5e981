/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAnthropicSpecValidators } from '../../../messages-schema/test/anthropic-spec-validator.js';
import { checkMessagesEventGrammar as checkMessagesGrammar, parseMessagesSse } from '@interlingua/conformance';
import { createMockGemini, MOCK_SIGNATURE, type RecordedClientRequest } from '../../test/claude-code/claude-code-support.js';
import { createGateway } from '../create-gateway.js';
import type { GatewayLogLine, GatewayOptions } from '../gateway-options.js';

/**
 * The requests the real Claude Code CLI 2.1.328 sent (recorded by test/claude-code/claude-code.live.ts, see
 * test/claude-code/recordings/README.md), replayed through the gateway to a mock Gemini 3: every reply is a
 * well-formed, spec-valid Messages stream, the tool round carries Gemini's thought signature back, and every beta
 * Claude Code asks for is reported.
 */
const spec = createAnthropicSpecValidators();

function load(name: string): RecordedClientRequest[] {
  return JSON.parse(readFileSync(join(import.meta.dirname, '../../test/claude-code/recordings', `${name}.json`), 'utf8')) as RecordedClientRequest[];
}

function setup() {
  const gemini = createMockGemini();
  const lines: GatewayLogLine[] = [];
  const gateway = createGateway({
    keys: ['client-key'],
    upstreams: { gemini: { apiKey: 'gemini-secret', baseUrl: 'http://gemini.test' } },
    models: [{ name: 'claude-sonnet-4-5', upstream: 'gemini', upstreamModel: 'gemini-3-pro-preview' }],
    log: (line) => lines.push(line),
    fetch: (async (url: string, init: { body: string }) => gemini.handler(new Request(url, { method: 'POST', body: init.body }))) as GatewayOptions['fetch'],
  });
  const send = (recorded: RecordedClientRequest) =>
    gateway(new Request(`http://gateway.test${recorded.path}`, { method: recorded.method, headers: { ...recorded.headers, 'x-api-key': 'client-key' }, body: JSON.stringify(recorded.body) }));
  return { gemini, lines, send };
}

async function readEvents(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const events = parseMessagesSse(await response.text());
  expect(checkMessagesGrammar(events)).toEqual([]);
  for (const event of events) expect(spec.streamEvent(event).ok, JSON.stringify(event)).toBe(true);
  return events;
}

describe('recorded Claude Code requests → gateway → Gemini 3 (mock)', () => {
  it('print mode: one streamed turn answers, every beta is reported, the thinking budget maps to an effort', async () => {
    const [request] = load('print-hello');
    const { gemini, lines, send } = setup();
    const response = await send(request!);
    const warnings = response.headers.get('x-interlingua-warnings') ?? '';
    const events = await readEvents(response);
    const text = events.filter((e) => e.type === 'content_block_delta').map((e) => (e['delta'] as { text?: string }).text ?? '').join('');
    expect(text).toBe('Hello from Gemini.');
    expect(warnings.split(', ').filter((w) => w === 'beta_not_honoured(anthropic-beta)')).toHaveLength(5);
    for (const beta of ['claude-code-20250219', 'context-management-2025-06-27']) expect(lines[0]!.warnings?.join('\n')).toContain(`beta "${beta}"`);
    expect(warnings).toContain('thinking_budget_mapped(thinking.budget_tokens)');
    expect(gemini.requests[0]!.path).toBe('/v1beta/models/gemini-3-pro-preview:streamGenerateContent?alt=sse');
    expect((gemini.requests[0]!.body['generationConfig'] as Record<string, unknown>)['thinkingConfig']).toMatchObject({ includeThoughts: true, thinkingLevel: 'HIGH' });
    expect(lines[0]).toMatchObject({ status: 200, path: '/v1/messages', upstream: 'gemini', stream: true });
  });

  it('tool loop: the Read call comes back signed, and the signature reaches Gemini with the tool result', async () => {
    const [question, toolRound] = load('tool-loop-read');
    const { gemini, send } = setup();
    const first = await readEvents(await send(question!));
    const starts = first.filter((e) => e.type === 'content_block_start').map((e) => e['content_block'] as { type: string; name?: string });
    expect(starts.map((block) => block.type)).toEqual(['tool_use', 'redacted_thinking']);
    expect(starts[0]!.name).toBe('Read');
    expect(first.find((e) => e.type === 'message_delta')).toMatchObject({ delta: { stop_reason: 'tool_use' } });

    // The recorded second request is what Claude Code sent back after running Read (the continuation block first).
    const second = await readEvents(await send(toolRound!));
    const answer = second.filter((e) => e.type === 'content_block_delta').map((e) => (e['delta'] as { text?: string }).text ?? '').join('');
    expect(answer).toBe('The secret word is PELICAN.');
    const contents = gemini.requests[1]!.body['contents'] as Array<{ role: string; parts: Array<Record<string, unknown>> }>;
    const modelTurn = contents.find((content) => content.role === 'model');
    expect(modelTurn?.parts).toEqual([{ functionCall: { name: 'Read', args: expect.objectContaining({ file_path: expect.stringMatching(/note\.txt$/) }) }, thoughtSignature: MOCK_SIGNATURE }]);
    const result = contents.at(-1)!.parts.find((part) => 'functionResponse' in part) as { functionResponse: { name: string; response: unknown } };
    expect(result.functionResponse.name).toBe('Read');
    expect(JSON.stringify(result.functionResponse.response)).toContain('PELICAN');
  });
});

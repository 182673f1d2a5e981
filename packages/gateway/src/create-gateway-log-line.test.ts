/// <reference types="node" />
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { createGateway } from './create-gateway.js';
import type { GatewayLogLine } from './gateway-options.js';

const caseDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fixtures', 'anthropic', 'duplicate-message-start-stream');

function gatewayLogging(lines: GatewayLogLine[], upstreamBody: string, contentType: string) {
  return createGateway({
    upstreams: { anthropic: { apiKey: 'test-key', baseUrl: 'http://anthropic.test' } },
    prefixes: [{ prefix: 'claude', upstream: 'anthropic' }],
    fetch: (async () => new Response(upstreamBody, { status: 200, headers: { 'content-type': contentType } })) as unknown as typeof fetch,
    log: (line) => lines.push(line),
  });
}

const post = (body: unknown) =>
  new Request('http://gateway.test/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the log line', () => {
  it('of a stream carries the warnings its transcoder reported, as the final SSE comment does', async () => {
    // The case's policy (case.json notes): a repeated message_start is ignored and reported as duplicate_message_start.
    const lines: GatewayLogLine[] = [];
    const request = JSON.parse(readFileSync(path.join(caseDir, 'request.json'), 'utf8')) as Record<string, unknown>;
    const gateway = gatewayLogging(lines, readFileSync(path.join(caseDir, 'upstream-response.sse'), 'utf8'), 'text/event-stream');
    const text = await (await gateway(post({ ...request, stream: true }))).text();
    expect(text).toContain(': x-interlingua-warnings: duplicate_message_start(message_start)');
    await vi.waitFor(() => expect(lines).toHaveLength(1));
    expect(lines[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions', status: 200, stream: true, upstream: 'anthropic' });
    expect(lines[0]!.warnings).toEqual([expect.stringMatching(/^duplicate_message_start\(message_start\): /)]);
    expect(lines[0]).not.toHaveProperty('streamFinished');
  });

  it('names its fields in a fixed order: time, method, path, status, latency_ms, then what the request reported', async () => {
    const lines: GatewayLogLine[] = [];
    const reply = readFileSync(path.join(caseDir, '..', 'text', 'upstream-response.json'), 'utf8');
    const gateway = gatewayLogging(lines, JSON.stringify((JSON.parse(reply) as { body: unknown }).body), 'application/json');
    const response = await gateway(post({ model: 'claude-sonnet-4-5-20250929', messages: [{ role: 'user', content: 'Hi' }] }));
    expect(response.status).toBe(200);
    expect(lines).toHaveLength(1);
    expect(Object.keys(lines[0]!).slice(0, 5)).toEqual(['time', 'method', 'path', 'status', 'latency_ms']);
    expect(lines[0]).toMatchObject({ model: 'claude-sonnet-4-5-20250929', stream: false, upstream: 'anthropic' });
    expect(typeof lines[0]!.prompt_tokens).toBe('number');
  });
});

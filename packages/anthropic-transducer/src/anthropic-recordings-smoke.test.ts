/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createOpenAISpecValidator, recordingsRoot } from '@interlingua/conformance/node';
import { createFixedEnvironment } from '@interlingua/openai-schema';
import { describe, expect, it } from 'vitest';
import { parseOpenAISseFrames } from '../test/stream-test-helpers.js';
import { createAnthropicToOpenAITranscoder } from './create-anthropic-to-openai-transcoder.js';

/**
 * Every Anthropic stream recording of the vendored recordings (CATALOG.tsv rows "Anthropic SSE" stored as SSE or as
 * one-event-per-line files) goes through without breaking: every frame is a valid OpenAI chunk, and the stream ends
 * with [DONE]. The recordings with hand-reviewed expected outputs are the fixture cases; this covers the rest
 * (server tools, MCP, compaction, advisor, fallback blocks, concatenated multi-message files).
 */
const recordingsFolder = recordingsRoot();
const rows = readFileSync(join(recordingsFolder, 'CATALOG.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'))
  .filter(([path, , , exercises]) => path !== undefined && exercises?.startsWith('Anthropic SSE') && /\.(chunks\.txt|txt|sse)$/.test(path))
  // By policy a message_start spliced after content ends the stream with an error (fixture spliced-message-start-stream).
  .filter(([path]) => !path!.endsWith('spliced-message-start.chunks.txt'));

function upstreamText(path: string): string {
  const text = readFileSync(join(recordingsFolder, path), 'utf8');
  if (!path.endsWith('.chunks.txt')) return text;
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`)
    .join('');
}

describe('Anthropic stream recordings', () => {
  it('finds the recordings', () => {
    expect(rows.length).toBeGreaterThan(20);
  });

  it.each(rows.map(([path]) => [path!]))('%s', (path) => {
    const transcoder = createAnthropicToOpenAITranscoder({
      context: { requestedModel: 'client-model', includeUsage: true },
      environment: createFixedEnvironment(),
    });
    const frames = parseOpenAISseFrames(transcoder.push(upstreamText(path)) + transcoder.end());
    const validator = createOpenAISpecValidator();
    expect(frames.at(-1)).toBe('[DONE]');
    for (const frame of frames.slice(0, -1)) {
      expect(validator.chunk(frame), JSON.stringify(frame)).toEqual([]);
    }
    const finishes = frames.filter((frame) => typeof frame === 'object' && (frame as { choices: { finish_reason: unknown }[] }).choices[0]?.finish_reason != null);
    expect(finishes).toHaveLength(1);
  });
});

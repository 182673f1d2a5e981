/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResponsesSse } from './check-responses-event-grammar.js';
import { fixturesRoot } from './fixtures-root.js';
import { readResponsesClientStream } from './read-responses-client-stream.js';

// The expected reply of a streamed Responses fixture (reviewed by hand when the case was written).
const recorded = parseResponsesSse(readFileSync(join(fixturesRoot(), 'responses', 'anthropic', 'thinking-signature-stream', 'expected-response.sse'), 'utf8')).map(
  ({ data }) => data,
);
const clientStream = (events: unknown[]) => ({
  async *[Symbol.asyncIterator]() {
    yield* events;
  },
  finalResponse: async () => 'final',
});

describe('readResponsesClientStream', () => {
  it('reads every event and the final response; a well-formed stream has no problems', async () => {
    const { events, final, problems } = await readResponsesClientStream(clientStream(recorded));
    expect(events).toEqual(recorded);
    expect(final).toBe('final');
    expect(problems).toEqual([]);
  });

  it('names what is wrong: a stream without its terminal event, an event the specifications do not allow', async () => {
    const cut = await readResponsesClientStream(clientStream(recorded.slice(0, -1)));
    expect(cut.problems.join('\n')).toMatch(/terminal/);
    const bad = recorded.map((event) => (event.type === 'response.output_text.delta' ? { ...event, content_index: 'zero' } : event));
    const checked = await readResponsesClientStream(clientStream(bad));
    expect(checked.problems.some((problem) => problem.startsWith('response.output_text.delta: '))).toBe(true);
  });
});

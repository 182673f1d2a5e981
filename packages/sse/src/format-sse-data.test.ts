import { describe, expect, it } from 'vitest';
import { formatSseData } from './format-sse-data.js';

describe('formatSseData', () => {
  it('writes a single-line payload as one data line and a blank line', () => {
    expect(formatSseData('{"id":"chatcmpl-1","choices":[]}')).toBe('data: {"id":"chatcmpl-1","choices":[]}\n\n');
    expect(formatSseData('')).toBe('data: \n\n');
  });

  it('writes one data line per line of a multi-line payload, whatever the line break', () => {
    expect(formatSseData('a\nb\r\nc\rd')).toBe('data: a\ndata: b\ndata: c\ndata: d\n\n');
    expect(formatSseData('\n')).toBe('data: \ndata: \n\n');
    expect(formatSseData(JSON.stringify({ a: 1 }, null, 1))).toBe('data: {\ndata:  "a": 1\ndata: }\n\n');
  });
});

import { describe, expect, it } from 'vitest';
import { formatSseEvent } from './format-sse-event.js';

describe('formatSseEvent', () => {
  it('writes the event name, then the data lines, then a blank line', () => {
    expect(formatSseEvent({ event: 'message_stop', data: '{"type":"message_stop"}' })).toBe(
      'event: message_stop\ndata: {"type":"message_stop"}\n\n',
    );
    expect(formatSseEvent({ data: 'x' })).toBe('data: x\n\n');
  });

  it('writes the id, and omits an empty event name', () => {
    expect(formatSseEvent({ event: 'e', id: '42', data: 'a\nb' })).toBe('event: e\nid: 42\ndata: a\ndata: b\n\n');
    expect(formatSseEvent({ event: '', id: '', data: 'x' })).toBe('id: \ndata: x\n\n');
  });

  it('writes the [DONE] sentinel as a data line', () => {
    expect(formatSseEvent('[DONE]')).toBe('data: [DONE]\n\n');
  });

  it('refuses event names and ids that would break the framing', () => {
    expect(() => formatSseEvent({ event: 'a\nevent: b', data: '' })).toThrow(TypeError);
    expect(() => formatSseEvent({ event: 'a\r', data: '' })).toThrow(TypeError);
    expect(() => formatSseEvent({ id: '1\n', data: '' })).toThrow(TypeError);
    expect(() => formatSseEvent({ id: '1\0', data: '' })).toThrow(TypeError);
  });
});

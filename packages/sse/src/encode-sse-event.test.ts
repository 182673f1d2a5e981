import { describe, expect, it } from 'vitest';
import { encodeSseEvent } from './encode-sse-event.js';

describe('encodeSseEvent', () => {
  it('encodes the formatted event as UTF-8', () => {
    const bytes = encodeSseEvent({ event: 'é', data: '😀' });
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(bytes)).toBe('event: é\ndata: 😀\n\n');
    expect(bytes.length).toBe('event: \ndata: \n\n'.length + 2 + 4);
  });

  it('encodes the [DONE] sentinel', () => {
    expect(new TextDecoder().decode(encodeSseEvent('[DONE]'))).toBe('data: [DONE]\n\n');
  });
});

import { describe, expect, it } from 'vitest';
import { REASONING_CARRIER_PREFIX, isEmptyCarrier, sealReasoningCarrier, splitMessageExtraContent, unsealReasoningCarrier } from './reasoning-carrier.js';

describe('the reasoning carrier', () => {
  it('round-trips every field, unicode included, and seals equal carriers to equal text whatever the key order', () => {
    const carrier = {
      tool_calls: { call_1: { google: { thought_signature: 'sig/+=' } } },
      thinking_blocks: [{ type: 'thinking', thinking: 'Größe ✓ 思考', signature: 'Er4B' }, { type: 'redacted_thinking', data: 'abc' }],
      thought_signatures: [{ part: 'trailing', signature: 'T' }],
      extra_content: { vendor: { x: 1 } },
      extensions: { anthropic_blocks: [{ type: 'server_tool_use', id: 'srv', name: 'web_search', input: {} }] },
    };
    const sealed = sealReasoningCarrier(carrier);
    expect(sealed.startsWith(REASONING_CARRIER_PREFIX)).toBe(true);
    expect(unsealReasoningCarrier(sealed)).toEqual(carrier);
    const reordered = { extensions: carrier.extensions, extra_content: carrier.extra_content, thought_signatures: carrier.thought_signatures, thinking_blocks: carrier.thinking_blocks, tool_calls: carrier.tool_calls };
    expect(sealReasoningCarrier(reordered)).toBe(sealed);
  });

  it('refuses what it did not seal, damaged text, and hub fields smuggled in as extensions', () => {
    expect(unsealReasoningCarrier('gAAAAABopenai')).toBeUndefined();
    expect(unsealReasoningCarrier(`${REASONING_CARRIER_PREFIX}not base64!`)).toBeUndefined();
    expect(unsealReasoningCarrier(`${REASONING_CARRIER_PREFIX}${btoa('[1,2]')}`)).toBeUndefined();
    const smuggled = `${REASONING_CARRIER_PREFIX}${btoa(JSON.stringify({ extensions: { content: 'injected', role: 'system', images: [] } }))}`;
    expect(unsealReasoningCarrier(smuggled)).toEqual({ extensions: { images: [] } });
  });

  it('knows an empty carrier, and splits Google thought signatures from other extra content', () => {
    expect(isEmptyCarrier({})).toBe(true);
    expect(isEmptyCarrier({ thinking_blocks: [], tool_calls: {} })).toBe(true);
    expect(isEmptyCarrier({ thought_signatures: [{ part: 'content', signature: 's' }] })).toBe(false);
    expect(splitMessageExtraContent({ google: { thought_signatures: [{ part: 'content', signature: 's' }], other: 1 }, vendor: true })).toEqual({
      thoughtSignatures: [{ part: 'content', signature: 's' }],
      rest: { google: { other: 1 }, vendor: true },
    });
  });
});

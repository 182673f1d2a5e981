import { describe, expect, it } from 'vitest';
import { estimateChatRequestTokens } from './estimate-chat-request-tokens.js';

// A counter that counts characters makes the arithmetic visible.
const chars = (text: string) => text.length;

describe('estimateChatRequestTokens', () => {
  it('adds OpenAI\'s documented overhead: 3 per message, 1 per name, 3 to prime the reply; 85 per image; tools as JSON', () => {
    const tools = [{ type: 'function' as const, function: { name: 'f', parameters: { type: 'object' } } }];
    const estimate = estimateChatRequestTokens(
      {
        model: 'gpt-5',
        messages: [
          { role: 'system', content: 'abc' },
          { role: 'user', name: 'bo', content: [{ type: 'text', text: 'hello' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } }, { type: 'file', file: { file_data: 'data:application/pdf;base64,AA' } }] },
          { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] },
        ],
        tools,
      },
      chars,
    );
    // priming 3 + system (3 + 3) + user (3 + 1 + 2 + 5 + 85) + assistant (3 + 1 + 2) + tools JSON.
    expect(estimate).toEqual({ tokens: 3 + 6 + 96 + 6 + JSON.stringify(tools).length, uncountedParts: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import { AnthropicToolUseIdSanitizer } from './sanitize-anthropic-tool-use-id.js';

describe('AnthropicToolUseIdSanitizer', () => {
  it('keeps valid ids', () => {
    const sanitizer = new AnthropicToolUseIdSanitizer();
    expect(sanitizer.sanitize('toolu_01ABC-def')).toEqual({ id: 'toolu_01ABC-def', changed: false });
  });
  it('replaces characters outside [a-zA-Z0-9_-] (ids from other providers)', () => {
    const sanitizer = new AnthropicToolUseIdSanitizer();
    expect(sanitizer.sanitize('functions.Bash:0')).toEqual({ id: 'functions_Bash_0', changed: true });
  });
  it('gives the same answer for the same id (tool_use and tool_result stay paired)', () => {
    const sanitizer = new AnthropicToolUseIdSanitizer();
    const first = sanitizer.sanitize('functions.Bash:0');
    expect(sanitizer.sanitize('functions.Bash:0')).toEqual(first);
  });
  it('keeps different originals apart when they sanitise alike', () => {
    const sanitizer = new AnthropicToolUseIdSanitizer();
    const a = sanitizer.sanitize('call.1').id;
    const b = sanitizer.sanitize('call:1').id;
    const c = sanitizer.sanitize('call_1').id;
    expect(new Set([a, b, c]).size).toBe(3);
    for (const id of [a, b, c]) expect(id).toMatch(/^[a-zA-Z0-9_-]+$/);
  });
  it('replaces an empty id', () => {
    expect(new AnthropicToolUseIdSanitizer().sanitize('').id).toMatch(/^[a-zA-Z0-9_-]+$/);
  });
});

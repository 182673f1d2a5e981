import { describe, expect, it } from 'vitest';
import {
  convertOpenAIParametersToAnthropicInputSchema,
  convertOpenAIToolChoiceToAnthropic,
  convertOpenAIToolsToAnthropic,
  convertOpenAIWebSearchOptionsToAnthropic,
} from './convert-openai-tools-to-anthropic.js';
import type { RequestMappingState } from './request-mapping-failure.js';

const state = (): RequestMappingState => ({ warnings: [], strict: false });

describe('convertOpenAIToolsToAnthropic', () => {
  it('maps name, description and parameters; no parameters → an empty object schema', () => {
    expect(
      convertOpenAIToolsToAnthropic(
        [
          { type: 'function', function: { name: 'a', description: 'A', parameters: { type: 'object', properties: { x: { type: 'string' } } } } },
          { type: 'function', function: { name: 'b' } },
        ],
        state(),
        false,
      ),
    ).toEqual([
      { name: 'a', description: 'A', input_schema: { type: 'object', properties: { x: { type: 'string' } } } },
      { name: 'b', input_schema: { type: 'object', properties: {} } },
    ]);
  });
  it('keeps strict only where the model has strict tools', () => {
    const tool = { type: 'function' as const, function: { name: 'a', strict: true, parameters: { type: 'object' } } };
    expect(convertOpenAIToolsToAnthropic([tool], state(), true)[0]!.strict).toBe(true);
    const s = state();
    expect(convertOpenAIToolsToAnthropic([tool], s, false)[0]!.strict).toBeUndefined();
    expect(s.warnings[0]).toMatchObject({ code: 'parameter_dropped', param: 'tools[0].function.strict' });
  });
  it('rejects custom tools', () => {
    expect(() => convertOpenAIToolsToAnthropic([{ type: 'custom', custom: { name: 'c' } }], state(), false)).toThrow();
  });
});

describe('convertOpenAIParametersToAnthropicInputSchema', () => {
  it('adds the missing object type with a warning', () => {
    const s = state();
    expect(convertOpenAIParametersToAnthropicInputSchema({ properties: {} }, 'tools[0].function.parameters', s)).toEqual({ properties: {}, type: 'object' });
    expect(s.warnings[0]!.code).toBe('tool_schema_repaired');
  });
});

describe('convertOpenAIToolChoiceToAnthropic', () => {
  it.each([
    ['auto', undefined, { type: 'auto' }],
    ['required', undefined, { type: 'any' }],
    ['none', undefined, { type: 'none' }],
    [{ type: 'function', function: { name: 'f' } }, undefined, { type: 'tool', name: 'f' }],
    [undefined, false, { type: 'auto', disable_parallel_tool_use: true }],
    ['required', false, { type: 'any', disable_parallel_tool_use: true }],
    ['none', false, { type: 'none' }],
    [undefined, true, undefined],
    [undefined, undefined, undefined],
  ] as const)('%j with parallel_tool_calls %s → %j', (choice, parallel, expected) => {
    expect(convertOpenAIToolChoiceToAnthropic(choice as never, parallel).toolChoice).toEqual(expected);
  });
  it('restricts the tools for allowed_tools', () => {
    const result = convertOpenAIToolChoiceToAnthropic({ type: 'allowed_tools', allowed_tools: { mode: 'required', tools: [{ type: 'function', function: { name: 'f' } }] } }, undefined);
    expect(result.toolChoice).toEqual({ type: 'any' });
    expect([...result.allowedNames!]).toEqual(['f']);
  });
});

describe('convertOpenAIWebSearchOptionsToAnthropic', () => {
  it('maps context size to max_uses and the approximate location', () => {
    expect(
      convertOpenAIWebSearchOptionsToAnthropic({ search_context_size: 'high', user_location: { type: 'approximate', approximate: { city: 'Paris', country: 'FR' } } }),
    ).toEqual({ type: 'web_search_20250305', name: 'web_search', max_uses: 10, user_location: { type: 'approximate', city: 'Paris', country: 'FR' } });
    expect(convertOpenAIWebSearchOptionsToAnthropic({})).toEqual({ type: 'web_search_20250305', name: 'web_search' });
  });
});

import { describe, expect, it } from 'vitest';
import { applyGeminiPartialArgument, parseGeminiJsonPath, type PartialArgumentsAssembly } from './apply-gemini-partial-argument.js';

describe('parseGeminiJsonPath', () => {
  it.each([
    ['$.a', ['a']],
    ['$.recipe.ingredients[7].amount', ['recipe', 'ingredients', 7, 'amount']],
    ["$['with space'][0]", ['with space', 0]],
    ['$["q\\"uote"]', ['q"uote']],
    ['$', []],
  ])('%s', (path, segments) => {
    expect(parseGeminiJsonPath(path)).toEqual(segments);
  });
  it.each(['a.b', '$..a', '$.a[x]', '$[-1]', '$.a.'])('rejects %s', (path) => {
    expect(parseGeminiJsonPath(path)).toBeUndefined();
  });
});

describe('applyGeminiPartialArgument', () => {
  const fresh = (): PartialArgumentsAssembly => ({ args: {}, continuingPath: undefined });

  it('continues a string only while the previous piece of the same path said willContinue', () => {
    const assembly = fresh();
    applyGeminiPartialArgument(assembly, { jsonPath: '$.s', stringValue: 'ab', willContinue: true });
    applyGeminiPartialArgument(assembly, { jsonPath: '$.s', stringValue: 'cd', willContinue: true });
    applyGeminiPartialArgument(assembly, { jsonPath: '$.s', stringValue: '' });
    expect(assembly.args).toEqual({ s: 'abcd' });
    applyGeminiPartialArgument(assembly, { jsonPath: '$.s', stringValue: 'new' });
    expect(assembly.args).toEqual({ s: 'new' });
  });

  it('creates nested objects and arrays and fills array gaps with null', () => {
    const assembly = fresh();
    expect(applyGeminiPartialArgument(assembly, { jsonPath: '$.a[2].b', numberValue: 1 })).toBeUndefined();
    expect(assembly.args).toEqual({ a: [null, null, { b: 1 }] });
  });

  it('reports paths that contradict what was built, and entries without value', () => {
    const assembly = fresh();
    applyGeminiPartialArgument(assembly, { jsonPath: '$.a', stringValue: 'x' });
    expect(applyGeminiPartialArgument(assembly, { jsonPath: '$.a.b', stringValue: 'y' })).toMatch(/does not match/);
    expect(applyGeminiPartialArgument(assembly, { jsonPath: '$.c' })).toMatch(/no value/);
    expect(applyGeminiPartialArgument(assembly, { stringValue: 'x' })).toMatch(/no jsonPath/);
  });

  it('treats __proto__ as a plain key', () => {
    const assembly = fresh();
    applyGeminiPartialArgument(assembly, { jsonPath: "$['__proto__'].x", numberValue: 1 });
    expect(JSON.stringify(assembly.args)).toBe('{"__proto__":{"x":1}}');
    expect(({} as { x?: number }).x).toBeUndefined();
  });
});

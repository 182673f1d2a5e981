import { describe, expect, it } from 'vitest';
import { checkReplyParserAgreement, type SafeParseLike } from './check-reply-parser-agreement.js';

const accept = (input: unknown): SafeParseLike => ({ success: true, data: input });
const copyOf = (input: unknown): SafeParseLike => ({ success: true, data: JSON.parse(JSON.stringify(input)) });
const reject = (issues: unknown) => (): SafeParseLike => ({ success: false, error: { issues } });
const same = () => 'same answer';

describe('checkReplyParserAgreement', () => {
  it('finds nothing when the fast path returns the input and zod parses it to an equal value', () => {
    expect(checkReplyParserAgreement({ a: 1 }, { check: accept, oracle: copyOf, answers: same })).toEqual({ fast: true, problems: [] });
  });
  it('finds nothing when both reject with the same issues', () => {
    expect(checkReplyParserAgreement({ a: 1 }, { check: reject(['x']), oracle: reject(['x']), answers: same })).toEqual({ fast: false, problems: [] });
  });
  it('reports a fast path where zod rejects', () => {
    expect(checkReplyParserAgreement({ a: 1 }, { check: accept, oracle: reject([]), answers: same }).problems).toEqual(['the checker took the fast path where zod rejects']);
  });
  it('reports a rejection where zod accepts, and different issues', () => {
    expect(checkReplyParserAgreement({ a: 1 }, { check: reject([]), oracle: copyOf, answers: same }).problems).toEqual(['the checker rejects where zod accepts']);
    expect(checkReplyParserAgreement({ a: 1 }, { check: reject(['x']), oracle: reject(['y']), answers: same }).problems).toHaveLength(1);
  });
  it('reports a deferral to zod where zod\'s copy equals the input', () => {
    expect(checkReplyParserAgreement({ a: 1 }, { check: copyOf, oracle: copyOf, answers: same }).problems).toEqual(["the checker deferred to zod where zod's copy equals the input"]);
  });
  it('reports a mapper whose answers differ between the two paths', () => {
    const problems = checkReplyParserAgreement({ a: 1 }, { check: accept, oracle: copyOf, answers: (zodOnly) => (zodOnly ? 'zod' : 'fast') }).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('the mapper with the fast path against the mapper with zod alone');
  });
});

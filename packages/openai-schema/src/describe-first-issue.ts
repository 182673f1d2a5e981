import type { z } from 'zod/mini';
import { formatJsonPath } from './format-json-path.js';

/** The first validation problem of a payload: where it is and a sentence saying what is wrong. */
export interface FirstIssue {
  /** Path segments from the payload root. */
  path: PropertyKey[];
  /** `path` as a JSON path (`messages[2].content[0].image_url.url`); `''` for the root. */
  param: string;
  message: string;
}

type Issue = z.core.$ZodIssue;

/**
 * Reduces zod issues (parsed with `reportInput: true`) to the first problem, OpenAI style. Inside a union it
 * follows the branch that got deepest into the input, so a bad `image_url.url` is reported there rather than
 * as "invalid union" at `content`.
 */
export function describeFirstIssue(issues: readonly Issue[], subject = 'The request body'): FirstIssue {
  const found = locate(issues, []);
  if (!found) return { path: [], param: '', message: `${subject} is invalid.` };
  const param = formatJsonPath(found.path);
  return { path: found.path, param, message: found.describe(param === '' ? null : param, subject) };
}

interface Located {
  path: PropertyKey[];
  describe(param: string | null, subject: string): string;
}

function locate(issues: readonly Issue[], base: PropertyKey[]): Located | undefined {
  const issue = issues[0];
  if (!issue) return undefined;
  const path = [...base, ...issue.path];
  if (issue.code === 'invalid_union') {
    const discriminator = (issue as { discriminator?: unknown }).discriminator;
    const options = (issue as { options?: unknown }).options;
    if (issue.errors.length === 0 && typeof discriminator === 'string') {
      const value = readProperty(issue.input, discriminator);
      return {
        path,
        describe: (param, subject) =>
          value === undefined
            ? `Missing required parameter: '${param ?? discriminator}'.`
            : `Invalid value for '${param ?? subject}': expected one of ${listValues(options)}, but got ${describeValue(value)}.`,
      };
    }
    let best: Located | undefined;
    for (const branch of issue.errors) {
      const candidate = locate(branch, path);
      if (candidate && (!best || candidate.path.length > best.path.length)) best = candidate;
    }
    if (best && best.path.length > path.length) return best;
    const expected = issue.errors.map((branch) => (branch[0]?.code === 'invalid_type' ? branch[0].expected : undefined));
    if (expected.length > 0 && expected.every((e) => e !== undefined)) {
      return { path, describe: (param, subject) => typeMessage(param, subject, [...new Set(expected)].join(' or '), issue.input) };
    }
    return best ?? { path, describe: (param, subject) => `Invalid value for '${param ?? subject}'.` };
  }
  switch (issue.code) {
    case 'invalid_type':
      return { path, describe: (param, subject) => typeMessage(param, subject, issue.expected, issue.input) };
    case 'invalid_value':
      return {
        path,
        describe: (param, subject) =>
          `Invalid value for '${param ?? subject}': expected ${issue.values.length === 1 ? describeValue(issue.values[0]) : `one of ${listValues(issue.values)}`}, but got ${describeValue(issue.input)}.`,
      };
    case 'custom':
      return {
        path,
        describe: (param, subject) =>
          `Invalid '${param ?? subject}': ${lowerFirst(issue.message.replace(/^Invalid input: /, ''))}, but got ${describeValue(issue.input)}.`,
      };
    case 'too_small':
    case 'too_big':
      return {
        path,
        describe: (param, subject) =>
          `Invalid '${param ?? subject}': ${lowerFirst(issue.message)}${typeof issue.input === 'number' ? `, but got ${issue.input}` : ''}.`,
      };
    default:
      return { path, describe: (param, subject) => `Invalid '${param ?? subject}': ${lowerFirst(issue.message)}.` };
  }
}

function typeMessage(param: string | null, subject: string, expected: string, input: unknown): string {
  if (param === null) return `${subject} must be ${article(expected)}, but got ${describeType(input)}.`;
  if (input === undefined) return `Missing required parameter: '${param}'.`;
  return `Invalid type for '${param}': expected ${article(expected)}, but got ${describeType(input)}.`;
}

function readProperty(input: unknown, key: string): unknown {
  if (typeof input !== 'object' || input === null) return undefined;
  return Object.prototype.hasOwnProperty.call(input, key) ? (input as Record<string, unknown>)[key] : undefined;
}

function article(expected: string): string {
  return expected
    .split(' or ')
    .map((e) => (/^[aeiou]/.test(e) ? `an ${e}` : `a ${e}`))
    .join(' or ');
}

function describeType(input: unknown): string {
  if (input === null) return 'null';
  if (input === undefined) return 'nothing';
  if (Array.isArray(input)) return 'an array';
  if (typeof input === 'number') return Number.isInteger(input) ? 'an integer' : 'a number';
  return article(typeof input);
}

function describeValue(value: unknown): string {
  try {
    const text = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null
      ? JSON.stringify(value)
      : describeType(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return describeType(value);
  }
}

function listValues(values: unknown): string {
  return Array.isArray(values) ? values.map(describeValue).join(', ') : 'the supported values';
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

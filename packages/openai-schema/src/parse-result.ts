import * as z from 'zod/mini';
import { createOpenAIError } from './create-openai-error.js';
import { describeFirstIssue } from './describe-first-issue.js';
import type { OpenAIErrorEnvelope } from './openai-error-envelope.js';

/** The outcome of validating a payload: the typed value, or an OpenAI error ready to send. */
export type ParseResult<T, S extends number = 400> =
  | { ok: true; value: T }
  | { ok: false; status: S; error: OpenAIErrorEnvelope };

export interface ParseFailureStyle<S extends number> {
  status: S;
  type: string;
  code: string | null;
  /** Who the message talks about when the root itself is wrong, e.g. `The request body`. */
  subject: string;
  /** Prefix of every message, e.g. `Invalid upstream response: `. */
  prefix: string;
}

/** Validates with a zod schema and never throws: any failure (even inside zod) becomes an error result. */
export function parseWithSchema<T, S extends number>(
  schema: z.core.$ZodType<T>,
  json: unknown,
  style: ParseFailureStyle<S>,
): ParseResult<T, S> {
  try {
    const result = z.safeParse(schema, json, { reportInput: true });
    if (result.success) return { ok: true, value: result.data };
    const first = describeFirstIssue(result.error.issues, style.subject);
    const { body } = createOpenAIError(style.status, style.prefix + first.message, {
      type: style.type,
      param: first.param === '' ? null : first.param,
      code: style.code,
    });
    return { ok: false, status: style.status, error: body };
  } catch {
    const { body } = createOpenAIError(style.status, `${style.prefix}${style.subject} could not be validated.`, {
      type: style.type,
      code: style.code,
    });
    return { ok: false, status: style.status, error: body };
  }
}

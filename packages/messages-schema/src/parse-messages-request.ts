import * as z from 'zod/mini';
import { createMessagesError } from './create-messages-error.js';
import type { MessagesErrorEnvelope } from './message.js';
import type { MessagesCountTokensRequest, MessagesCreateRequest } from './messages-request.js';
import { messagesCountTokensRequestSchema, messagesCreateRequestSchema } from './messages-request-schema.js';

export type MessagesParseResult<T> =
  | { ok: true; value: T }
  | { ok: false; status: 400; error: MessagesErrorEnvelope; /** The offending field, Anthropic's dotted form (`messages.0.content.1.type`); `''` for the body. */ param: string };

type Issue = z.core.$ZodIssue;

/** Anthropic names fields as `messages.1.content.0.type` in its own error messages; so do these. */
export function formatMessagesPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** The deepest first issue (inside a union: the branch that got furthest into the input). */
function firstIssue(issues: readonly Issue[], base: PropertyKey[]): { path: PropertyKey[]; issue: Issue } | undefined {
  const issue = issues[0];
  if (!issue) return undefined;
  const path = [...base, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    let best: { path: PropertyKey[]; issue: Issue } | undefined;
    for (const branch of issue.errors) {
      const found = firstIssue(branch, path);
      if (found && (!best || found.path.length > best.path.length)) best = found;
    }
    if (best && best.path.length > path.length) return best;
  }
  return { path, issue };
}

function describe(issue: Issue, param: string): string {
  const where = param === '' ? 'request body' : param;
  const input = (issue as { input?: unknown }).input;
  if (issue.code === 'invalid_type' && input === undefined) return `${where}: Field required`;
  if (issue.code === 'invalid_union' && (issue as { discriminator?: unknown }).discriminator !== undefined) {
    const options = (issue as { options?: unknown[] }).options ?? [];
    return `${where}: Input tag ${JSON.stringify(input)} found using 'type' does not match any of the expected tags: ${options.map((o) => JSON.stringify(o)).join(', ')}`;
  }
  return `${where}: ${issue.message}`;
}

function parseWith<T>(schema: z.core.$ZodType, body: unknown): MessagesParseResult<T> {
  try {
    const result = z.safeParse(schema, body, { reportInput: true });
    if (result.success) return { ok: true, value: result.data as T };
    const found = firstIssue(result.error.issues, []);
    const param = found ? formatMessagesPath(found.path) : '';
    const message = found ? describe(found.issue, param) : 'request body: invalid';
    return { ok: false, status: 400, error: createMessagesError(400, message), param };
  } catch {
    return { ok: false, status: 400, error: createMessagesError(400, 'request body: could not be validated'), param: '' };
  }
}

/** Validates a `POST /v1/messages` body; a failure is Anthropic's 400 envelope naming the field. Never throws. */
export function parseMessagesCreateRequest(body: unknown): MessagesParseResult<MessagesCreateRequest> {
  return parseWith(messagesCreateRequestSchema(), body);
}

/** Validates a `POST /v1/messages/count_tokens` body. Never throws. */
export function parseMessagesCountTokensRequest(body: unknown): MessagesParseResult<MessagesCountTokensRequest> {
  return parseWith(messagesCountTokensRequestSchema(), body);
}

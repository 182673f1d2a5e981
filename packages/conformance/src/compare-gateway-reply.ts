import { accumulateOpenAIStream } from './accumulate-openai-stream.js';
import { checkOpenAIChunkGrammar } from './check-openai-chunk-grammar.js';
import { compareJsonValues, formatValueDifferences } from './compare-json-values.js';
import type { FixtureCase } from './fixture-case.js';
import { IdNormaliser, isErrorEnvelope, normaliseCompletion, type NormaliseOptions } from './normalise-openai-reply.js';
import { parseOpenAISse } from './parse-openai-sse.js';
import { compareResponsesReply } from './compare-responses-reply.js';
import { compareMessagesReply } from './compare-messages-reply.js';
import { checkJsonReply, type ObservedGatewayReply, type ReplyComparison } from './compare-client-reply.js';

export type { ObservedGatewayReply, ReplyComparison } from './compare-client-reply.js';

export interface CompareGatewayReplyOptions {
  /** Strict stream mode: also check the chunk grammar (see `checkOpenAIChunkGrammar`). */
  strictStreams?: boolean;
  /** Also compare non-standard fields and the error envelope's `type`, `param` and `code`. */
  extensions?: boolean;
  /** Maps the `model` the gateway answered with back to the client's model name (for targets that rename models). */
  restoreModel?: (model: string) => string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function upstreamText(fixtureCase: FixtureCase): string {
  const recorded = fixtureCase.upstreamResponse;
  if (!recorded) return '';
  return recorded.kind === 'sse' ? recorded.text : JSON.stringify(recorded.response.body);
}

/**
 * Error envelopes: `error.message` is compared when the expected message is the provider's own (found in the
 * recorded upstream reply), as a gateway should pass it on; a message the gateway writes itself is free text.
 * `type`, `param` and `code` are compared only with `extensions`. The envelope must have a non-empty string message.
 */
function prepareError(expected: unknown, actual: unknown, fixtureCase: FixtureCase, options: CompareGatewayReplyOptions): { expected: unknown; actual: unknown; problems: string[] } {
  const problems: string[] = [];
  if (!isErrorEnvelope(actual)) return { expected, actual, problems: ['the reply is not an OpenAI error envelope {error: {message, type, ...}}'] };
  const actualError = actual.error;
  if (typeof actualError.message !== 'string' || !actualError.message) problems.push('error.message is not a non-empty string');
  if (!isErrorEnvelope(expected)) return { expected, actual, problems };
  const expectedError = expected.error;
  if (options.extensions) {
    const pick = (error: Record<string, unknown>) => Object.fromEntries(['message', 'type', 'param', 'code'].map((key) => [key, error[key]]));
    return { expected: { error: pick(expectedError) }, actual: { error: pick(actualError) }, problems };
  }
  // The provider's own message must reach the client (a gateway may wrap it, e.g. with a prefix).
  const message = expectedError.message;
  if (typeof message === 'string' && upstreamText(fixtureCase).includes(JSON.stringify(message).slice(1, -1))) {
    if (typeof actualError.message !== 'string' || !actualError.message.includes(message)) {
      problems.push(`error.message does not carry the provider's message ${JSON.stringify(message.length > 120 ? `${message.slice(0, 117)}...` : message)}`);
    }
  }
  return { expected: { error: {} }, actual: { error: {} }, problems };
}

function restore(body: unknown, options: CompareGatewayReplyOptions): unknown {
  if (options.restoreModel && isObject(body) && typeof body.model === 'string') return { ...body, model: options.restoreModel(body.model) };
  return body;
}

function compareBodies(expected: unknown, actual: unknown, fixtureCase: FixtureCase, options: CompareGatewayReplyOptions, normalise: NormaliseOptions, at: string): ReplyComparison {
  let left = normaliseCompletion(expected, new IdNormaliser(), normalise);
  let right = normaliseCompletion(restore(actual, options), new IdNormaliser(), normalise);
  const problems: string[] = [];
  if (isErrorEnvelope(expected)) {
    const prepared = prepareError(left, right, fixtureCase, options);
    left = prepared.expected;
    right = prepared.actual;
    problems.push(...prepared.problems);
  }
  const differences = compareJsonValues(left, right, { nullEqualsAbsent: true }, at);
  if (differences.length) problems.push(`${at === '$' ? 'body' : at} differs from the expected reply`);
  return { problems, ...(differences.length ? { diff: formatValueDifferences(differences) } : {}) };
}

function requestIncludesUsage(request: unknown): boolean {
  return isObject(request) && isObject(request.stream_options) && request.stream_options.include_usage === true;
}

/**
 * Compares a gateway's reply with a case's expected OpenAI reply (pure). JSON replies: status, the listed headers
 * (other than content-type) and the body after normalisation (ids, `created`, fingerprints; `null` ≡ absent). Streams:
 * the accumulated message (what a client sees) and, in strict mode, the chunk grammar.
 */
export function compareGatewayReply(fixtureCase: FixtureCase, observed: ObservedGatewayReply, options: CompareGatewayReplyOptions = {}): ReplyComparison {
  if (fixtureCase.client === 'responses') return compareResponsesReply(fixtureCase, observed);
  if (fixtureCase.client === 'messages') return compareMessagesReply(fixtureCase, observed);
  const expected = fixtureCase.expectedResponse;
  const normalise: NormaliseOptions = { extensions: options.extensions === true };
  if (expected.kind === 'json') {
    const { problems, parsed } = checkJsonReply(expected.response, observed);
    if (!parsed) return { problems };
    const compared = compareBodies(expected.response.body, parsed.body, fixtureCase, options, normalise, '$');
    return { problems: [...problems, ...compared.problems], ...(compared.diff ? { diff: compared.diff } : {}) };
  }

  const problems: string[] = [];
  const contentType = observed.headers['content-type'] ?? '';
  const contentTypeProblem = contentType.includes('text/event-stream') ? [] : [`content-type: expected text/event-stream, got ${contentType || '(absent)'}`];
  if (observed.status !== 200) return { problems: [`status: expected 200 (a stream), got ${observed.status}`, ...contentTypeProblem], diff: observed.text.slice(0, 500) };
  // A wrong content type is reported beside what the stream says, not instead of it: the frames are still compared.
  problems.push(...contentTypeProblem);

  const expectedFrames = parseOpenAISse(expected.text);
  const actualFrames = parseOpenAISse(observed.text);
  const want = accumulateOpenAIStream(expectedFrames);
  const got = accumulateOpenAIStream(actualFrames);
  if (!requestIncludesUsage(fixtureCase.request)) {
    // Usage the client did not ask for is a grammar matter (strict mode), not a different message.
    delete want.completion.usage;
    delete got.completion.usage;
  }
  const diffs: string[] = [];
  if (got.invalid.length) problems.push(`${got.invalid.length} frame(s) are not JSON`);
  const message = compareBodies(want.completion, got.completion, fixtureCase, options, normalise, '$.accumulated');
  problems.push(...message.problems);
  if (message.diff) diffs.push(message.diff);
  if (want.errors.length !== got.errors.length) {
    problems.push(`error frames: expected ${want.errors.length}, got ${got.errors.length}`);
  } else {
    want.errors.forEach((error, index) => {
      const compared = compareBodies(error, got.errors[index], fixtureCase, options, normalise, `$.errorFrames[${index}]`);
      problems.push(...compared.problems);
      if (compared.diff) diffs.push(compared.diff);
    });
  }
  if (options.strictStreams) {
    const grammar = checkOpenAIChunkGrammar(actualFrames, {
      includeUsage: requestIncludesUsage(fixtureCase.request),
      expectedEnding: want.done ? 'done' : 'error',
    });
    problems.push(...grammar.map((problem) => `strict: ${problem}`));
  }
  return { problems, ...(diffs.length ? { diff: diffs.join('\n') } : {}) };
}

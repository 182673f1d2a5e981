import { createOpenAIError, type OpenAIErrorResponse } from '@interlingua/openai-schema';
import type { Deadline } from './create-deadline.js';
import { concatBytes } from './concat-bytes.js';
import type { GatewayRequest } from './gateway-exchange.js';
import { NOTHING_TO_UNDO } from './lazy-abort-controller.js';
import { openByteReader, readByteReader, type ByteReader, type ByteReadResult } from './open-byte-reader.js';

/** Decodes whole bodies only (never `stream: true`), so one decoder serves every request. */
const decoder = new TextDecoder();

/** A request body read whole: its text and what it parses to (`json`). */
export interface RequestBodyJson {
  json: unknown;
  /** The decoded text `json` was parsed from: a passthrough forwards it (`forwardJsonWithModel`). */
  text: string;
}

export type ReadRequestBodyResult = ({ ok: true } & RequestBodyJson) | { ok: false; error: OpenAIErrorResponse };

/**
 * Reads and parses a JSON request body, stopping at `maxBytes` (413) without buffering past the limit; invalid JSON
 * is a 400. A client still sending when the request's deadline passes gets a 408.
 */
export function readRequestBody(request: GatewayRequest, maxBytes: number, deadline?: Deadline): Promise<ReadRequestBodyResult> {
  const declared = Number(request.header('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve(tooLarge(maxBytes));
  const body = request.body;
  if (!body) return Promise.resolve({ ok: false, error: createOpenAIError(400, 'The request body is empty; send a JSON object.') });
  return new Promise((resolve) => new RequestBodyRead(body, maxBytes, deadline, resolve).readNext());
}

function tooLarge(maxBytes: number): ReadRequestBodyResult {
  return {
    ok: false,
    error: createOpenAIError(413, `The request body is larger than the limit of ${maxBytes} bytes.`, { code: 'request_too_large' }),
  };
}

/**
 * One body read: its state and a callback pair for the reads, with one deadline callback (`onExpire`) for the
 * whole body, rather than a race and a promise per read.
 */
class RequestBodyRead {
  private readonly reader: ByteReader;
  private readonly parts: Uint8Array[] = [];
  private size = 0;
  private over = false;
  private readonly stopWatching: () => void;

  constructor(
    body: NonNullable<GatewayRequest['body']>,
    private readonly maxBytes: number,
    private readonly deadline: Deadline | undefined,
    private readonly resolve: (result: ReadRequestBodyResult) => void,
  ) {
    this.reader = openByteReader(body);
    // An expired deadline: the first read says so (onExpire would call back before this read is set up).
    this.stopWatching = deadline && !deadline.expired ? deadline.onExpire(this.onExpire) : NOTHING_TO_UNDO;
  }

  readNext(): void {
    if (this.deadline?.expired) {
      this.fail(this.timedOut());
      return;
    }
    readByteReader(this.reader, this.onRead, this.onReadFailed);
  }

  private readonly onRead = (next: ByteReadResult): void => {
    if (this.over) return;
    if (next.done) {
      this.over = true;
      this.stopWatching();
      this.resolve(parseJson(this.parts, this.size));
      return;
    }
    this.size += next.value.byteLength;
    if (this.size > this.maxBytes) {
      this.fail(tooLarge(this.maxBytes));
      return;
    }
    this.parts.push(next.value);
    this.readNext();
  };

  private readonly onReadFailed = (): void => {
    this.fail({ ok: false, error: createOpenAIError(400, 'The request body could not be read.', { code: 'invalid_body' }) });
  };

  /** The client still sending when the deadline passes: 408, whatever the read in flight still does. */
  private readonly onExpire = (): void => {
    this.fail(this.timedOut());
  };

  private timedOut(): ReadRequestBodyResult {
    return {
      ok: false,
      error: createOpenAIError(408, `The request body did not arrive within ${this.deadline!.timeoutMs} ms.`, { type: 'timeout_error', code: 'request_timeout' }),
    };
  }

  /** Ends the read with `result` and stops the body (the rest is not read; a source slow to stop does not hold the reply). */
  private fail(result: ReadRequestBodyResult): void {
    if (this.over) return;
    this.over = true;
    this.stopWatching();
    void this.reader.cancel();
    this.resolve(result);
  }
}

function parseJson(parts: readonly Uint8Array[], size: number): ReadRequestBodyResult {
  try {
    // One chunk (the common case) is decoded where it is, without a copy.
    const text = decoder.decode(parts.length === 1 ? parts[0] : concatBytes(parts, size));
    return { ok: true, json: JSON.parse(text), text };
  } catch (error) {
    return {
      ok: false,
      error: createOpenAIError(400, `The request body is not valid JSON: ${(error as Error).message}`, { code: 'invalid_json' }),
    };
  }
}

import { createOpenAIError, type OpenAIErrorResponse } from '@interlingua/openai-schema';
import type { Deadline } from './create-deadline.js';
import { concatBytes } from './concat-bytes.js';
import type { GatewayRequest } from './gateway-exchange.js';
import { openByteReader, type ByteReader, type ByteReadResult } from './open-byte-reader.js';

/** Decodes whole bodies only (never `stream: true`), so one decoder serves every request. */
const decoder = new TextDecoder();

export type ReadRequestBodyResult = { ok: true; json: unknown } | { ok: false; error: OpenAIErrorResponse };

/**
 * Reads and parses a JSON request body, stopping at `maxBytes` (413) without buffering past the limit; invalid JSON
 * is a 400. A client still sending when the request's deadline passes gets a 408.
 */
export async function readRequestBody(request: GatewayRequest, maxBytes: number, deadline?: Deadline): Promise<ReadRequestBodyResult> {
  const declared = Number(request.header('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge(maxBytes);
  if (!request.body) return { ok: false, error: createOpenAIError(400, 'The request body is empty; send a JSON object.') };
  const reader = openByteReader(request.body);
  if (!deadline) return readJson(reader, maxBytes, () => reader.read());
  let stopWaiting = (): void => {};
  const expired = new Promise<never>((_resolve, reject) => {
    stopWaiting = deadline.onExpire(() => reject(new Error('request timeout')));
  });
  try {
    const result = await readJson(reader, maxBytes, () => Promise.race([reader.read(), expired]));
    if (!result.ok && deadline.expired && result.error.body.error.code === 'invalid_body') {
      return {
        ok: false,
        error: createOpenAIError(408, `The request body did not arrive within ${deadline.timeoutMs} ms.`, { type: 'timeout_error', code: 'request_timeout' }),
      };
    }
    return result;
  } finally {
    stopWaiting();
  }
}

function tooLarge(maxBytes: number): ReadRequestBodyResult {
  return {
    ok: false,
    error: createOpenAIError(413, `The request body is larger than the limit of ${maxBytes} bytes.`, { code: 'request_too_large' }),
  };
}

async function readJson(reader: ByteReader, maxBytes: number, read: () => Promise<ByteReadResult>): Promise<ReadRequestBodyResult> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let next: ByteReadResult;
    try {
      next = await read();
    } catch {
      await reader.cancel();
      return { ok: false, error: createOpenAIError(400, 'The request body could not be read.', { code: 'invalid_body' }) };
    }
    if (next.done) break;
    size += next.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return tooLarge(maxBytes);
    }
    parts.push(next.value);
  }
  try {
    // One chunk (the common case) is decoded where it is, without a copy.
    return { ok: true, json: JSON.parse(decoder.decode(parts.length === 1 ? parts[0] : concatBytes(parts, size))) };
  } catch (error) {
    return {
      ok: false,
      error: createOpenAIError(400, `The request body is not valid JSON: ${(error as Error).message}`, { code: 'invalid_json' }),
    };
  }
}

import { createOpenAIError, type OpenAIErrorResponse } from '@interlingua/openai-schema';
import { whenAborted, type Deadline } from './create-deadline.js';
import { concatBytes } from './concat-bytes.js';
import type { GatewayRequest } from './gateway-exchange.js';
import { openByteReader, type ByteReadResult } from './open-byte-reader.js';

export type ReadRequestBodyResult = { ok: true; json: unknown } | { ok: false; error: OpenAIErrorResponse };

/**
 * Reads and parses a JSON request body, stopping at `maxBytes` (413) without buffering past the limit; invalid JSON
 * is a 400. A client still sending when the request's deadline passes gets a 408.
 */
export async function readRequestBody(request: GatewayRequest, maxBytes: number, deadline?: Deadline): Promise<ReadRequestBodyResult> {
  const tooLarge = (): ReadRequestBodyResult => ({
    ok: false,
    error: createOpenAIError(413, `The request body is larger than the limit of ${maxBytes} bytes.`, { code: 'request_too_large' }),
  });
  const declared = Number(request.header('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge();
  if (!request.body) return { ok: false, error: createOpenAIError(400, 'The request body is empty; send a JSON object.') };

  const reader = openByteReader(request.body);
  const parts: Uint8Array[] = [];
  let size = 0;
  const expired = deadline ? whenAborted(deadline.signal) : undefined;
  for (;;) {
    let next: ByteReadResult;
    try {
      next = await (expired ? Promise.race([reader.read(), expired]) : reader.read());
    } catch {
      await reader.cancel();
      if (deadline?.expired) {
        return {
          ok: false,
          error: createOpenAIError(408, `The request body did not arrive within ${deadline.timeoutMs} ms.`, { type: 'timeout_error', code: 'request_timeout' }),
        };
      }
      return { ok: false, error: createOpenAIError(400, 'The request body could not be read.', { code: 'invalid_body' }) };
    }
    const { done, value } = next;
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return tooLarge();
    }
    parts.push(value);
  }
  const bytes = concatBytes(parts, size);
  try {
    return { ok: true, json: JSON.parse(new TextDecoder().decode(bytes)) };
  } catch (error) {
    return {
      ok: false,
      error: createOpenAIError(400, `The request body is not valid JSON: ${(error as Error).message}`, { code: 'invalid_json' }),
    };
  }
}

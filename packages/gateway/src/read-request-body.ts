import { createOpenAIError, type OpenAIErrorResponse } from '@interlingua/openai-schema';

export type ReadRequestBodyResult = { ok: true; json: unknown } | { ok: false; error: OpenAIErrorResponse };

/**
 * Reads and parses a JSON request body, stopping at `maxBytes` (413) without buffering past the limit; invalid JSON
 * is a 400.
 */
export async function readRequestBody(request: Request, maxBytes: number): Promise<ReadRequestBodyResult> {
  const tooLarge = (): ReadRequestBodyResult => ({
    ok: false,
    error: createOpenAIError(413, `The request body is larger than the limit of ${maxBytes} bytes.`, { code: 'request_too_large' }),
  });
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge();
  if (!request.body) return { ok: false, error: createOpenAIError(400, 'The request body is empty; send a JSON object.') };

  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return tooLarge();
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  try {
    return { ok: true, json: JSON.parse(new TextDecoder().decode(bytes)) };
  } catch (error) {
    return {
      ok: false,
      error: createOpenAIError(400, `The request body is not valid JSON: ${(error as Error).message}`, { code: 'invalid_json' }),
    };
  }
}

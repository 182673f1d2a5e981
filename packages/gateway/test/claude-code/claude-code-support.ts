/**
 * Shared by the live Claude Code test and the replay of its recorded requests: a mock Gemini that answers like
 * Gemini 3 (a `Read` function call with a thought signature when a prompt asks about note.txt, a text answer
 * quoting the tool result after it, "Hello from Gemini." otherwise), and the redaction of recorded requests.
 */
export interface RecordedClientRequest {
  method: string;
  path: string;
  auth: 'x-api-key' | 'authorization';
  headers: Record<string, string>;
  body: unknown;
}

export interface MockGeminiRequest {
  path: string;
  body: Record<string, unknown>;
}

/** The thought signature the mock puts on its function call (base64 of `sig-read`). */
export const MOCK_SIGNATURE = 'c2lnLXJlYWQ=';

export function createMockGemini() {
  const requests: MockGeminiRequest[] = [];
  const handler = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const body = JSON.parse(await request.text()) as Record<string, unknown>;
    requests.push({ path: url.pathname + url.search, body });
    const text = JSON.stringify(body);
    let parts: unknown[];
    let finishReason = 'STOP';
    const response = /"functionResponse":\{"name":"Read","response":(\{.*?\})\}/.exec(text);
    if (response) {
      const word = /secret word is ([A-Z]+)/.exec(response[1]!)?.[1] ?? 'unknown';
      parts = [{ text: `The secret word is ${word}.` }];
    } else if (text.includes('note.txt') && text.includes('"name":"Read"')) {
      const cwd = /Primary working directory: ([^\s\\"]+)/.exec(text)?.[1] ?? '.';
      parts = [{ functionCall: { name: 'Read', args: { file_path: `${cwd}/note.txt` } }, thoughtSignature: MOCK_SIGNATURE }];
    } else {
      parts = [{ text: 'Hello from Gemini.' }];
    }
    const reply = { candidates: [{ content: { role: 'model', parts }, finishReason, index: 0 }], usageMetadata: { promptTokenCount: 1000, candidatesTokenCount: 12, totalTokenCount: 1012 }, modelVersion: 'gemini-3-pro-preview' };
    if (url.pathname.endsWith(':countTokens')) return Response.json({ totalTokens: 1000 });
    if (url.pathname.endsWith(':streamGenerateContent')) {
      return new Response(`data: ${JSON.stringify(reply)}\r\n\r\n`, { headers: { 'content-type': 'text/event-stream' } });
    }
    return Response.json(reply);
  };
  return { handler, requests };
}

const KEEP_TEXT = 400;

function redactText(text: string, what: string): string {
  return text.length <= KEEP_TEXT ? text : `[redacted: ${text.length} characters of ${what}]`;
}

/**
 * Claude Code's system prompt, tool descriptions and long reminders are Anthropic's text: a recording keeps their
 * place and length, not their words. Everything else (fields, betas, tool names and input schemas, thinking, the
 * tool round) is kept as sent.
 */
export function redactClaudeCodeRequest(request: RecordedClientRequest): RecordedClientRequest {
  const body = structuredClone(request.body) as Record<string, unknown> | null;
  if (body && typeof body === 'object') {
    if (Array.isArray(body['system'])) {
      for (const block of body['system'] as Array<Record<string, unknown>>) if (typeof block['text'] === 'string') block['text'] = redactText(block['text'], "Claude Code's system prompt");
    } else if (typeof body['system'] === 'string') body['system'] = redactText(body['system'], "Claude Code's system prompt");
    for (const tool of (body['tools'] ?? []) as Array<Record<string, unknown>>) {
      if (typeof tool['description'] === 'string') tool['description'] = redactText(tool['description'], 'a tool description');
      const schema = tool['input_schema'] as { properties?: Record<string, Record<string, unknown>> } | undefined;
      for (const property of Object.values(schema?.properties ?? {})) {
        if (typeof property['description'] === 'string') property['description'] = redactText(property['description'], 'a parameter description');
      }
    }
    for (const message of (body['messages'] ?? []) as Array<Record<string, unknown>>) {
      if (typeof message['content'] === 'string') message['content'] = redactText(message['content'], 'a Claude Code reminder');
      for (const block of Array.isArray(message['content']) ? (message['content'] as Array<Record<string, unknown>>) : []) {
        if (typeof block['text'] === 'string') block['text'] = redactText(block['text'], 'a Claude Code reminder');
      }
    }
  }
  return { ...request, body };
}

import { REPLAY_RECORDINGS } from './replay-recordings.js';
import type { ReplayRecording } from './replay-recording.js';

export interface ReplayFetchOptions {
  /** Pause between streamed events, so a client sees a stream arrive (default 15 ms; 0 for tests). */
  eventIntervalMs?: number;
  recordings?: readonly ReplayRecording[];
}

function describeRequest(url: string, body: unknown): { provider: 'anthropic' | 'gemini'; stream: boolean; tools: boolean } | null {
  const { pathname } = new URL(url);
  const request = (typeof body === 'object' && body !== null ? body : {}) as { stream?: unknown; tools?: unknown; messages?: unknown; contents?: unknown };
  // A tool-calling reply fits a request that offers tools, unless it just answered a call (then a text reply fits).
  const turns = (Array.isArray(request.messages) ? request.messages : Array.isArray(request.contents) ? request.contents : []) as unknown[];
  const lastTurn = JSON.stringify(turns[turns.length - 1] ?? {});
  const answeredCall = lastTurn.includes('"tool_result"') || lastTurn.includes('"functionResponse"');
  const tools = Array.isArray(request.tools) && request.tools.length > 0 && !answeredCall;
  if (pathname.endsWith('/v1/messages')) return { provider: 'anthropic', stream: request.stream === true, tools };
  if (pathname.includes(':streamGenerateContent')) return { provider: 'gemini', stream: true, tools };
  if (pathname.includes(':generateContent')) return { provider: 'gemini', stream: false, tools };
  return null;
}

function splitEvents(body: string): string[] {
  const events = body.split(/(?<=\r\n\r\n|\n\n)/);
  return events.filter((event) => event.length > 0);
}

/**
 * A `fetch` that answers Anthropic and Gemini requests from recorded replies, in the provider's own wire format, so
 * the whole path (map the request, call the "upstream", translate the reply) runs offline with no key. It picks the
 * recording of the same provider and mode (stream or not) that matches whether the request offered tools.
 */
export function createReplayFetch(options: ReplayFetchOptions = {}): typeof fetch {
  const recordings = options.recordings ?? REPLAY_RECORDINGS;
  const interval = options.eventIntervalMs ?? 15;
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    let body: unknown = null;
    try {
      body = JSON.parse(typeof init?.body === 'string' ? init.body : '{}');
    } catch {
      body = null;
    }
    const wanted = describeRequest(url, body);
    const candidates = recordings.filter((r) => wanted && r.provider === wanted.provider && r.stream === wanted.stream);
    const recording = candidates.find((r) => r.tools === wanted?.tools) ?? candidates[0];
    if (!wanted || !recording) {
      return new Response(JSON.stringify({ error: { message: 'No recording to replay for this request.' } }), {
        status: 404,
        headers: { 'content-type': 'application/json' },
      });
    }
    if (!recording.stream) {
      return new Response(recording.body, { status: 200, headers: { 'content-type': 'application/json' } });
    }
    const encoder = new TextEncoder();
    const events = splitEvents(recording.body);
    const signal = init?.signal;
    let index = 0;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (signal?.aborted || index >= events.length) {
          controller.close();
          return;
        }
        if (index > 0 && interval > 0) await new Promise((resolve) => setTimeout(resolve, interval));
        controller.enqueue(encoder.encode(events[index++]!));
      },
    });
    return new Response(stream, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  }) as typeof fetch;
}

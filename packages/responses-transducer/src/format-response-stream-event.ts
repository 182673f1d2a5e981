import type { ResponseStreamEvent } from '@interlingua/responses-schema';

/** One Responses stream event as SSE: `event: <type>` and one `data:` line, as OpenAI sends them. */
export function formatResponseStreamEvent(event: ResponseStreamEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

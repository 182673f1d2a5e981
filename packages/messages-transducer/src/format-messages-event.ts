import type { MessagesStreamEvent } from '@interlingua/messages-schema';

/** One event as Anthropic frames it: `event: <type>\ndata: <json>\n\n`. */
export function formatMessagesEvent(event: MessagesStreamEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * The keep-alive event (`event: ping`, `{"type": "ping"}`), which Anthropic sends "any number" of times in a stream.
 * The transducer never invents time: the gateway calls this when the upstream has been quiet for a while.
 */
export function createPingEvent(): string {
  return formatMessagesEvent({ type: 'ping' });
}

/**
 * The Messages stream grammar (Anthropic's streaming page): `message_start` first; blocks one at a time with
 * indices 0, 1, 2, …, each `content_block_start` → deltas of its own kind → `content_block_stop`; then
 * `message_delta` and exactly one `message_stop` — or an `error` event, after which nothing comes. `ping` anywhere.
 * Returns the problems found (empty when the stream is well formed).
 */
/** One parsed Messages stream event (its JSON payload). */
export type MessagesSseEvent = { type: string; [key: string]: unknown };

export function checkMessagesEventGrammar(events: MessagesSseEvent[]): string[] {
  const problems: string[] = [];
  const deltaFor: Record<string, string[]> = {
    text: ['text_delta', 'citations_delta'],
    thinking: ['thinking_delta', 'signature_delta'],
    redacted_thinking: [],
    tool_use: ['input_json_delta'],
  };
  let started = false;
  let open: { index: number; kind: string } | null = null;
  let nextIndex = 0;
  let delta = false;
  let stops = 0;
  let ended = false;
  events.forEach((event, position) => {
    const at = `event ${position} (${event.type})`;
    if (ended) problems.push(`${at}: after the end`);
    if (event.type === 'ping') return;
    if (event.type === 'error') {
      ended = true;
      return;
    }
    if (event.type === 'message_start') {
      if (started) problems.push(`${at}: second message_start`);
      started = true;
      return;
    }
    if (!started) problems.push(`${at}: before message_start`);
    switch (event.type) {
      case 'content_block_start': {
        const block = event['content_block'] as { type: string };
        if (open) problems.push(`${at}: block ${open.index} still open`);
        if (delta) problems.push(`${at}: after message_delta`);
        if (event['index'] !== nextIndex) problems.push(`${at}: index ${String(event['index'])}, expected ${nextIndex}`);
        open = { index: nextIndex++, kind: block.type };
        break;
      }
      case 'content_block_delta': {
        const kind = (event['delta'] as { type: string }).type;
        if (!open || event['index'] !== open.index) problems.push(`${at}: delta for a block that is not open`);
        else if (!(deltaFor[open.kind] ?? []).includes(kind)) problems.push(`${at}: ${kind} on a ${open.kind} block`);
        if (kind === 'input_json_delta' && (event['delta'] as { partial_json: string }).partial_json === '') problems.push(`${at}: empty input_json_delta`);
        break;
      }
      case 'content_block_stop':
        if (!open || event['index'] !== open.index) problems.push(`${at}: stop for a block that is not open`);
        open = null;
        break;
      case 'message_delta':
        if (open) problems.push(`${at}: block still open`);
        delta = true;
        break;
      case 'message_stop':
        if (!delta) problems.push(`${at}: no message_delta before it`);
        stops++;
        ended = true;
        break;
      default:
        problems.push(`${at}: unknown event`);
    }
  });
  if (!ended) problems.push('the stream has neither message_stop nor error');
  if (stops > 1) problems.push(`${stops} message_stop events`);
  return problems;
}

/** Parses `event:`/`data:` framed Messages SSE text into its JSON events (checking the two names agree). */
export function parseMessagesSse(text: string): MessagesSseEvent[] {
  const events: MessagesSseEvent[] = [];
  for (const frame of text.split('\n\n')) {
    const lines = frame.split('\n').filter((line) => !line.startsWith(':'));
    if (lines.every((line) => line.trim() === '')) continue;
    const name = lines.find((l) => l.startsWith('event: '))?.slice(7);
    const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
    const event = JSON.parse(data) as { type: string };
    if (event.type !== name) throw new Error(`event name ${String(name)} differs from type ${event.type}`);
    events.push(event);
  }
  return events;
}

/**
 * The Responses stream grammar, checked on a list of decoded events (the `data:` JSON of each SSE event, with the
 * SSE `event:` name when given). Returns the violations (empty when the stream is well formed):
 *
 * - `sequence_number` is 0, 1, 2, … without gaps; `event:` names equal the payload's `type`;
 * - `response.created` first, `response.in_progress` second (when present), exactly one terminal event
 *   (`response.completed` / `response.incomplete` / `response.failed`), last, with the matching status;
 * - every output item is added once at the next `output_index` and done once, with the same id; deltas and parts
 *   refer to an item that is open; content parts are added at the next `content_index` and done before the item;
 * - each `*.done` text equals the concatenation of its deltas; the terminal Response's output has one item per
 *   added item, equal to the item of its `output_item.done`.
 */
export interface ResponsesStreamEvent {
  type: string;
  sequence_number: number;
  [key: string]: unknown;
}

const TERMINAL: Record<string, string> = { 'response.completed': 'completed', 'response.incomplete': 'incomplete', 'response.failed': 'failed' };

interface ItemTrack {
  id: string;
  done: boolean;
  item?: unknown;
  parts: Array<{ done: boolean; text: string }>;
  summaries: Array<{ done: boolean; text: string }>;
  args: string;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function checkResponsesEventGrammar(events: ReadonlyArray<{ event?: string; data: ResponsesStreamEvent }>): string[] {
  const problems: string[] = [];
  const items: ItemTrack[] = [];
  let terminal = -1;
  events.forEach(({ event: name, data }, i) => {
    const at = `event ${i} (${data?.type})`;
    if (data.sequence_number !== i) problems.push(`${at}: sequence_number ${data.sequence_number}, expected ${i}`);
    if (name !== undefined && name !== data.type) problems.push(`${at}: SSE event name '${name}' differs from type`);
    if (terminal >= 0) problems.push(`${at}: after the terminal event`);
    if (i === 0 && data.type !== 'response.created') problems.push(`${at}: the first event must be response.created`);
    if (i > 0 && data.type === 'response.created') problems.push(`${at}: a second response.created`);
    if (TERMINAL[data.type]) {
      terminal = i;
      const status = (data.response as { status?: string } | undefined)?.status;
      if (status !== TERMINAL[data.type]) problems.push(`${at}: response.status '${status}'`);
      const output = ((data.response as { output?: unknown[] } | undefined)?.output ?? []) as unknown[];
      if (output.length !== items.length) problems.push(`${at}: ${output.length} output items, ${items.length} were added`);
      items.forEach((track, index) => {
        if (!track.done) problems.push(`${at}: output item ${index} was never done`);
        else if (stableJson(output[index]) !== stableJson(track.item)) problems.push(`${at}: output[${index}] differs from its output_item.done`);
      });
      return;
    }
    const index = data.output_index as number | undefined;
    const track = index === undefined ? undefined : items[index];
    const needOpen = (): ItemTrack | undefined => {
      if (!track) problems.push(`${at}: output_index ${index} was not added`);
      else if (track.done) problems.push(`${at}: output_index ${index} is already done`);
      else if (data.item_id !== undefined && data.item_id !== track.id) problems.push(`${at}: item_id ${String(data.item_id)} is not ${track.id}`);
      return track;
    };
    switch (data.type) {
      case 'response.created':
        break;
      case 'response.in_progress':
        if (i !== 1) problems.push(`${at}: response.in_progress must come second`);
        break;
      case 'response.output_item.added': {
        if (index !== items.length) problems.push(`${at}: output_index ${index}, expected ${items.length}`);
        const id = (data.item as { id?: string }).id ?? '';
        items.push({ id, done: false, parts: [], summaries: [], args: '' });
        break;
      }
      case 'response.output_item.done': {
        const open = needOpen();
        if (open) {
          if (open.parts.some((p) => !p.done)) problems.push(`${at}: a content part is still open`);
          if (open.summaries.some((p) => !p.done)) problems.push(`${at}: a summary part is still open`);
          open.done = true;
          open.item = data.item;
        }
        break;
      }
      case 'response.content_part.added': {
        const open = needOpen();
        if (open) {
          if (data.content_index !== open.parts.length) problems.push(`${at}: content_index ${String(data.content_index)}, expected ${open.parts.length}`);
          if (open.parts.some((p) => !p.done)) problems.push(`${at}: the previous content part is still open`);
          open.parts.push({ done: false, text: '' });
        }
        break;
      }
      case 'response.output_text.delta':
      case 'response.refusal.delta':
      case 'response.reasoning_text.delta': {
        const part = needOpen()?.parts[data.content_index as number];
        if (!part || part.done) problems.push(`${at}: content part ${String(data.content_index)} is not open`);
        else part.text += String(data.delta);
        break;
      }
      case 'response.output_text.done':
      case 'response.refusal.done':
      case 'response.reasoning_text.done': {
        const part = needOpen()?.parts[data.content_index as number];
        const text = data.type === 'response.refusal.done' ? data.refusal : data.text;
        if (!part || part.done) problems.push(`${at}: content part ${String(data.content_index)} is not open`);
        else if (part.text !== text) problems.push(`${at}: done text differs from its deltas`);
        break;
      }
      case 'response.output_text.annotation.added': {
        const part = needOpen()?.parts[data.content_index as number];
        if (!part || part.done) problems.push(`${at}: content part ${String(data.content_index)} is not open`);
        break;
      }
      case 'response.content_part.done': {
        const part = needOpen()?.parts[data.content_index as number];
        if (!part || part.done) problems.push(`${at}: content part ${String(data.content_index)} is not open`);
        else part.done = true;
        break;
      }
      case 'response.reasoning_summary_part.added': {
        const open = needOpen();
        if (open) {
          if (data.summary_index !== open.summaries.length) problems.push(`${at}: summary_index ${String(data.summary_index)}, expected ${open.summaries.length}`);
          open.summaries.push({ done: false, text: '' });
        }
        break;
      }
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_summary_text.done':
      case 'response.reasoning_summary_part.done': {
        const part = needOpen()?.summaries[data.summary_index as number];
        if (!part || part.done) problems.push(`${at}: summary part ${String(data.summary_index)} is not open`);
        else if (data.type === 'response.reasoning_summary_text.delta') part.text += String(data.delta);
        else if (data.type === 'response.reasoning_summary_text.done' && part.text !== data.text) problems.push(`${at}: done text differs from its deltas`);
        else if (data.type === 'response.reasoning_summary_part.done') part.done = true;
        break;
      }
      case 'response.function_call_arguments.delta': {
        const open = needOpen();
        if (open) open.args += String(data.delta);
        break;
      }
      case 'response.function_call_arguments.done': {
        const open = needOpen();
        if (open && open.args !== data.arguments) problems.push(`${at}: arguments differ from their deltas`);
        break;
      }
      default:
        problems.push(`${at}: an event type this grammar does not expect`);
    }
  });
  if (terminal < 0) problems.push('no terminal event (response.completed, response.incomplete or response.failed)');
  return problems;
}

/** Splits Responses SSE text into events: `{event, data}` with `data` parsed as JSON. */
export function parseResponsesSse(text: string): Array<{ event?: string; data: ResponsesStreamEvent }> {
  const events: Array<{ event?: string; data: ResponsesStreamEvent }> = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    let name: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) name = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length) events.push({ ...(name === undefined ? {} : { event: name }), data: JSON.parse(data.join('\n')) });
  }
  return events;
}

import type { ResponseInputItem } from '@interlingua/responses-schema';
import type { ResponseItemResource } from './response-store.js';

/**
 * A request's `input` as the items `GET /v1/responses/{id}/input_items` lists: a string is one user message;
 * messages get `type: 'message'`, parts for string content, an id (`msg_<base>_in<n>` when the client gave none)
 * and a status; function calls and outputs get ids and a status; reasoning items keep theirs.
 */
export function toItemResources(input: string | readonly ResponseInputItem[] | undefined, base: string): ResponseItemResource[] {
  const items: readonly ResponseInputItem[] = typeof input === 'string' ? [{ role: 'user', content: input }] : (input ?? []);
  return items.map((item, i) => {
    const id = typeof item.id === 'string' && item.id !== '' ? item.id : undefined;
    switch (item.type) {
      case undefined:
      case 'message': {
        const assistant = item.role === 'assistant';
        const content =
          typeof item.content === 'string'
            ? [assistant ? { type: 'output_text', text: item.content, annotations: [], logprobs: [] } : { type: 'input_text', text: item.content }]
            : item.content.map((part) => (part.type === 'output_text' ? { annotations: [], logprobs: [], ...part } : part));
        return { ...item, type: 'message', id: id ?? `msg_${base}_in${i}`, status: item.status ?? 'completed', content };
      }
      case 'function_call':
        return { ...item, id: id ?? `fc_${base}_in${i}`, status: item.status ?? 'completed' };
      case 'function_call_output':
        return { ...item, id: id ?? `fco_${base}_in${i}`, status: item.status ?? 'completed' };
      case 'reasoning':
        return { ...item, id: id ?? `rs_${base}_in${i}` };
      default:
        return { ...item, id: id ?? `item_${base}_in${i}` };
    }
  });
}

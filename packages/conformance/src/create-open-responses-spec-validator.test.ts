import { describe, expect, it } from 'vitest';
import { createOpenResponsesSpecValidator } from './create-open-responses-spec-validator.js';
import { readVendoredSpec } from './fixtures-root.js';

// The samples are written by hand from the vendored document (specs/open-responses-openapi.json, 2026-04-24):
// `ResponseOutputTextDeltaStreamingEvent`, `ReasoningBody`, `ErrorPayload` and `CreateResponseBody`.
const spec = createOpenResponsesSpecValidator();

describe('createOpenResponsesSpecValidator', () => {
  it('reads the vendored document unchanged: Open Responses 2026-04-24, 108 schemas', () => {
    const document = readVendoredSpec('open-responses') as Record<string, any>;
    expect(document.info).toEqual({ title: 'Open Responses', version: '2026-04-24' });
    expect(Object.keys(document.components.schemas)).toHaveLength(108);
  });

  it('accepts a text delta event and names what is missing from one without its indexes', () => {
    const delta = { type: 'response.output_text.delta', sequence_number: 3, item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'Hi' };
    expect(spec.event(delta)).toEqual([]);
    const { content_index: _dropped, ...withoutIndex } = delta;
    expect(spec.event(withoutIndex).join('\n')).toContain("must have required property 'content_index'");
  });

  it('rejects an event kind the stream grammar does not have', () => {
    expect(spec.event({ type: 'response.output_text.typo', sequence_number: 0 })).not.toEqual([]);
  });

  it('rejects a reasoning item whose encrypted_content is null (the document allows a string only)', () => {
    const reasoning = { type: 'reasoning', id: 'rs_1', summary: [] };
    const event = { type: 'response.output_item.done', sequence_number: 5, output_index: 0, item: reasoning };
    expect(spec.event(event)).toEqual([]);
    expect(spec.event({ ...event, item: { ...reasoning, encrypted_content: 'opaque' } })).toEqual([]);
    expect(spec.event({ ...event, item: { ...reasoning, encrypted_content: null } })).not.toEqual([]);
  });

  it('checks a request body and an error envelope', () => {
    expect(spec.request({ model: 'm', input: 'Hello' })).toEqual([]);
    expect(spec.request({ model: 'm', input: 42 })).not.toEqual([]);
    expect(spec.error({ error: { type: 'invalid_request_error', code: null, message: 'bad', param: 'input' } })).toEqual([]);
    expect(spec.error({ error: { message: 'bad' } })).not.toEqual([]);
    expect(spec.error({ message: 'bad' })).toEqual(['(root) must have property error']);
  });
});

/**
 * The hand-written request interfaces and the zod schemas must not drift: `z.infer` of each schema and the
 * interface are mutually assignable (type-level; `tsc --noEmit` fails when they drift).
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { ResponseInputItem, ResponsesRequest, ResponseTextFormat, ResponseToolChoice } from './responses-request.js';
import { responseInputItemSchema, responsesRequestSchema, responseTextFormatSchema, responseToolChoiceSchema } from './responses-request-schema.js';

type Inferred<F extends () => z.core.$ZodType> = z.infer<ReturnType<F>>;

describe('zod schemas and request interfaces are mutually assignable', () => {
  it('ResponsesRequest', () => {
    expectTypeOf<Inferred<typeof responsesRequestSchema>>().toExtend<ResponsesRequest>();
    const value: ResponsesRequest = responsesRequestSchema().parse({ model: 'm', input: 'hi' });
    expect(value.input).toBe('hi');
  });
  it('input items, text formats, tool choice', () => {
    expectTypeOf<Inferred<typeof responseInputItemSchema>>().toExtend<ResponseInputItem>();
    expectTypeOf<ResponseInputItem>().toExtend<Inferred<typeof responseInputItemSchema>>();
    expectTypeOf<Inferred<typeof responseTextFormatSchema>>().toExtend<ResponseTextFormat>();
    expectTypeOf<ResponseTextFormat>().toExtend<Inferred<typeof responseTextFormatSchema>>();
    expectTypeOf<Inferred<typeof responseToolChoiceSchema>>().toExtend<ResponseToolChoice>();
    expect(responseToolChoiceSchema().parse('auto')).toBe('auto');
  });
});

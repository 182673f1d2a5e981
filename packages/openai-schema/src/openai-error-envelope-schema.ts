import * as z from 'zod/mini';
import { lazySchema } from './lazy-schema.js';

/** zod schema of the OpenAI error envelope (mirrors `openai-error-envelope.ts`). */
export const openAIErrorEnvelopeSchema = lazySchema(() =>
  z.looseObject({
    error: z.looseObject({
      message: z.string(),
      type: z.string(),
      param: z.nullable(z.string()),
      code: z.nullable(z.string()),
    }),
  }),
);

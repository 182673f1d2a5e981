import { ensureEnglishZodMessages } from './zod-helpers.js';

/**
 * A schema built on first use and cached afterwards, so importing this package costs almost nothing
 * (no zod object graph is constructed at module load; that matters for Workers cold start).
 *
 * Call the returned function to get the schema: `chatCompletionRequestSchema().safeParse(json)`.
 * Building the first schema also installs zod's English messages unless a locale is already configured
 * (the schemas use `zod/mini`, which loads no locale on its own).
 */
export type LazySchema<S> = () => S;

export function lazySchema<S>(build: () => S): LazySchema<S> {
  let cached: S | undefined;
  return () => {
    if (cached === undefined) {
      ensureEnglishZodMessages();
      cached = build();
    }
    return cached;
  };
}

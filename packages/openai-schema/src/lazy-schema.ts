/**
 * A schema built on first use and cached afterwards, so importing this package costs almost nothing
 * (no zod object graph is constructed at module load; that matters for Workers cold start).
 *
 * Call the returned function to get the schema: `chatCompletionRequestSchema().safeParse(json)`.
 */
export type LazySchema<S> = () => S;

export function lazySchema<S>(build: () => S): LazySchema<S> {
  let cached: S | undefined;
  return () => (cached ??= build());
}

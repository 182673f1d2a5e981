import { compileSchemaChecker, type SchemaChecker } from './compile-schema-checker.js';

/** What zod's `safeParse` returns, for any schema. */
type SafeParse = (value: unknown) => { success: boolean };

/**
 * `schema().safeParse(value)` without zod's parse for a value the checker compiled from the same schema accepts
 * (`compileSchemaChecker`: then zod would accept it and its output would equal the value, so the value itself is the
 * data); anything else goes to zod, which accepts it or describes the problem as before. The checker is compiled on
 * first use. For a schema parsed on a hot path (a stream event, a reply) whose valid values are plain JSON.
 */
export function createCheckedSafeParse<S extends { safeParse: SafeParse }>(schema: () => S): (value: unknown) => ReturnType<S['safeParse']> {
  let check: SchemaChecker | undefined;
  return (value) => {
    try {
      check ??= compileSchemaChecker(schema() as unknown as Parameters<typeof compileSchemaChecker>[0]);
      if (check(value)) return { success: true, data: value } as ReturnType<S['safeParse']>;
    } catch {
      // Not a plain JSON value (a throwing getter or a proxy): zod decides.
    }
    return schema().safeParse(value) as ReturnType<S['safeParse']>;
  };
}

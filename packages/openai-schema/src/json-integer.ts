/**
 * A JSON integer. Only a documentation alias of `number` for TypeScript; typescript-json-schema turns it into
 * `{ "type": "integer" }` (and keeps `| null` beside it, which a `@TJS-type` tag on the property would drop).
 *
 * @TJS-type integer
 */
export type Integer = number;

// Bench only (module.register hooks): inside the built mappers, `convert-anthropic-response-to-openai.js` and
// `convert-gemini-response-to-openai.js` get `reply-parse-variant.mjs` in place of their reply parse, which answers
// with zod alone (the parse before the compiled checker) while `globalThis.__interlinguaZodOnly` is true.
const VARIANT = new URL('./reply-parse-variant.mjs', import.meta.url).href;
const PARSES = {
  './parse-anthropic-message.js': '/anthropic-mapper/dist/convert-anthropic-response-to-openai.js',
  './parse-gemini-generate-content-response.js': '/gemini-mapper/dist/convert-gemini-response-to-openai.js',
};

export async function resolve(specifier, context, nextResolve) {
  const parent = PARSES[specifier];
  if (parent !== undefined && context.parentURL?.endsWith(parent)) return { url: VARIANT, shortCircuit: true };
  return nextResolve(specifier, context);
}

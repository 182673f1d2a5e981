// Bench only (module.register hooks): every import of `@interlingua/openai-schema` gets `openai-schema-variant.mjs`.
const VARIANT = new URL('./openai-schema-variant.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === '@interlingua/openai-schema' && context.parentURL !== VARIANT) return { url: VARIANT, shortCircuit: true };
  return nextResolve(specifier, context);
}

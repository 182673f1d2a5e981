// The Worker's size budget, min + gzip (bundled as wrangler does: scripts/bundle-worker.mjs), enforced by
// src/bundle-size.test.ts and reported by the benchmark session (bench/bundle-size.mjs records it with the size).
//
// History, each step measured:
// - 50 KB while the Worker served Chat Completions only.
// - 100 KiB when it came to serve three client APIs (Chat Completions, Responses, Messages), four upstream kinds
//   (Anthropic, Gemini, Vertex AI, OpenAI-compatible) and the two model catalogs: about 91 KiB from the sources then,
//   99.4 KiB by the 2026-12-07T22-full session.
// - 104 KiB for the Claude conversation-fidelity fixes (interleaved-thinking block order in the Anthropic mapper, its
//   stream transducer and the Messages front; mid-conversation system messages and their catalog capability):
//   99.6 → 101.5 KiB from the sources (+1.9 KiB). Still a few percent of Cloudflare's 3 MB (free) / 10 MB (paid)
//   compressed limit; BENCHMARKS.md ("What changed after 22-full") has the measurement.
//   Reporting the thinking blocks Anthropic drops (input_transformations) and the catalog's Fable 5.2 family took it
//   to 102.4 KiB (BENCHMARKS.md item 47).
export const BUNDLE_BUDGET_BYTES = 104 * 1024;

// M1, Responses lane: non-streamed added latency of Interlingua's POST /v1/responses on the Anthropic upstream,
// against Interlingua's own POST /v1/chat/completions for the same upstream reply (the floors do not speak the
// Responses API, so the chat lane of the same arm process is the reference), interleaved, same mock. The
// translating floor's chat lane is kept beside them for scale. Added latency against the direct arm (the native
// Anthropic request to the mock).
import { requestFor, responsesRequestFor } from '../lib/requests.mjs';
import { measurePairedLatency } from './paired-probes.mjs';

export async function measureResponsesLatency({ arms, warmup, rounds, perRound, log }) {
  const entries = [{ label: 'direct', arm: 'direct', baseline: 'direct', request: (mockUrl) => requestFor('direct', 'anthropic', { mockUrl }) }];
  entries.push({ label: 'floor-translate-chat', arm: 'floor-translate', baseline: 'direct', request: (mockUrl) => requestFor('floor-translate', 'anthropic', { mockUrl }) });
  for (const arm of arms) {
    entries.push({ label: `${arm}-chat`, arm, baseline: 'direct', request: (mockUrl) => requestFor(arm, 'anthropic', { mockUrl }) });
    entries.push({ label: `${arm}-responses`, arm, baseline: 'direct', request: () => responsesRequestFor() });
  }
  const cells = await measurePairedLatency({ entries, warmup, rounds, perRound, log, tag: 'M1 Responses' });
  return { anthropic: cells };
}

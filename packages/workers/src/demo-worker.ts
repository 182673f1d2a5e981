import { createReplayFetch, defaultReplayModels } from '@interlingua/gateway';
import { createWorker } from './create-worker.js';

/**
 * The Worker with the offline replay models: with no upstream key set it answers `replay/claude` and `replay/gemini`
 * from the embedded recordings (`npx wrangler dev src/demo-worker.ts`). About 3.6 KB min+gzip more than the default
 * Worker, which is why that one leaves them out.
 */
export default createWorker({ replayFetch: createReplayFetch(), replayModels: defaultReplayModels() });

import { createWorker } from './create-worker.js';

export { createWorker, type InterlinguaWorkerEnv } from './create-worker.js';

export default createWorker();

import { createWorker } from './create-worker.js';

export { createWorker, type InterlinguaWorkerEnv, type InterlinguaWorkerOptions } from './create-worker.js';

export default createWorker();

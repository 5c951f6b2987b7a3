// Development bootstrap of a seed worker: Node 20 ignores `--import tsx` in a Worker's execArgv,
// so register tsx here, then load the TypeScript worker module. The built runner starts the
// compiled dist/runner/worker-main.js directly (discovery registers tsx for the workloads).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.workerMain);

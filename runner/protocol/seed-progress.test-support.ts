// A worker thread that records job 42 in the shared progress record it is given (seed-progress.test.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { epochNowMs, SeedProgress } from './seed-progress.js';

new SeedProgress((workerData as { progress: SharedArrayBuffer }).progress).begin(42, epochNowMs());
parentPort?.postMessage('done');

// Starting a seed worker thread, in the built package or under tsx (tests, development).
import { Worker } from 'node:worker_threads';
import type { WorkerInit } from './worker-protocol.js';

/** Rejects the pending seeds of a pool closed early (Ctrl-C). */
export class PoolClosedError extends Error {
  constructor() {
    super('the worker pool was closed before the seed ran');
    this.name = 'PoolClosedError';
  }
}

/** A seed worker thread, its stdout/stderr piped to the pool (never to the terminal). */
export function startWorker(init: WorkerInit): Worker {
  const here = import.meta.url;
  const options = { stdout: true, stderr: true } as const;
  // Under tsx (tests, development) the worker needs the .mjs bootstrap to load TypeScript.
  if (here.endsWith('.ts')) {
    return new Worker(new URL('./worker-entry.mjs', here), { ...options, workerData: { ...init, workerMain: new URL('./worker-main.ts', here).href } });
  }
  return new Worker(new URL('./worker-main.js', here), { ...options, workerData: init });
}

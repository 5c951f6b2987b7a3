// Starting a seed worker thread, in the built package or under tsx (tests, development).
import { Worker } from 'node:worker_threads';
import { projectTsconfig } from '../config/config.js';
import type { WorkerInit } from '../protocol/messages.js';

export type WorkerEvent = 'message' | 'error' | 'exit';
export type WorkerListener = (event: WorkerEvent, value: unknown) => void;
export const WORKER_EVENTS: readonly WorkerEvent[] = ['message', 'error', 'exit'];

/** Routes everything a worker says (messages, its error, its exit) to one listener. */
export function listenTo(worker: Worker, listen: WorkerListener): void {
  for (const event of WORKER_EVENTS) worker.on(event, (value: unknown) => listen(event, value));
}

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
  // Under tsx (tests, development) the worker needs the .mjs bootstrap to load TypeScript, with
  // the project's tsconfig (the worker's discovery finds tsx's hooks registered).
  if (here.endsWith('.ts')) {
    const workerData = { ...init, workerMain: new URL('../worker/worker-main.ts', here).href, tsconfig: projectTsconfig(init.loaded) };
    return new Worker(new URL('../worker/worker-entry.mjs', here), { ...options, workerData });
  }
  return new Worker(new URL('../worker/worker-main.js', here), { ...options, workerData: init });
}

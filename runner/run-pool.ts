// The worker pool of a run, started as soon as the options are known: the workers load the
// project while this thread still loads the reporters and the runner core.
import type { EarlyWorker } from './early-worker.js';
import type { RunnerEvent } from './events.js';
import type { RunOptions } from './run-options.js';
import { WorkerPool } from './worker-pool.js';

export function startRunPool(options: RunOptions, emit: (event: RunnerEvent) => void, early?: EarlyWorker): WorkerPool {
  const pool = new WorkerPool({
    size: options.workers,
    init: { loaded: options.loaded },
    seedTimeoutMs: options.seedTimeoutMs,
    onOutput: (job, stream, text) => emit({ type: 'output', caseId: job.caseId, seed: job.seed, stream, text }),
  });
  if (early !== undefined) pool.adopt(early);
  pool.warm(options.seed !== undefined ? 1 : options.workers);
  return pool;
}

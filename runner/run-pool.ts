// The worker pool of a run, started as soon as the options are known: the workers load the
// project while this thread still loads the reporters and the runner core.
import type { EarlyWorker } from './early-worker.js';
import type { RunnerEvent } from './events.js';
import type { RunOptions } from './run-options.js';
import { WorkerPool } from './worker-pool.js';

/** Workers the run can keep busy, as far as the options tell before the cases are known: one
 * for --seed, at most N for --seeds N (the pool starts more later if the cases need them). */
function workersToWarm(options: RunOptions): number {
  if (options.seed !== undefined || options.real) return 1;
  const fixed = /^fixed:(\d+)$/.exec(options.strategy ?? '');
  return Math.min(options.workers, fixed !== null ? Number(fixed[1]) : options.workers);
}

export function startRunPool(options: RunOptions, emit: (event: RunnerEvent) => void, early?: EarlyWorker): WorkerPool {
  const pool = new WorkerPool({
    size: options.workers,
    init: { loaded: options.loaded },
    seedTimeoutMs: options.seedTimeoutMs,
    onOutput: (job, stream, text) => emit({ type: 'output', caseId: job.caseId, seed: job.seed, stream, text }),
  });
  if (early !== undefined) pool.adopt(early);
  pool.warm(workersToWarm(options));
  return pool;
}

// The worker pool of a run, started as soon as the options are known: the workers load the
// project while this thread still loads the reporters and run-tests.ts.
// The library is loaded already: run-options validated the strategy with it.
import { formatRecipe, parseStrategy, plannedSeeds } from '../../src/internal.js';
import type { EarlyWorker } from '../pool/early-worker.js';
import type { RunnerEvent } from './events.js';
import type { RunOptions } from '../cli/run-options.js';
import { WorkerPool } from '../pool/worker-pool.js';

/** Workers the run can keep busy, as far as the options tell before the cases are known: one
 * for --seed, at most the strategy's seed bound for --seeds/--strategy or the config's (the
 * pool starts more later if the cases need them). */
function workersToWarm(options: RunOptions): number {
  if (options.seed !== undefined || options.real) return 1;
  const chosen = options.strategy ?? options.configStrategy;
  const bound = chosen !== undefined ? plannedSeeds(parseStrategy(chosen.text)) : options.workers;
  return Math.min(options.workers, bound);
}

export function startPool(options: RunOptions, emit: (event: RunnerEvent) => void, early?: EarlyWorker): WorkerPool {
  const pool = new WorkerPool({
    size: options.workers,
    init: { loaded: options.loaded },
    seedTimeoutMs: options.seedTimeoutMs,
    onOutput: (job, stream, text) =>
      emit({ type: 'output', caseId: job.caseId, seed: job.seed, stream, text, ...(job.splits === undefined ? {} : { recipe: formatRecipe({ seed: job.seed, splits: job.splits }) }) }),
  });
  if (early !== undefined) pool.adopt(early);
  pool.warm(workersToWarm(options));
  return pool;
}

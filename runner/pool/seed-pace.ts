// How many seeds the pool keeps sent to each worker, from how long seeds take. Short seeds need
// many held per worker: results come back in batches (worker/result-batch.ts), and the worker must not
// run dry while a batch travels to the pool and more seeds come back. Long seeds need few, so the
// last seeds of a case spread over the workers instead of queueing behind one.

/** Seeds a worker holds at most and at least (the one running and the next). */
export const SEEDS_PER_WORKER_MAX = 16;
export const SEEDS_PER_WORKER_MIN = 2;
/** Wall-clock work each worker holds: three result batches' worth (BATCH_AGE_MS_MAX 20 ms). */
export const HELD_WORK_MS = 60;
/** Weight of the newest seed in the running average of seed wall time. */
const NEWEST_WEIGHT = 0.2;

export class SeedPace {
  private averageMs: number | undefined = undefined;

  /** A seed took `wallMs` of wall-clock time in its worker. */
  observe(wallMs: number): void {
    if (!(wallMs >= 0)) return; // a seed lost before it began reports no meaningful time
    this.averageMs = this.averageMs === undefined ? wallMs : this.averageMs + NEWEST_WEIGHT * (wallMs - this.averageMs);
  }

  /** Seeds to keep sent to each worker: HELD_WORK_MS of work, within the bounds; the minimum
   * until a seed has been timed. */
  depth(): number {
    if (this.averageMs === undefined) return SEEDS_PER_WORKER_MIN;
    const depth = Math.ceil(HELD_WORK_MS / Math.max(this.averageMs, HELD_WORK_MS / SEEDS_PER_WORKER_MAX));
    return Math.min(SEEDS_PER_WORKER_MAX, Math.max(SEEDS_PER_WORKER_MIN, depth));
  }
}

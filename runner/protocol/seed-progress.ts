// Which seed a worker is running and since when, in memory the worker and the pool share. The
// worker writes it as it begins each seed; the pool reads it only when it must know (a watchdog
// check, a crash), so a worker can run a batch of seeds with no message per seed start.
// Not the library's realGlobals: a worker must not load its own library copy before the project's
// (runner/worker/library-instance.ts). Taken when this module loads, before any seed's guard runs.
const performanceNow = performance.now.bind(performance);

/** What a SeedProgress holds: the job the worker began last, and when (ms since the epoch). */
export interface SeedStart {
  /** 0 before the worker has begun any job (job ids start at 1). */
  jobId: number;
  startedMs: number;
}

/** Wall-clock ms since the epoch, on one scale in every thread of the process. The real clock:
 * a seed's guard may virtualize performance.now() while the seed runs. */
export const epochNowMs = (): number => performance.timeOrigin + performanceNow();

const ID_INDEX = 0;
const BYTES = 16; // an Int32 job id (Atomics), padding, a Float64 start time at byte 8

export class SeedProgress {
  private readonly id: Int32Array;
  private readonly started: Float64Array;

  /** `buffer`: one from SeedProgress.buffer(), shared by postMessage between the two threads. */
  constructor(readonly buffer: SharedArrayBuffer) {
    if (buffer.byteLength !== BYTES) throw new RangeError(`SeedProgress needs a ${BYTES}-byte SharedArrayBuffer, got ${buffer.byteLength} bytes`);
    this.id = new Int32Array(buffer, 0, 1);
    this.started = new Float64Array(buffer, 8, 1);
  }

  static buffer(): SharedArrayBuffer {
    return new SharedArrayBuffer(BYTES);
  }

  /** The worker begins job `jobId` at `startedMs`. The time is written first and the id is
   * stored atomically after it, so a reader that sees an id sees that job's start time or a later
   * job's (never an earlier one: a watchdog check can only be late, never early). */
  begin(jobId: number, startedMs: number): void {
    if (!(Number.isInteger(jobId) && jobId >= 1 && jobId <= 0x7fffffff)) throw new RangeError(`SeedProgress.begin: job id ${jobId} is not a positive 31-bit integer`);
    this.started[0] = startedMs;
    Atomics.store(this.id, ID_INDEX, jobId);
  }

  read(): SeedStart {
    const jobId = Atomics.load(this.id, ID_INDEX);
    return { jobId, startedMs: this.started[0] };
  }
}

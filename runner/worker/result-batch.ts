// The results a seed worker holds back to send several in one message: a short seed costs the
// pool's thread a wake-up and a message each way otherwise, which on a machine with one core per
// worker comes out of the workers' time. A failure, a seed that wrote output and the last seed
// the worker holds go out at once; the rest within BATCH_AGE_MS_MAX.
import type { JobResult } from '../protocol/messages.js';

/** Results held back at most, and for at most this long (wall-clock). */
export const BATCH_SEEDS_MAX = 8;
export const BATCH_AGE_MS_MAX = 20;

export interface BatchTimers {
  set: (callback: () => void, delayMs: number) => unknown;
  clear: (handle: unknown) => void;
}

export class ResultBatch {
  private held: JobResult[] = [];
  private timer: unknown = undefined;

  /** `send` gets each batch, oldest result first; `timers` are real ones (never a seed's). */
  constructor(
    private readonly send: (results: JobResult[]) => void,
    private readonly timers: BatchTimers,
  ) {}

  /** Holds a result, or sends it with the ones held when it must not wait: `urgent` (the seed
   * wrote output, or the worker has no other seed to run), a failure, or a full batch. */
  add(entry: JobResult, urgent: boolean): void {
    this.held.push(entry);
    if (urgent || !entry.result.ok || this.held.length >= BATCH_SEEDS_MAX) this.flush();
    else if (this.timer === undefined) this.timer = this.timers.set(() => this.flush(), BATCH_AGE_MS_MAX);
  }

  /** Sends what is held, if anything. */
  flush(): void {
    if (this.timer !== undefined) {
      this.timers.clear(this.timer);
      this.timer = undefined;
    }
    if (this.held.length === 0) return;
    const out = this.held;
    this.held = [];
    this.send(out);
  }
}

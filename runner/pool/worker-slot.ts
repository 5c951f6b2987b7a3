// One seed worker as the pool sees it: the seeds it holds, which of them it is running (from the
// progress record it shares, protocol/seed-progress.ts) and since when, and its timers. The pool decides
// what to do about a slow or lost worker; the slot only keeps the books.
import type { Worker } from 'node:worker_threads';
import { epochNowMs, SeedProgress } from '../protocol/seed-progress.js';

type Timer = ReturnType<typeof setTimeout>;

/** What the pool hands a worker: anything with its job's id. */
export interface Held {
  job: { id: number };
}

export class WorkerSlot<Entry extends Held> {
  /** Set by the pool once the worker is started or adopted. */
  worker: Worker = undefined as unknown as Worker;
  /** The seed the worker is running, from the moment it reports ready. */
  private progress: SeedProgress | undefined = undefined;
  /** Seeds sent to the worker whose results have not come back, in the order it runs them. */
  private readonly sent: Entry[] = [];
  /** Set when the pool ended the worker on purpose, so its exit is no crash. */
  retired = false;
  lastError: string | undefined = undefined;
  /** Armed until the worker reports ready. */
  bootTimer: Timer | undefined = undefined;
  /** Armed while the worker holds seeds: checks the one it runs against the seed budget. */
  private watchdogTimer: Timer | undefined = undefined;
  /** When results last came back or seeds went to the idle worker (ms since the epoch): a held
   * seed has waited to begin since then at most. */
  private quietSinceMs = 0;

  /** The worker loaded the project; `progress` is where it records each seed it begins. */
  ready(progress: SharedArrayBuffer): void {
    this.progress = new SeedProgress(progress);
  }

  get isReady(): boolean {
    return this.progress !== undefined;
  }

  get held(): number {
    return this.sent.length;
  }

  /** The held seed with job id `id`, if any. */
  find(id: number | undefined): Entry | undefined {
    return this.sent.find((entry) => entry.job.id === id);
  }

  hold(entry: Entry): void {
    if (this.sent.length === 0) this.quietSinceMs = epochNowMs();
    this.sent.push(entry);
  }

  /** The held seed whose result came back: the oldest, when it has that id (results come in the
   * order sent); undefined for a stale result (its seed was taken back). */
  release(id: number): Entry | undefined {
    this.quietSinceMs = epochNowMs();
    if (this.sent[0]?.job.id !== id) return undefined;
    const entry = this.sent.shift();
    if (this.sent.length === 0) this.disarm();
    return entry;
  }

  /** The seed the worker runs, or (between seeds) the next it holds, and since when it has had
   * the worker. A seed that finished but whose result the worker still holds counts as running:
   * anything the worker does before the next begins is that seed's leftover work. */
  private current(): { index: number; sinceMs: number } {
    const started = this.progress?.read();
    const index = started === undefined ? -1 : this.sent.findIndex((entry) => entry.job.id === started.jobId);
    return index >= 0 && started !== undefined ? { index, sinceMs: started.startedMs } : { index: 0, sinceMs: this.quietSinceMs };
  }

  /** Wall-clock ms the current seed has had the worker (0 when it holds none). */
  currentMs(): number {
    return this.sent.length === 0 ? 0 : epochNowMs() - this.current().sinceMs;
  }

  /** Calls `check` in `delayMs` unless armed already (or disarmed first). */
  arm(delayMs: number, check: () => void): void {
    this.watchdogTimer ??= setTimeout(() => {
      this.watchdogTimer = undefined;
      check();
    }, delayMs);
  }

  disarm(): void {
    clearTimeout(this.watchdogTimer);
    this.watchdogTimer = undefined;
  }

  /** Empties a lost worker's books: the current seed with the wall time it had used, and the
   * others in order (those it had finished must run again: their results were lost with it). */
  takeAll(): { current: Entry | undefined; wallMs: number; others: Entry[] } {
    this.disarm();
    if (this.sent.length === 0) return { current: undefined, wallMs: 0, others: [] };
    const { index, sinceMs } = this.current();
    const [current] = this.sent.splice(index, 1);
    return { current, wallMs: epochNowMs() - sinceMs, others: this.sent.splice(0) };
  }
}

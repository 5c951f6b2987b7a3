// A pool of worker threads running seeds. Each worker loads the project once; a seed that
// overruns its wall-clock budget gets its worker terminated (the watchdog) and a crashed worker
// is replaced, each reported as a failed seed, and the other seeds go on. A worker that dies or
// stalls while loading the project is replaced too, up to BOOT_ATTEMPTS_MAX times per pool.
import type { Worker } from 'node:worker_threads';
import type { SeedResult } from '../src/index.js';
import { BOOT_TIMEOUT_MS } from './boot-budget.js';
import { crashMessage, lostSeedResult, watchdogMessage, type FailedSeedContext } from './seed-failures.js';
import type { FromWorker, SeedJob, WorkerInit } from './worker-protocol.js';
import { PoolClosedError, startWorker } from './worker-thread.js';

export { PoolClosedError } from './worker-thread.js';

/** Workers that may fail to load the project before every seed fails with the cause: one
 * environmental death (Node's loader hooks can leave an import unsettled, which ends a worker
 * with code 13) costs a replacement, a project that cannot load in a worker fails fast. */
export const BOOT_ATTEMPTS_MAX = 3;

export interface WorkerPoolOptions {
  size: number;
  init: WorkerInit;
  /** Wall-clock budget of one seed; the watchdog kills its worker past it. */
  seedTimeoutMs: number;
  /** Wall-clock budget of loading the project in a worker (default BOOT_TIMEOUT_MS). */
  bootTimeoutMs?: number;
  /** Output a workload wrote during a seed. */
  onOutput?: (job: SeedJob, stream: 'stdout' | 'stderr', text: string) => void;
}

interface Entry {
  job: SeedJob;
  context: FailedSeedContext;
  resolve: (result: SeedResult) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  running: { entry: Entry; timer: ReturnType<typeof setTimeout>; startedMs: number } | undefined;
  /** Set when the pool ended the worker on purpose, so its exit is no crash. */
  retired: boolean;
  lastError: string | undefined;
  /** Armed until the worker reports ready. */
  bootTimer: ReturnType<typeof setTimeout> | undefined;
}

export class WorkerPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Entry[] = [];
  private nextId = 1;
  private closed = false;
  private bootFailures = 0;
  /** Why workers cannot start (the project failed to load in a worker): every seed fails with it. */
  private broken: string | undefined;
  private readonly bootTimeoutMs: number;

  constructor(private readonly options: WorkerPoolOptions) {
    if (!(Number.isInteger(options.size) && options.size >= 1)) throw new RangeError(`WorkerPool size ${options.size} must be an integer >= 1`);
    this.bootTimeoutMs = options.bootTimeoutMs ?? BOOT_TIMEOUT_MS;
    if (!(this.bootTimeoutMs > 0)) throw new RangeError(`WorkerPool bootTimeoutMs ${this.bootTimeoutMs} must be a positive number of milliseconds`);
  }

  /** Runs one seed on the next free worker; resolves with its result (a watchdog or crash failure included). */
  run(job: Omit<SeedJob, 'id'>, context: FailedSeedContext): Promise<SeedResult> {
    if (this.closed) return Promise.reject(new PoolClosedError());
    return new Promise<SeedResult>((resolve, reject) => {
      this.queue.push({ job: { ...job, id: this.nextId++ }, context, resolve, reject });
      while (this.slots.size < Math.min(this.options.size, this.queue.length + this.busyCount())) this.spawn();
      this.dispatch();
    });
  }

  /** Starts `count` workers now (they load the project while the caller does other work). */
  warm(count: number): void {
    while (!this.closed && this.slots.size < Math.min(count, this.options.size)) this.spawn();
  }

  private busyCount(): number {
    let busy = 0;
    for (const slot of this.slots) if (slot.running !== undefined) busy++;
    return busy;
  }

  private spawn(): void {
    const slot: Slot = { worker: startWorker(this.options.init), ready: false, running: undefined, retired: false, lastError: undefined, bootTimer: undefined };
    slot.bootTimer = setTimeout(() => this.bootStalled(slot), this.bootTimeoutMs);
    this.slots.add(slot);
    slot.worker.on('message', (message: FromWorker) => this.onMessage(slot, message));
    slot.worker.on('error', (error) => (slot.lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error)));
    slot.worker.on('exit', (code) => this.onExit(slot, code));
    // Anything written outside the captured streams (before capture starts) is dropped.
    slot.worker.stdout.resume();
    slot.worker.stderr.on('data', (chunk: Buffer) => (slot.lastError ??= chunk.toString().trim().split('\n').slice(-3).join(' ') || undefined));
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    if (message.type === 'ready') {
      clearTimeout(slot.bootTimer);
      slot.ready = true;
      this.dispatch();
    } else if (message.type === 'output') {
      const running = slot.running;
      if (running !== undefined && message.id === running.entry.job.id) this.options.onOutput?.(running.entry.job, message.stream, message.text);
    } else if (message.type === 'result') {
      const running = slot.running;
      if (running === undefined || running.entry.job.id !== message.id) return;
      clearTimeout(running.timer);
      slot.running = undefined;
      running.entry.resolve(message.result);
      this.dispatch();
    }
  }

  private onExit(slot: Slot, code: number): void {
    clearTimeout(slot.bootTimer);
    this.slots.delete(slot);
    if (slot.retired || this.closed) return;
    const running = slot.running;
    const cause = slot.lastError ?? `the worker exited with code ${code}`;
    if (!slot.ready) this.bootFailed(cause);
    if (running !== undefined) {
      clearTimeout(running.timer);
      const { context } = running.entry;
      running.entry.resolve(lostSeedResult(context, 'crash', crashMessage(context, cause), performance.now() - running.startedMs));
    }
    this.refill();
  }

  /** Ends a worker on purpose: its exit is no crash. */
  private retire(slot: Slot): void {
    slot.retired = true;
    this.slots.delete(slot);
    void slot.worker.terminate();
  }

  /** Replaces a lost worker when seeds wait, then hands out the queue. */
  private refill(): void {
    if (this.queue.length > 0 && this.broken === undefined) this.spawn();
    this.dispatch();
  }

  /** A worker died or stalled before `ready`; after BOOT_ATTEMPTS_MAX of them the project is
   * taken as unloadable in a worker and every seed fails with the last cause. */
  private bootFailed(cause: string): void {
    if (++this.bootFailures < BOOT_ATTEMPTS_MAX) return;
    this.broken = `a worker could not load the project (${this.bootFailures} workers tried): ${cause}`;
  }

  private bootStalled(slot: Slot): void {
    this.retire(slot);
    this.bootFailed(`the worker was still loading the project after ${this.bootTimeoutMs} ms and was stopped (a workload file's top-level code may wait on something that never happens)`);
    this.refill();
  }

  private watchdog(slot: Slot): void {
    const running = slot.running;
    if (running === undefined) return;
    slot.running = undefined;
    this.retire(slot);
    const { context } = running.entry;
    running.entry.resolve(lostSeedResult(context, 'watchdog', watchdogMessage(context, this.options.seedTimeoutMs), performance.now() - running.startedMs));
    this.refill();
  }

  private dispatch(): void {
    if (this.broken !== undefined) {
      for (const entry of this.queue.splice(0)) {
        entry.resolve(lostSeedResult(entry.context, 'crash', crashMessage(entry.context, this.broken), 0));
      }
      return;
    }
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.ready || slot.running !== undefined || slot.retired) continue;
      const entry = this.queue.shift() as Entry;
      const timer = setTimeout(() => this.watchdog(slot), this.options.seedTimeoutMs);
      slot.running = { entry, timer, startedMs: performance.now() };
      slot.worker.postMessage({ type: 'run', job: entry.job });
    }
  }

  /** Ends every worker; seeds still queued or running reject with a PoolClosedError. */
  async close(): Promise<void> {
    this.closed = true;
    const pending = this.queue.splice(0);
    const stops: Promise<number>[] = [];
    for (const slot of this.slots) {
      slot.retired = true;
      clearTimeout(slot.bootTimer);
      if (slot.running !== undefined) {
        clearTimeout(slot.running.timer);
        pending.push(slot.running.entry);
        slot.running = undefined;
      }
      stops.push(slot.worker.terminate());
    }
    this.slots.clear();
    for (const entry of pending) entry.reject(new PoolClosedError());
    await Promise.all(stops);
  }
}

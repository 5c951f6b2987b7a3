// A pool of worker threads running seeds. Each worker loads the project once; a seed that
// overruns its wall-clock budget gets its worker terminated (the watchdog) and a crashed worker
// is replaced, each reported as a failed seed, and the other seeds go on. A worker that dies or
// stalls while loading the project is replaced too, up to BOOT_ATTEMPTS_MAX times per pool.
import type { Worker } from 'node:worker_threads';
import type { SeedResult } from '../src/index.js';
import type { Catalog } from './catalog.js';
import { BOOT_TIMEOUT_MS } from './boot-budget.js';
import { crashMessage, lostSeedResult, watchdogMessage, type FailedSeedContext } from './seed-failures.js';
import type { FromWorker, SeedJob, WorkerInit } from './worker-protocol.js';
import type { EarlyWorker } from './early-worker.js';
import { listenTo, PoolClosedError, startWorker, type WorkerListener } from './worker-thread.js';

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

/** Seeds sent to one worker at once: the one running and the next, queued in the worker, so
 * the worker starts it without waiting on a round trip to this thread. */
export const SEEDS_PER_WORKER_MAX = 2;

interface Sent {
  entry: Entry;
  /** Armed for the seed the worker is running (the head) only. */
  timer: ReturnType<typeof setTimeout> | undefined;
  startedMs: number;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Seeds sent to the worker, in the order it runs them: the head is running. */
  sent: Sent[];
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
  private readonly catalogReady: Promise<Catalog>;
  private settleCatalog!: (catalog: Catalog) => void;
  private catalogSettled = false;

  constructor(private readonly options: WorkerPoolOptions) {
    if (!(Number.isInteger(options.size) && options.size >= 1)) throw new RangeError(`WorkerPool size ${options.size} must be an integer >= 1`);
    this.bootTimeoutMs = options.bootTimeoutMs ?? BOOT_TIMEOUT_MS;
    if (!(this.bootTimeoutMs > 0)) throw new RangeError(`WorkerPool bootTimeoutMs ${this.bootTimeoutMs} must be a positive number of milliseconds`);
    this.catalogReady = new Promise((resolve) => {
      this.settleCatalog = (catalog) => {
        this.catalogSettled = true;
        resolve(catalog);
      };
    });
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

  /** The project's cases as the first worker to load it found them (one is started if none
   * is). When no worker can load the project, a catalog with that one error. */
  catalog(): Promise<Catalog> {
    this.warm(1);
    return this.catalogReady;
  }

  private busyCount(): number {
    let busy = 0;
    for (const slot of this.slots) busy += slot.sent.length;
    return busy;
  }

  /** Starts a worker, or adopts `early` when it loads the same project. */
  private spawn(early?: EarlyWorker): void {
    const slot: Slot = { worker: undefined as unknown as Worker, ready: false, sent: [], retired: false, lastError: undefined, bootTimer: undefined };
    const listen: WorkerListener = (event, value) => {
      if (event === 'message') this.onMessage(slot, value as FromWorker);
      else if (event === 'error') slot.lastError = value instanceof Error ? `${value.name}: ${value.message}` : String(value);
      else this.onExit(slot, value as number);
    };
    if (early !== undefined) slot.worker = early.adopt(listen);
    else {
      slot.worker = startWorker(this.options.init);
      listenTo(slot.worker, listen);
    }
    slot.bootTimer = setTimeout(() => this.bootStalled(slot), this.bootTimeoutMs);
    this.slots.add(slot);
    // Anything written outside the captured streams (before capture starts) is dropped.
    slot.worker.stdout.resume();
    slot.worker.stderr.on('data', (chunk: Buffer) => (slot.lastError ??= chunk.toString().trim().split('\n').slice(-3).join(' ') || undefined));
  }

  /** Takes over a worker started before the pool (runner/early-worker.ts); one loading another project is ended. */
  adopt(early: EarlyWorker): void {
    const sameProject = JSON.stringify(early.init) === JSON.stringify(this.options.init);
    if (this.closed || !sameProject || this.slots.size >= this.options.size) early.discard();
    else this.spawn(early);
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    if (message.type === 'ready') {
      clearTimeout(slot.bootTimer);
      slot.ready = true;
      this.settleCatalog(message.catalog);
      this.dispatch();
    } else if (message.type === 'output') {
      const head = slot.sent[0];
      if (head !== undefined && message.id === head.entry.job.id) this.options.onOutput?.(head.entry.job, message.stream, message.text);
    } else if (message.type === 'result') {
      const head = slot.sent[0];
      if (head === undefined || head.entry.job.id !== message.id) return;
      clearTimeout(head.timer);
      slot.sent.shift();
      this.startHead(slot);
      head.entry.resolve(message.result);
      this.dispatch();
    }
  }

  /** The worker has begun the next seed it holds: its wall-clock budget starts now. */
  private startHead(slot: Slot): void {
    const head = slot.sent[0];
    if (head === undefined || head.timer !== undefined) return;
    head.startedMs = performance.now();
    head.timer = setTimeout(() => this.watchdog(slot), this.options.seedTimeoutMs);
  }

  /** Empties a lost worker's seeds: returns the one it was running (its timer cleared); the ones
   * it held but had not begun go back to the front of the queue. */
  private takeHead(slot: Slot): Sent | undefined {
    const [head, ...waiting] = slot.sent.splice(0);
    for (const entry of waiting.reverse()) this.queue.unshift(entry.entry);
    if (head !== undefined) clearTimeout(head.timer);
    return head;
  }

  private onExit(slot: Slot, code: number): void {
    clearTimeout(slot.bootTimer);
    this.slots.delete(slot);
    if (slot.retired || this.closed) return;
    const cause = slot.lastError ?? `the worker exited with code ${code}`;
    if (!slot.ready) this.bootFailed(cause);
    const head = this.takeHead(slot);
    if (head !== undefined) {
      const { context } = head.entry;
      head.entry.resolve(lostSeedResult(context, 'crash', crashMessage(context, cause), performance.now() - head.startedMs));
    }
    this.refill();
  }

  /** Ends a worker on purpose: its exit is no crash. */
  private retire(slot: Slot): void {
    slot.retired = true;
    this.slots.delete(slot);
    void slot.worker.terminate();
  }

  /** Replaces a lost worker when seeds (or the catalog) wait, then hands out the queue. */
  private refill(): void {
    const waiting = this.queue.length > 0 || !this.catalogSettled;
    if (waiting && this.broken === undefined && this.slots.size < this.options.size) this.spawn();
    this.dispatch();
  }

  /** A worker died or stalled before `ready`; after BOOT_ATTEMPTS_MAX of them the project is
   * taken as unloadable in a worker and every seed fails with the last cause. */
  private bootFailed(cause: string): void {
    if (++this.bootFailures < BOOT_ATTEMPTS_MAX) return;
    this.broken = `a worker could not load the project (${this.bootFailures} workers tried): ${cause}`;
    this.settleCatalog({ topologies: [], errors: [`${this.broken}. Run the command again; if it fails the same way, load the workload files alone (node --import tsx <file>) to see why.`] });
  }

  private bootStalled(slot: Slot): void {
    this.retire(slot);
    this.bootFailed(`the worker was still loading the project after ${this.bootTimeoutMs} ms and was stopped (a workload file's top-level code may wait on something that never happens)`);
    this.refill();
  }

  private watchdog(slot: Slot): void {
    const head = this.takeHead(slot);
    if (head === undefined) return;
    this.retire(slot);
    const { context } = head.entry;
    head.entry.resolve(lostSeedResult(context, 'watchdog', watchdogMessage(context, this.options.seedTimeoutMs), performance.now() - head.startedMs));
    this.refill();
  }

  private dispatch(): void {
    if (this.broken !== undefined) {
      for (const entry of this.queue.splice(0)) {
        entry.resolve(lostSeedResult(entry.context, 'crash', crashMessage(entry.context, this.broken), 0));
      }
      return;
    }
    // Fill every ready worker's running slot first, then give each a seed to queue.
    for (let depth = 1; depth <= SEEDS_PER_WORKER_MAX; depth++) {
      for (const slot of this.slots) {
        if (this.queue.length === 0) return;
        if (!slot.ready || slot.retired || slot.sent.length >= depth) continue;
        const entry = this.queue.shift() as Entry;
        slot.sent.push({ entry, timer: undefined, startedMs: 0 });
        slot.worker.postMessage({ type: 'run', job: entry.job });
        this.startHead(slot);
      }
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
      for (const sent of slot.sent.splice(0)) {
        clearTimeout(sent.timer);
        pending.push(sent.entry);
      }
      stops.push(slot.worker.terminate());
    }
    this.slots.clear();
    for (const entry of pending) entry.reject(new PoolClosedError());
    this.settleCatalog({ topologies: [], errors: [] });
    await Promise.all(stops);
  }
}

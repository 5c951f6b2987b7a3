// A pool of worker threads running seeds. Each worker loads the project once, then holds a few
// seeds at a time (seed-pace.ts) and reports their results in batches. A seed that overruns its
// wall-clock budget gets its worker terminated (the watchdog) and a crashed worker is replaced,
// each reported as a failed seed, and the other seeds go on. A worker that dies or stalls while
// loading the project is replaced too, up to BOOT_ATTEMPTS_MAX times per pool.
import type { SeedResult } from '../../src/internal.js';
import type { Catalog } from '../protocol/catalog.js';
import { crashText, lostSeedResult, watchdogText, type LostSeedContext } from '../protocol/lost-seed.js';
import { SeedPace } from './seed-pace.js';
import type { FromWorker, SeedJob, ToWorker, WorkerInit } from '../protocol/messages.js';
import { WorkerSlot } from './worker-slot.js';
import type { EarlyWorker } from './early-worker.js';
import { listenTo, PoolClosedError, startWorker, type WorkerListener } from './worker-thread.js';

export { PoolClosedError } from './worker-thread.js';

/** Workers that may fail to load the project before every seed fails with the cause: one
 * environmental death (Node's loader hooks can leave an import unsettled, which ends a worker
 * with code 13) costs a replacement, a project that cannot load in a worker fails fast. */
export const BOOT_ATTEMPTS_MAX = 3;

/** Loading a project (tsx imports of the workload files) takes seconds; still loading after
 * this means it is stuck. An import can stay pending for good (a workload's top-level code
 * waiting on something that never happens, or Node 20's loader hooks answering "never
 * settles"): the boot timer turns that stall into a replaced worker. */
export const BOOT_TIMEOUT_MS = 120_000;

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
  context: LostSeedContext;
  resolve: (result: SeedResult) => void;
  reject: (error: Error) => void;
}

type Slot = WorkerSlot<Entry>;

export class WorkerPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Entry[] = [];
  private readonly pace = new SeedPace();
  private nextId = 1;
  private closed = false;
  private dispatchSoon: ReturnType<typeof setImmediate> | undefined;
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
  run(job: Omit<SeedJob, 'id'>, context: LostSeedContext): Promise<SeedResult> {
    if (this.closed) return Promise.reject(new PoolClosedError());
    return new Promise<SeedResult>((resolve, reject) => {
      this.queue.push({ job: { ...job, id: this.nextId++ }, context, resolve, reject });
      while (this.slots.size < Math.min(this.options.size, this.queue.length + this.busyCount())) this.spawn();
      this.scheduleDispatch();
    });
  }

  /** Seeds worth keeping in flight for `workers` workers: what each holds now (seed-pace.ts)
   * and as many again queued here, so a worker is refilled at once even while the seed loop,
   * which records results in seed order, waits on another worker's older seed. No more: seeds
   * past a stop point (--bail, a strategy) still run. */
  inFlightMax(workers: number): number {
    return workers * this.pace.depth() * 2;
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
    for (const slot of this.slots) busy += slot.held;
    return busy;
  }

  /** Starts a worker, or adopts `early` when it loads the same project. */
  private spawn(early?: EarlyWorker): void {
    const slot: Slot = new WorkerSlot<Entry>();
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

  /** Takes over a worker started before the pool (early-worker.ts); one loading another project is ended. */
  adopt(early: EarlyWorker): void {
    const sameProject = JSON.stringify(early.init) === JSON.stringify(this.options.init);
    if (this.closed || !sameProject || this.slots.size >= this.options.size) early.discard();
    else this.spawn(early);
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    if (message.type === 'ready') {
      clearTimeout(slot.bootTimer);
      slot.ready(message.progress);
      this.settleCatalog(message.catalog);
      this.scheduleDispatch();
    } else if (message.type === 'output') {
      const entry = slot.find(message.id);
      if (entry !== undefined) this.options.onOutput?.(entry.job, message.stream, message.text);
    } else if (message.type === 'results') {
      for (const { id, result } of message.results) {
        const entry = slot.release(id);
        if (entry === undefined) continue;
        this.pace.observe(result.wallMs);
        entry.resolve(result);
      }
      // After the seed loop has reacted to these results (microtasks): its new seeds go out in
      // one message per worker.
      this.scheduleDispatch();
    } else if (message.type === 'retire') {
      // Its seeds not begun go back to the front of the queue for a fresh worker.
      const { current, others } = slot.takeAll();
      this.queue.unshift(...(current === undefined ? others : [current, ...others]));
      this.retire(slot);
      this.refill();
    }
  }

  /** The watchdog's check: the worker's current seed against the seed budget. */
  private check(slot: Slot): void {
    if (slot.held === 0 || slot.retired) return;
    const leftMs = this.options.seedTimeoutMs - slot.currentMs();
    if (leftMs > 0) slot.arm(leftMs, () => this.check(slot));
    else this.watchdog(slot);
  }

  /** Empties a lost worker: returns its current seed; the others go back to the front of the queue. */
  private takeSent(slot: Slot): { entry: Entry; wallMs: number } | undefined {
    const { current, wallMs, others } = slot.takeAll();
    this.queue.unshift(...others);
    return current && { entry: current, wallMs };
  }

  private onExit(slot: Slot, code: number): void {
    clearTimeout(slot.bootTimer);
    this.slots.delete(slot);
    if (slot.retired || this.closed) return;
    const cause = slot.lastError ?? `the worker exited with code ${code}`;
    if (!slot.isReady) this.bootFailed(cause);
    const lost = this.takeSent(slot);
    if (lost !== undefined) {
      const { context } = lost.entry;
      lost.entry.resolve(lostSeedResult(context, 'crash', crashText(context, cause), lost.wallMs));
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
    this.scheduleDispatch();
  }

  /** A worker died or stalled before `ready`; after BOOT_ATTEMPTS_MAX of them the project is
   * taken as unloadable in a worker and every seed fails with the last cause. */
  private bootFailed(cause: string): void {
    if (++this.bootFailures < BOOT_ATTEMPTS_MAX) return;
    this.broken = `a worker could not load the project (${this.bootFailures} workers tried): ${cause}`;
    this.settleCatalog({ topologies: [], errors: [`${this.broken}. Run the command again; if it fails the same way, load the workload files alone (node --import tsx <file>) to see why.`], definitionErrors: 0 });
  }

  private bootStalled(slot: Slot): void {
    this.retire(slot);
    this.bootFailed(`the worker was still loading the project after ${this.bootTimeoutMs} ms and was stopped (a workload file's top-level code may wait on something that never happens)`);
    this.refill();
  }

  private watchdog(slot: Slot): void {
    const lost = this.takeSent(slot);
    this.retire(slot);
    if (lost !== undefined) {
      const { context } = lost.entry;
      lost.entry.resolve(lostSeedResult(context, 'watchdog', watchdogText(context, this.options.seedTimeoutMs), lost.wallMs));
    }
    this.refill();
  }

  /** Dispatches once this thread's current task and its microtasks are done. */
  private scheduleDispatch(): void {
    this.dispatchSoon ??= setImmediate(() => {
      this.dispatchSoon = undefined;
      this.dispatch();
    });
  }

  private dispatch(): void {
    if (this.closed) return;
    if (this.broken !== undefined) {
      for (const entry of this.queue.splice(0)) {
        entry.resolve(lostSeedResult(entry.context, 'crash', crashText(entry.context, this.broken), 0));
      }
      return;
    }
    // One seed per ready worker per round, so the last seeds of a case spread over the workers.
    const depth = this.pace.depth();
    const jobs = new Map<Slot, SeedJob[]>();
    for (let round = 1; round <= depth && this.queue.length > 0; round++) {
      for (const slot of this.slots) {
        if (this.queue.length === 0) break;
        if (!slot.isReady || slot.retired || slot.held >= round) continue;
        const entry = this.queue.shift() as Entry;
        slot.hold(entry);
        const batch = jobs.get(slot);
        if (batch === undefined) jobs.set(slot, [entry.job]);
        else batch.push(entry.job);
      }
    }
    for (const [slot, sent] of jobs) {
      slot.worker.postMessage({ type: 'run', jobs: sent } satisfies ToWorker);
      slot.arm(this.options.seedTimeoutMs, () => this.check(slot));
    }
  }

  /** Ends every worker; seeds still queued or running reject with a PoolClosedError. */
  async close(): Promise<void> {
    this.closed = true;
    clearImmediate(this.dispatchSoon);
    const pending = this.queue.splice(0);
    const stops: Promise<number>[] = [];
    for (const slot of this.slots) {
      slot.retired = true;
      clearTimeout(slot.bootTimer);
      const { current, others } = slot.takeAll();
      if (current !== undefined) pending.push(current);
      pending.push(...others);
      stops.push(slot.worker.terminate());
    }
    this.slots.clear();
    for (const entry of pending) entry.reject(new PoolClosedError());
    this.settleCatalog({ topologies: [], errors: [], definitionErrors: 0 });
    await Promise.all(stops);
  }
}

/** The project's catalog from one worker that loads it, then ends (--list; watch mode, with
 * `init.importGraph`): a workload file that exits or hangs while loading cannot take the main
 * thread with it. */
export async function projectCatalog(init: WorkerInit, seedTimeoutMs: number): Promise<Catalog> {
  const pool = new WorkerPool({ size: 1, init, seedTimeoutMs });
  try {
    return await pool.catalog();
  } finally {
    await pool.close();
  }
}

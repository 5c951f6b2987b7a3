import type { ProcessInfo, StateRegistry } from '../chaos/state-registry.js';
import { realGlobals } from '../core/real-globals.js';
import { deferred, type Deferred } from '../network/deferred.js';
import { ProcessLife } from '../providers/process-life.js';
import type { WorkloadInstance } from '../sim/definitions.js';
import { processAt, processesInZone, type StopKind } from '../sim/process-faults.js';
import type { RebootInfo } from '../sim/report.js';
import { ShutdownSignal } from '../sim/shutdown-signal.js';
import type { RealProcess, RealProcessSlot } from './real-process.js';

/** What the runner supplies: it builds instances and names failures its own way. */
export interface RealProcessHooks {
  /** The instance of the process's current incarnation, built with fresh providers (its life,
   * signal and incarnation). Throws the run's failure when the constructor throws. */
  construct(process: RealProcess): WorkloadInstance;
  /** The run's failure when a process's setup() or run() threw. */
  failure(kind: 'setup' | 'task', where: string, file: string, error: unknown): Error;
  /** A process went down or came up (the runner checks the invariants at once). */
  changed?(): void;
  /** A process stopped: `exit` (its run() returned after a graceful stop), `crash`, or `wipe`
   * (its storage must be erased). */
  halted?(process: RealProcess, how: 'exit' | 'crash' | 'wipe'): void;
}

type Timer = ReturnType<typeof realGlobals.setTimeout>;

const RUN = '--real run';

/** `server#0`, `server#0@2`. */
function nameOf(process: RealProcess): string {
  return process.incarnation === 0 ? process.id : `${process.id}@${process.incarnation}`;
}

/**
 * The lives of the processes of a --real run, on real timers: stops them (graceful, crash, wipe:
 * a crash whose storage folder the runner erases), keeps them down for real milliseconds, and restarts each as
 * a fresh incarnation (new instance, new providers, same role, index, address and zone). A stop
 * kills the incarnation's ProcessLife, so none of its pending provider operations settles again.
 * Every stop and restart runs in a macrotask of its own (a timer or setImmediate callback), never
 * in the middle of another process's continuation.
 */
export class RealSupervisor {
  readonly processes: RealProcess[];
  /** Every stop, in order; `timeMs` is real ms since the supervisor was built. */
  readonly reboots: RebootInfo[] = [];
  /** Rejects with the run's first failure: a restarted process's constructor or setup() threw,
   * or the run() of a live incarnation did. */
  readonly failed: Promise<never>;
  private rejectFailed!: (error: Error) => void;
  private failure: Error | undefined;
  private readonly startMs = realGlobals.performanceNow();
  private shutdownRequested = false;
  private liveness = false;
  private closed = false;
  private readonly restartTimers = new Map<RealProcess, Timer>();
  private readonly graceTimers = new Map<RealProcess, Timer>();
  /** downMs of a graceful stop in progress. */
  private readonly stopDownMs = new Map<RealProcess, number>();
  private readonly upWaiters = new Map<RealProcess, Deferred<void>[]>();
  private conditions: { holds: () => boolean; reached: Deferred<void> }[] = [];

  constructor(
    slots: readonly RealProcessSlot[],
    private readonly registry: StateRegistry,
    private readonly hooks: RealProcessHooks,
  ) {
    this.failed = new Promise<never>((_, reject) => (this.rejectFailed = reject));
    this.failed.catch(() => undefined);
    this.processes = slots.map((slot) => {
      const life = new ProcessLife(slot.id);
      return { ...slot, incarnation: 0, up: true, stopping: false, ready: false, runReturned: false, life, signal: this.signal(life) };
    });
    registry.attachProcesses(() => this.describe());
  }

  /** Builds every first incarnation, in order (the runner then sets each up). */
  constructAll(): void {
    for (const p of this.processes) p.instance = this.hooks.construct(p);
  }

  /** The process at `address`; a RangeError naming every valid address otherwise. */
  byAddress(address: string, what: string): RealProcess {
    return processAt(this.processes, address, what, RUN);
  }

  inZone(zone: number, what: string): RealProcess[] {
    return processesInZone(this.processes, zone, what, RUN);
  }

  get inLiveness(): boolean {
    return this.liveness;
  }

  /** Starts run() of every first incarnation (set up already). */
  startRuns(): void {
    for (const p of this.processes) this.spawnRun(p);
  }

  /** Resolves when `process` next restarts and its new incarnation is set up. */
  afterRestart(process: RealProcess): Promise<void> {
    const wait = deferred<void>();
    const list = this.upWaiters.get(process) ?? [];
    list.push(wait);
    this.upWaiters.set(process, list);
    return wait.promise;
  }

  /** Stops `process` now; call it from a macrotask of its own. False when it is already down or
   * stopping (left as it is), or the run is over. Infinity as `downMs` keeps it down until the
   * liveness phase. */
  stop(process: RealProcess, kind: StopKind, downMs: number, graceMs: number): boolean {
    if (this.closed || !process.up || process.stopping) return false;
    this.reboots.push({ timeMs: realGlobals.performanceNow() - this.startMs, address: process.address, kind, downMs });
    if (kind !== 'graceful' || process.runReturned) {
      this.halt(process, downMs, kind === 'graceful' ? 'exit' : kind);
      return true;
    }
    process.stopping = true;
    this.stopDownMs.set(process, downMs);
    process.signal.fire();
    this.graceTimers.set(
      process,
      realGlobals.setTimeout(() => this.halt(process, downMs, 'crash'), graceMs),
    );
    this.notify();
    return true;
  }

  /** The liveness phase begins (in a macrotask of its own): every process stopping or down
   * restarts now. Resolves once they are restarting (allReady() tells when they are set up). */
  enterLiveness(): Promise<void> {
    return new Promise((resolve) =>
      realGlobals.setImmediate(() => {
        this.liveness = true;
        for (const p of this.processes) if (p.stopping) this.halt(p, 0, 'crash');
        for (const p of this.processes) {
          if (p.up) continue;
          const pending = this.restartTimers.get(p);
          if (pending !== undefined) realGlobals.clearTimeout(pending);
          this.restart(p);
        }
        resolve();
      }),
    );
  }

  /** The topology's shutdown: every live incarnation's signal fires, and later ones start fired. */
  shutdown(): void {
    this.shutdownRequested = true;
    for (const p of this.processes) if (p.up) p.signal.fire();
  }

  /** The run is over (in a macrotask of its own): no more stops or restarts, and every
   * incarnation is killed, so no workload timer, socket or listener outlives the run. */
  close(): Promise<void> {
    return new Promise((resolve) =>
      realGlobals.setImmediate(() => {
        this.closed = true;
        for (const timer of [...this.restartTimers.values(), ...this.graceTimers.values()]) realGlobals.clearTimeout(timer);
        this.restartTimers.clear();
        this.graceTimers.clear();
        for (const p of this.processes) p.life.kill();
        resolve();
      }),
    );
  }

  /** Resolves once `holds()` is true (checked now and after every change of a process);
   * rejects with the run's failure. */
  until(holds: () => boolean): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (holds()) return Promise.resolve();
    const reached = deferred<void>();
    reached.promise.catch(() => undefined);
    this.conditions.push({ holds, reached });
    return reached.promise;
  }

  /** Every non-service process is up and its run() returned: the safety phase may end. */
  safetyDone(): boolean {
    return this.processes.every((p) => p.definition.service || (p.up && !p.stopping && p.runReturned));
  }

  /** Every process is up and set up. */
  allReady(): boolean {
    return this.processes.every((p) => p.up && p.ready);
  }

  /** Every process is up and its run() returned. */
  allReturned(): boolean {
    return this.processes.every((p) => p.up && p.runReturned);
  }

  /** `server#1@2, client#0` for the processes `done` does not hold for. */
  pending(done: (p: RealProcess) => boolean): string {
    return this.processes
      .filter((p) => !done(p))
      .map(nameOf)
      .join(', ');
  }

  /** Processes, as invariants and nemeses see them. */
  describe(): ProcessInfo[] {
    return this.processes.map((p) => ({ address: p.address, role: p.role, index: p.index, zone: p.zone, up: p.up, incarnation: p.incarnation }));
  }

  /** A new shutdown signal whose waits never settle once `life` is killed. */
  private signal(life: ProcessLife): ShutdownSignal {
    const signal = new ShutdownSignal(() => {
      const wait = deferred<void>();
      return { promise: life.guard(wait.promise), resolve: () => wait.resolve() };
    });
    if (this.shutdownRequested) signal.fire();
    return signal;
  }

  private fail(error: Error): void {
    if (this.closed || this.failure !== undefined) return;
    this.failure = error;
    this.rejectFailed(error);
    for (const { reached } of this.conditions) reached.reject(error);
    this.conditions = [];
  }

  /** Conditions waited on may hold now. */
  private notify(): void {
    this.conditions = this.conditions.filter(({ holds, reached }) => {
      if (!holds()) return true;
      reached.resolve();
      return false;
    });
  }

  private processesChanged(): void {
    this.registry.noteProcessesChanged();
    this.hooks.changed?.();
    this.notify();
  }

  private spawnRun(process: RealProcess): void {
    const { life, incarnation } = process;
    const instance = process.instance!;
    const where = `${nameOf(process)}.run`;
    life.guard(Promise.resolve().then(() => instance.run())).then(
      () => this.runEnded(process, incarnation),
      (error: unknown) => this.fail(this.hooks.failure('task', where, process.definition.file, error)),
    );
  }

  private runEnded(process: RealProcess, incarnation: number): void {
    if (process.incarnation !== incarnation || !process.up) return;
    process.runReturned = true;
    // A graceful stop ends when run() returns: the process exits in a macrotask of its own.
    if (process.stopping) {
      realGlobals.setImmediate(() => {
        if (process.incarnation === incarnation) this.halt(process, this.stopDownMs.get(process) ?? 0, 'exit');
      });
    }
    this.notify();
  }

  private halt(process: RealProcess, downMs: number, how: 'exit' | 'crash' | 'wipe'): void {
    if (!process.up) return;
    const grace = this.graceTimers.get(process);
    if (grace !== undefined) realGlobals.clearTimeout(grace);
    this.graceTimers.delete(process);
    this.stopDownMs.delete(process);
    process.up = false;
    process.stopping = false;
    process.ready = false;
    process.life.kill();
    this.hooks.halted?.(process, how);
    this.processesChanged();
    if (this.closed) return;
    const delayMs = this.liveness ? 0 : downMs;
    // Infinity: down until the liveness phase restarts it.
    if (Number.isFinite(delayMs)) this.restartTimers.set(process, realGlobals.setTimeout(() => this.restart(process), delayMs));
  }

  private restart(process: RealProcess): void {
    this.restartTimers.delete(process);
    if (this.closed || process.up) return;
    process.incarnation++;
    const life = new ProcessLife(nameOf(process));
    process.life = life;
    process.signal = this.signal(life);
    process.up = true;
    process.runReturned = false;
    process.ready = false;
    process.instance = undefined;
    this.processesChanged();
    let instance: WorkloadInstance;
    try {
      instance = this.hooks.construct(process);
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    process.instance = instance;
    const where = `${nameOf(process)}.setup`;
    life.guard(Promise.resolve().then(() => instance.setup?.())).then(
      () => {
        process.ready = true;
        this.spawnRun(process);
        const waiters = this.upWaiters.get(process) ?? [];
        this.upWaiters.delete(process);
        for (const waiter of waiters) waiter.resolve();
        this.notify();
      },
      (error: unknown) => this.fail(this.hooks.failure('setup', where, process.definition.file, error)),
    );
  }
}

import { formatMs } from '../core/format-ms.js';
import type { ProcessInfo, StateRegistry } from '../chaos/state-registry.js';
import type { Injector } from '../model/injection.js';
import { processAt, processesInZone, type RebootInfo, type StopKind } from '../model/process-faults.js';
import type { SignalWait } from '../model/shutdown-signal.js';
import { ShutdownSignal } from '../model/shutdown-signal.js';
import type { ClusterProcess } from './cluster-process.js';
import { constructInstance } from './instance.js';
import type { IncarnationScope, LifecycleWorld, Timer } from './lifecycle-world.js';

/** How a process ended: a clean exit, a crash, or a crash that erases its disk. */
export type HaltKind = 'exit' | 'crash' | 'wipe';

/**
 * The lives of a cluster's processes, in a simulation or with --real: stops them (graceful,
 * crash, wipe), keeps them down, and restarts each as a fresh incarnation (new instance, new
 * providers, new scope, same role, index, address and zone). A stop happens in a turn of its
 * own, never in the middle of another process's continuation; a stopped incarnation's scope is
 * killed, so none of its code runs again.
 */
export class Supervisor<S extends IncarnationScope> {
  readonly processes: ClusterProcess<S>[] = [];
  /** Every stop, in order; `timeMs` is the world's (simulated, or real ms since the run began). */
  readonly reboots: RebootInfo[] = [];
  readonly counts: Record<StopKind, number> = { graceful: 0, crash: 0, wipe: 0 };
  /** Called as a process stops: `exit` when its run() returned after a graceful stop (its disk
   * keeps everything), `crash` (unsynced data may be lost or torn), `wipe` (its disk erased). */
  readonly onHalt: ((process: ClusterProcess<S>, how: HaltKind) => void)[] = [];
  private shutdownRequested = false;
  private liveness = false;
  private closed = false;
  private readonly restartTimers = new Map<ClusterProcess<S>, Timer>();
  private readonly graceTimers = new Map<ClusterProcess<S>, Timer>();
  /** downMs of a graceful stop in progress. */
  private readonly stopDownMs = new Map<ClusterProcess<S>, number>();
  private readonly upWaiters = new Map<ClusterProcess<S>, SignalWait[]>();

  constructor(
    private readonly world: LifecycleWorld<S>,
    private readonly registry: StateRegistry,
    /** Fresh providers for the process's current incarnation (its scope, signal, incarnation). */
    private readonly injectorFor: (process: ClusterProcess<S>) => Injector,
    /** `seed 42`, `--real run`: named when a ProcessFaults argument is wrong. */
    private readonly run: string,
  ) {
    registry.attachProcesses(() => this.describe());
  }

  /** A new shutdown signal whose waits end with `scope` (with --real; in a simulation they
   * belong to the task that awaits them). */
  signal(scope: S): ShutdownSignal {
    const signal = new ShutdownSignal((label) => this.world.waiter(label, scope));
    if (this.shutdownRequested) signal.fire();
    return signal;
  }

  /** The process at `address`; a RangeError naming every valid address otherwise. */
  byAddress(address: string, what: string): ClusterProcess<S> {
    return processAt(this.processes, address, what, this.run);
  }

  inZone(zone: number, what: string): ClusterProcess<S>[] {
    return processesInZone(this.processes, zone, what, this.run);
  }

  get inLiveness(): boolean {
    return this.liveness;
  }

  /** Starts run() of every first incarnation (set up already). */
  startRuns(): void {
    for (const p of this.processes) {
      this.world.started(p.id, 0);
      this.spawnRun(p);
    }
  }

  /** A wait that ends when `process` next restarts and its new incarnation is set up; with
   * --real it never ends once `scope` (the caller's incarnation) is killed. */
  afterRestart(process: ClusterProcess<S>, scope?: S): Promise<void> {
    const waiter = this.world.waiter(`reboot(${process.address})`, scope);
    const list = this.upWaiters.get(process) ?? [];
    list.push(waiter);
    this.upWaiters.set(process, list);
    return waiter.promise;
  }

  /** Stops `process` now (call it from a turn of its own). False when it is already down or
   * stopping, which is left as it is, or when the run is over. */
  stop(process: ClusterProcess<S>, kind: StopKind, downMs: number, graceMs: number): boolean {
    if (this.closed || !process.up || process.stopping) return false;
    const text = () => `${kind} stop of ${process.id} (${process.address}), down ${formatMs(downMs)}`;
    if (!this.world.admitStop(process.id, text, downMs)) return false;
    this.counts[kind]++;
    this.reboots.push({ timeMs: this.world.nowMs(), address: process.address, kind, downMs });
    if (kind !== 'graceful' || process.runReturned) {
      this.halt(process, downMs, kind === 'graceful' ? 'exit' : kind);
      return true;
    }
    process.stopping = true;
    this.stopDownMs.set(process, downMs);
    process.signal.fire();
    this.graceTimers.set(
      process,
      this.world.schedule(graceMs, 'process-grace-end', () => this.halt(process, downMs, 'crash')),
    );
    this.world.changed();
    return true;
  }

  /** The liveness phase begins (between two turns of the world): every process stopping or down restarts now. */
  enterLiveness(): void {
    this.liveness = true;
    for (const p of this.processes) if (p.stopping) this.halt(p, 0, 'crash');
    for (const p of this.processes) {
      if (p.up) continue;
      // Kept down for good (downMs Infinity) has no restart pending: it restarts all the same.
      this.restartTimers.get(p)?.cancel();
      this.restart(p);
    }
  }

  /** The topology's shutdown: every live incarnation's signal fires, and later ones start fired. */
  shutdown(): void {
    this.shutdownRequested = true;
    for (const p of this.processes) if (p.up) p.signal.fire();
  }

  /** The run is over (between two turns of the world): no more stops or restarts, and every
   * incarnation is killed, so nothing of it (a timer, a socket, a listener) outlives the run. */
  close(): void {
    this.closed = true;
    for (const timer of [...this.restartTimers.values(), ...this.graceTimers.values()]) timer.cancel();
    this.restartTimers.clear();
    this.graceTimers.clear();
    for (const p of this.processes) p.scope.kill();
  }

  /** Every non-service process is up and its run() returned: the safety phase may end. */
  safetyDone(): boolean {
    for (const p of this.processes) {
      if (!p.definition.service && !(p.up && !p.stopping && p.runReturned)) return false;
    }
    return true;
  }

  /** Every process is up and set up (after restarts at the start of the liveness phase). */
  allReady(): boolean {
    return this.processes.every((p) => p.up && p.ready);
  }

  /** Every process is up and its run() returned. */
  allReturned(): boolean {
    return this.processes.every((p) => p.up && p.runReturned);
  }

  /** Processes, as invariants and nemeses see them. */
  describe(): ProcessInfo[] {
    return this.processes.map((p) => ({ address: p.address, role: p.role, index: p.index, zone: p.zone, up: p.up, incarnation: p.incarnation }));
  }

  /** Steps (or a note) of processes not yet done, for liveness reports. */
  pendingTasks(done: (p: ClusterProcess<S>) => boolean): { name: string; awaiting: string[] }[] {
    return this.processes
      .filter((p) => !done(p))
      .map((p) =>
        p.up && p.runStep !== undefined
          ? { name: p.runStep.name, awaiting: p.runStep.describeWaits() }
          : { name: p.id, awaiting: [p.up ? 'its setup()' : 'its restart (the process is down)'] },
      );
  }

  private spawnRun(process: ClusterProcess<S>): void {
    const instance = process.instance!;
    const incarnation = process.incarnation;
    process.runStep = this.world.step(
      `${process.id}.run${suffix(incarnation)}`,
      undefined,
      async () => {
        await instance.run();
        this.runEnded(process, incarnation);
      },
      process.scope,
    );
  }

  private runEnded(process: ClusterProcess<S>, incarnation: number): void {
    // With --real, a stopped incarnation's run() may still return (Node cannot stop code).
    if (process.incarnation !== incarnation || !process.up) return;
    process.runReturned = true;
    // A graceful stop ends when run() returns: the process exits in a turn of its own, unless
    // the liveness phase restarted it in between.
    if (process.stopping) {
      this.world.schedule(0, 'process-exit', () => {
        if (process.incarnation === incarnation) this.halt(process, this.stopDownMs.get(process) ?? 0, 'exit');
      });
    }
    this.world.changed();
  }

  private halt(process: ClusterProcess<S>, downMs: number, how: HaltKind): void {
    if (!process.up) return;
    this.graceTimers.get(process)?.cancel();
    this.graceTimers.delete(process);
    this.stopDownMs.delete(process);
    this.world.kill(process);
    process.up = false;
    process.stopping = false;
    process.ready = false;
    this.registry.noteProcessesChanged();
    for (const hook of this.onHalt) hook(process, how);
    this.world.changed();
    if (this.closed) return;
    const delayMs = this.liveness ? 0 : downMs;
    // Infinity: down until the liveness phase restarts it.
    if (Number.isFinite(delayMs)) this.restartTimers.set(process, this.world.schedule(delayMs, 'process-restart', () => this.restart(process)));
  }

  private restart(process: ClusterProcess<S>): void {
    this.restartTimers.delete(process);
    if (this.closed) return;
    const incarnation = ++process.incarnation;
    this.world.started(process.id, incarnation);
    process.scope = this.world.scope(`${process.id}@${incarnation}`);
    process.signal = this.signal(process.scope);
    process.up = true;
    process.runReturned = false;
    process.runStep = undefined;
    process.instance = undefined;
    process.injector = this.injectorFor(process);
    this.registry.noteProcessesChanged();
    this.world.changed();
    const { target, file } = process.definition;
    const owner = { where: `${process.id}${suffix(incarnation)}`, className: target.name, file };
    this.world.step(
      `${process.id}.start${suffix(incarnation)}`,
      owner,
      async () => {
        const instance = constructInstance(process.injector, target, file, owner.where);
        process.instance = instance;
        if (typeof instance.setup === 'function') await instance.setup();
        // With --real, a stopped incarnation's setup() may still return: it goes no further.
        if (process.incarnation !== incarnation) return;
        process.ready = true;
        this.spawnRun(process);
        const waiters = this.upWaiters.get(process) ?? [];
        this.upWaiters.delete(process);
        for (const waiter of waiters) waiter.resolve();
        this.world.changed();
      },
      process.scope,
    );
  }
}

function suffix(incarnation: number): string {
  return incarnation === 0 ? '' : `@${incarnation}`;
}

import type { SimEvent } from '../core/event.js';
import { TaskScope } from '../core/task-scope.js';
import type { Waiter } from '../core/waiter.js';
import type { SimWorld } from '../core/world.js';
import type { StateRegistry } from '../chaos/state-registry.js';
import type { Injector } from './injection.js';
import { constructInstance, lifecycleTask } from './lifecycle-task.js';
import type { ProcessInfo } from '../chaos/state-registry.js';
import { processAt, processesInZone, type StopKind } from './process-faults.js';
import { ShutdownSignal } from './shutdown-signal.js';
import type { SimProcess } from './sim-process.js';

/** How a process ended: a clean exit, a crash, or a crash that erases its disk. */
export type HaltKind = 'exit' | 'crash' | 'wipe';

/** One injected reboot, for the seed's report. */
export interface RebootRecord {
  timeMs: number;
  address: string;
  kind: StopKind;
  downMs: number;
}

/** What the supervisor needs of the network: a stopped process's sockets go away. */
export interface HostStopper {
  stopHost(ip: string): void;
}

/**
 * The lives of a seed's processes: stops them (graceful, crash, wipe), keeps them down, and
 * restarts each as a fresh incarnation (new instance, new providers, new task scope, same role,
 * index, address and zone). A stop happens inside an event of its own, never in the middle of
 * another task's drain; a stopped incarnation's tasks are killed, so none of its code runs again.
 */
export class Supervisor {
  readonly reboots: RebootRecord[] = [];
  readonly counts: Record<StopKind, number> = { graceful: 0, crash: 0, wipe: 0 };
  /** Called as a process stops: `exit` when its run() returned after a graceful stop (its disk
   * keeps everything), `crash` (unsynced data may be lost or torn), `wipe` (its disk erased). */
  readonly onHalt: ((process: SimProcess, how: HaltKind) => void)[] = [];
  private shutdownRequested = false;
  private liveness = false;
  private readonly restartEvents = new Map<SimProcess, SimEvent>();
  private readonly graceEvents = new Map<SimProcess, SimEvent>();
  /** downMs of a graceful stop in progress. */
  private readonly stopDownMs = new Map<SimProcess, number>();
  private readonly upWaiters = new Map<SimProcess, Waiter<void>[]>();

  constructor(
    private readonly world: SimWorld,
    readonly processes: readonly SimProcess[],
    private readonly network: HostStopper,
    private readonly registry: StateRegistry,
    /** Fresh providers for the process's current incarnation (its scope, signal, incarnation). */
    private readonly injectorFor: (process: SimProcess) => Injector,
  ) {
    registry.attachProcesses(() => this.describe());
  }

  /** A new shutdown signal whose waits belong to the task that awaits it. */
  signal(): ShutdownSignal {
    const signal = new ShutdownSignal((label) => this.world.waiter<void>(label));
    if (this.shutdownRequested) signal.fire();
    return signal;
  }

  /** The process at `address`; a RangeError naming every valid address otherwise. */
  byAddress(address: string, what: string): SimProcess {
    return processAt(this.processes, address, what, `seed ${this.world.seed}`);
  }

  inZone(zone: number, what: string): SimProcess[] {
    return processesInZone(this.processes, zone, what, `seed ${this.world.seed}`);
  }

  get inLiveness(): boolean {
    return this.liveness;
  }

  /** Starts run() of every first incarnation (set up already). */
  startRuns(): void {
    for (const p of this.processes) this.spawnRun(p);
  }

  /** A wait, owned by the task running now, that ends when `process` next restarts and its
   * new incarnation is set up. */
  afterRestart(process: SimProcess): Promise<void> {
    const waiter = this.world.waiter<void>(`reboot(${process.address})`);
    const list = this.upWaiters.get(process) ?? [];
    list.push(waiter);
    this.upWaiters.set(process, list);
    return waiter.promise;
  }

  /** Stops `process` now (call it from an event of its own). False when it is already down or
   * stopping, which is left as it is. */
  stop(process: SimProcess, kind: StopKind, downMs: number, graceMs: number): boolean {
    if (!process.up || process.stopping) return false;
    this.counts[kind]++;
    this.reboots.push({ timeMs: this.world.nowMs, address: process.address, kind, downMs });
    if (kind !== 'graceful' || process.runReturned) {
      this.halt(process, downMs, kind === 'graceful' ? 'exit' : kind);
      return true;
    }
    process.stopping = true;
    this.stopDownMs.set(process, downMs);
    process.signal.fire();
    this.graceEvents.set(
      process,
      this.world.schedule(graceMs, 'process-grace-end', () => this.halt(process, downMs, 'crash')),
    );
    return true;
  }

  /** The liveness phase begins: every process stopping or down restarts now. */
  enterLiveness(): void {
    this.liveness = true;
    for (const p of this.processes) if (p.stopping) this.halt(p, 0, 'crash');
    for (const p of this.processes) {
      if (p.up) continue;
      // Kept down for good (downMs Infinity) has no restart pending: it restarts all the same.
      const pending = this.restartEvents.get(p);
      if (pending !== undefined) this.world.cancel(pending);
      this.restart(p);
    }
  }

  /** The topology's shutdown: every live incarnation's signal fires, and later ones start fired. */
  shutdown(): void {
    this.shutdownRequested = true;
    for (const p of this.processes) if (p.up) p.signal.fire();
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

  /** Processes, as invariants see them. */
  describe(): ProcessInfo[] {
    return this.processes.map((p) => ({ address: p.address, role: p.role, index: p.index, zone: p.zone, up: p.up, incarnation: p.incarnation }));
  }

  /** Tasks (or a note) of processes not yet done, for liveness reports. */
  pendingTasks(done: (p: SimProcess) => boolean): { name: string; awaiting: string[] }[] {
    return this.processes
      .filter((p) => !done(p))
      .map((p) =>
        p.up && p.runTask !== undefined
          ? { name: p.runTask.name, awaiting: p.runTask.describeWaits() }
          : { name: p.id, awaiting: [p.up ? 'its setup()' : 'its restart (the process is down)'] },
      );
  }

  private spawnRun(process: SimProcess): void {
    const instance = process.instance!;
    const incarnation = process.incarnation;
    process.runTask = lifecycleTask(
      this.world,
      `${process.id}.run${suffix(incarnation)}`,
      undefined,
      async () => {
        await instance.run();
        this.runEnded(process, incarnation);
      },
      process.scope,
    );
  }

  private runEnded(process: SimProcess, incarnation: number): void {
    if (process.incarnation !== incarnation) return;
    process.runReturned = true;
    // A graceful stop ends when run() returns: the process exits in an event of its own.
    if (process.stopping) this.world.schedule(0, 'process-exit', () => this.halt(process, this.stopDownMs.get(process) ?? 0, 'exit'));
  }

  private halt(process: SimProcess, downMs: number, how: HaltKind): void {
    if (!process.up) return;
    const grace = this.graceEvents.get(process);
    if (grace !== undefined) this.world.cancel(grace);
    this.graceEvents.delete(process);
    this.stopDownMs.delete(process);
    process.scope.kill();
    this.network.stopHost(process.ip);
    process.up = false;
    process.stopping = false;
    process.ready = false;
    this.registry.noteProcessesChanged();
    for (const hook of this.onHalt) hook(process, how);
    const delayMs = this.liveness ? 0 : downMs;
    // Infinity: down until the liveness phase restarts it.
    if (Number.isFinite(delayMs)) this.restartEvents.set(process, this.world.schedule(delayMs, 'process-restart', () => this.restart(process)));
  }

  private restart(process: SimProcess): void {
    this.restartEvents.delete(process);
    const incarnation = ++process.incarnation;
    process.scope = new TaskScope(`${process.id}@${incarnation}`);
    process.signal = this.signal();
    process.up = true;
    process.runReturned = false;
    process.runTask = undefined;
    process.injector = this.injectorFor(process);
    this.registry.noteProcessesChanged();
    const { target, file } = process.definition;
    const owner = { where: `${process.id}${suffix(incarnation)}`, className: target.name, file };
    lifecycleTask(
      this.world,
      `${process.id}.start${suffix(incarnation)}`,
      owner,
      async () => {
        const instance = constructInstance(process.injector, target, file, owner.where);
        process.instance = instance;
        if (typeof instance.setup === 'function') await instance.setup();
        process.ready = true;
        this.spawnRun(process);
        const waiters = this.upWaiters.get(process) ?? [];
        this.upWaiters.delete(process);
        for (const waiter of waiters) waiter.resolve();
      },
      process.scope,
    );
  }
}

function suffix(incarnation: number): string {
  return incarnation === 0 ? '' : `@${incarnation}`;
}

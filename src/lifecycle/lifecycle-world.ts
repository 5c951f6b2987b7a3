import type { InvariantCheck } from '../chaos/invariants.js';
import type { StateRegistry } from '../chaos/state-registry.js';
import type { SimulationError } from '../core/errors.js';
import type { SignalWait } from '../model/shutdown-signal.js';
import type { Owner } from '../model/failure.js';
import type { ClusterProcess } from './cluster-process.js';

/** What dies with one incarnation of a process: a TaskScope in a simulation, a ProcessLife with --real. */
export interface IncarnationScope {
  kill(): void;
}

/** A scheduled callback that can still be called off. */
export interface Timer {
  cancel(): void;
}

/** A lifecycle step running (construct, setup(), run(), check()): what liveness reports name. */
export interface LifecycleStep {
  readonly name: string;
  readonly finished: boolean;
  /** What it is waiting for, when the world can tell. */
  describeWaits(): string[];
}

/** A time bound on a lifecycle stage. */
export interface Deadline {
  readonly expired: boolean;
  cancel(): void;
}

/**
 * Where a cluster lives: simulated time and tasks (a seed), or real timers and promises (--real).
 * The lifecycle (runPhases), the Supervisor, attrition and ProcessFaults are written once against
 * it; only these primitives differ between the two.
 */
export interface LifecycleWorld<S extends IncarnationScope> {
  /** How its milliseconds are named in reports. */
  readonly clock: 'simulated' | 'real';
  /** Ms since the run began. */
  nowMs(): number;
  /** Calls `run` after `delayMs`, in a turn of its own (an event; with --real a macrotask). */
  schedule(delayMs: number, kind: string, run: () => void, runsUserCode?: boolean): Timer;
  /** The scope of a new incarnation (`server#0@2`). */
  scope(name: string): S;
  /** The incarnation of `process` stopped: none of its code runs again, its sockets and listeners go. */
  kill(process: ClusterProcess<S>): void;
  /** A wait that ends with resolve(): owned by the running task in a simulation; with --real it
   * never settles once `scope` is killed. */
  waiter(label: string, scope?: S): SignalWait;
  /** Runs a lifecycle step; what it throws fails the run (`setupOf` names a setup() step). */
  step(name: string, setupOf: Owner | undefined, fn: () => unknown, scope?: S): LifecycleStep;
  /** Resolves true once `done()` holds, false once `deadline` passed first; rejects with the run's failure. */
  until(done: () => boolean, deadline?: Deadline): Promise<boolean>;
  deadline(ms: number, kind: string): Deadline;
  /** Runs `fn` between two turns of the world, so no continuation of a process it stops is left behind. */
  between(fn: () => void): Promise<void>;
  /** A process went down, came up or finished a step: invariants and conditions may have changed. */
  changed(): void;
  /** A process stop is about to happen: false when the run vetoes it (--only-faults, --shrink). */
  admitStop(process: string, text: () => string, downMs: number): boolean;
  /** A process (re)started: the timeline hears of it. */
  started(process: string, incarnation: number): void;
  /** Adds the run's position to an error about it. */
  stamp<E extends SimulationError>(error: E): E;
  /** Checks the invariants whenever the registered state may have changed; the first to throw fails the run. */
  watchInvariants(registry: StateRegistry, invariants: readonly InvariantCheck[]): void;
}

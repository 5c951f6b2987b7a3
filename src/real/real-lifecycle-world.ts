import { invariantChecker, type InvariantCheck } from '../chaos/invariants.js';
import type { StateRegistry } from '../chaos/state-registry.js';
import { TIMER_MS_MAX } from '../core/node-delay.js';
import { SimulationError, TaskFailedError } from '../core/errors.js';
import { realGlobals } from '../core/real-globals.js';
import { isInstance } from '../core/thrown-text.js';
import type { ClusterProcess } from '../lifecycle/cluster-process.js';
import { stepFailure } from '../lifecycle/instance.js';
import type { Deadline, LifecycleStep, LifecycleWorld, Timer } from '../lifecycle/lifecycle-world.js';
import { deferred } from '../network/deferred.js';
import { ProcessLife } from '../providers/process-life.js';
import type { SignalWait } from '../model/shutdown-signal.js';
import type { Owner } from '../model/failure.js';

/** How often the invariants look at the registered state during a --real run, besides every
 * change of a process. */
const REAL_INVARIANT_PERIOD_MS = 10;

class RealStep implements LifecycleStep {
  finished = false;

  constructor(readonly name: string) {}

  /** Real sockets and timers: nothing moonpool can name. */
  describeWaits(): string[] {
    return [];
  }
}

class RealDeadline implements Deadline {
  expired = false;
  private readonly timer: ReturnType<typeof realGlobals.setTimeout>;

  constructor(ms: number, expire: () => void) {
    this.timer = realGlobals.setTimeout(() => {
      this.expired = true;
      expire();
    }, Math.min(ms, TIMER_MS_MAX));
  }

  cancel(): void {
    realGlobals.clearTimeout(this.timer);
  }
}

interface Condition {
  done: () => boolean;
  deadline: Deadline | undefined;
  settle: (reached: boolean) => void;
  fail: (error: unknown) => void;
}

/**
 * The lifecycle's world in a --real run: real timers, promises and Node providers. Each
 * incarnation's scope is a ProcessLife its providers share (killing it stops its code from ever
 * running again); stops and restarts run in macrotasks of their own. Conditions are looked at
 * whenever a step ends or a process changes, invariants also every REAL_INVARIANT_PERIOD_MS.
 */
export class RealLifecycleWorld implements LifecycleWorld<ProcessLife> {
  readonly clock = 'real';
  private readonly startMs = realGlobals.performanceNow();
  private failure: SimulationError | undefined;
  private conditions: Condition[] = [];
  private checkInvariants: () => void = () => undefined;
  private monitor: ReturnType<typeof realGlobals.setInterval> | undefined;

  nowMs(): number {
    return realGlobals.performanceNow() - this.startMs;
  }

  schedule(delayMs: number, kind: string, run: () => void): Timer {
    const guarded = () => {
      try {
        run();
      } catch (error) {
        this.fail(isInstance(error, SimulationError) ? error : new TaskFailedError(kind, error));
      }
    };
    if (delayMs === 0) {
      const immediate = realGlobals.setImmediate(guarded);
      return { cancel: () => realGlobals.clearImmediate(immediate) };
    }
    const timeout = realGlobals.setTimeout(guarded, Math.min(delayMs, TIMER_MS_MAX));
    return { cancel: () => realGlobals.clearTimeout(timeout) };
  }

  scope(name: string): ProcessLife {
    return new ProcessLife(name);
  }

  /** Its providers' timers, sockets and listeners go with its life. */
  kill(process: ClusterProcess<ProcessLife>): void {
    process.scope.kill();
  }

  waiter(_label: string, scope?: ProcessLife): SignalWait {
    const wait = deferred<void>();
    return { promise: scope === undefined ? wait.promise : scope.guard(wait.promise), resolve: () => wait.resolve() };
  }

  step(name: string, setupOf: Owner | undefined, fn: () => unknown, scope?: ProcessLife): LifecycleStep {
    const step = new RealStep(name);
    const outcome = Promise.resolve().then(fn);
    (scope === undefined ? outcome : scope.guard(outcome)).then(
      () => {
        step.finished = true;
        this.changed();
      },
      (error: unknown) => this.fail(stepFailure(name, setupOf, error)),
    );
    return step;
  }

  until(done: () => boolean, deadline?: Deadline): Promise<boolean> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (done()) return Promise.resolve(true);
    if (deadline?.expired) return Promise.resolve(false);
    return new Promise((settle, fail) => this.conditions.push({ done, deadline, settle, fail }));
  }

  deadline(ms: number): Deadline {
    return new RealDeadline(ms, () => this.changed());
  }

  between(fn: () => void): Promise<void> {
    return new Promise((resolve, reject) =>
      realGlobals.setImmediate(() => {
        try {
          fn();
          resolve();
        } catch (error) {
          reject(error);
        }
      }),
    );
  }

  /** A real run vetoes nothing and records no timeline. */
  admitStop(): boolean {
    return true;
  }

  started(): void {}

  changed(): void {
    this.checkInvariants();
    if (this.failure !== undefined) return;
    this.conditions = this.conditions.filter((condition) => {
      if (condition.done()) condition.settle(true);
      else if (condition.deadline?.expired) condition.settle(false);
      else return true;
      return false;
    });
  }

  /** No simulated position to add. */
  stamp<E extends SimulationError>(error: E): E {
    return error;
  }

  watchInvariants(registry: StateRegistry, invariants: readonly InvariantCheck[]): void {
    if (invariants.length === 0) return;
    const check = invariantChecker(registry, invariants);
    this.checkInvariants = () => {
      if (this.failure !== undefined) return;
      const violation = check();
      if (violation !== undefined) this.fail(violation);
    };
    this.monitor = realGlobals.setInterval(() => this.changed(), REAL_INVARIANT_PERIOD_MS);
  }

  /** The run is over: the invariants stop looking. */
  dispose(): void {
    realGlobals.clearInterval(this.monitor);
  }

  private fail(error: SimulationError): void {
    if (this.failure !== undefined) return;
    this.failure = error;
    for (const condition of this.conditions) condition.fail(error);
    this.conditions = [];
  }
}

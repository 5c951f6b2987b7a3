import { watchInvariants, type InvariantCheck } from '../chaos/invariants.js';
import type { StateRegistry } from '../chaos/state-registry.js';
import type { SimulationError } from '../core/errors.js';
import type { SimEvent } from '../core/event.js';
import { TaskScope } from '../core/task-scope.js';
import type { SimTask } from '../core/task.js';
import type { Waiter } from '../core/waiter.js';
import type { SimWorld } from '../core/world.js';
import type { ClusterProcess } from '../lifecycle/cluster-process.js';
import type { Deadline, LifecycleWorld, Timer } from '../lifecycle/lifecycle-world.js';
import type { SimNetwork } from '../network/sim-network.js';
import type { Owner } from '../model/failure.js';
import { lifecycleTask } from './lifecycle-task.js';

/** A simulated-time bound: an event that only raises a flag the stage's condition reads. */
class SimDeadline implements Deadline {
  expired = false;
  private readonly event: SimEvent;

  constructor(world: SimWorld, ms: number, kind: string) {
    this.event = world.schedule(ms, kind, () => (this.expired = true));
  }

  cancel(): void {
    this.event.cancelled = true;
  }
}

/** The lifecycle's world in a simulated seed: events, tasks and waits of `world`, processes on
 * the hosts of the simulated network. */
export class SimLifecycleWorld implements LifecycleWorld<TaskScope> {
  readonly clock = 'simulated';

  constructor(
    readonly world: SimWorld,
    private readonly network: SimNetwork,
  ) {}

  nowMs(): number {
    return this.world.nowMs;
  }

  schedule(delayMs: number, kind: string, run: () => void, runsUserCode = false): Timer {
    const event = this.world.schedule(delayMs, kind, run, runsUserCode);
    return { cancel: () => this.world.cancel(event) };
  }

  scope(name: string): TaskScope {
    return new TaskScope(name);
  }

  kill(process: ClusterProcess<TaskScope>): void {
    process.scope.kill();
    this.network.stopHost(process.host);
  }

  /** Owned by the task running now: it dies with that task's process. */
  waiter(label: string): Waiter<void> {
    return this.world.waiter<void>(label);
  }

  step(name: string, setupOf: Owner | undefined, fn: () => unknown, scope?: TaskScope): SimTask<unknown> {
    return lifecycleTask(this.world, name, setupOf, fn, scope);
  }

  async until(done: () => boolean, deadline?: Deadline): Promise<boolean> {
    await this.world.run(() => done() || deadline?.expired === true);
    return done();
  }

  deadline(ms: number, kind: string): Deadline {
    return new SimDeadline(this.world, ms, kind);
  }

  /** Between two runs the world is idle: nothing of a process runs until the next event. */
  between(fn: () => void): Promise<void> {
    fn();
    return Promise.resolve();
  }

  /** Conditions are read after every event, and so are invariants. */
  changed(): void {}

  admitStop(process: string, text: () => string, downMs: number): boolean {
    return this.world.faultLog.admit(process, 'reboot', text, downMs);
  }

  started(process: string, incarnation: number): void {
    this.world.timeline?.record(process, 'start', incarnation === 0 ? 'set up, running' : `restarted, incarnation ${incarnation}`, { fields: { incarnation } });
  }

  stamp<E extends SimulationError>(error: E): E {
    error.seed = this.world.seed;
    error.simTimeMs = this.world.nowMs;
    error.eventIndex = this.world.eventIndex;
    return error;
  }

  watchInvariants(registry: StateRegistry, invariants: readonly InvariantCheck[]): void {
    watchInvariants(this.world, registry, invariants);
  }
}

import type { TaskScope } from '../core/task-scope.js';
import type { SimWorld } from '../core/world.js';
import { TaskProvider, type TaskHandle } from './task-provider.js';

/** Tasks of a SimWorld: deterministic start order, cancellable, named in deadlock reports.
 * Given a scope (a process incarnation), its tasks die with it; without one, a task joins the
 * scope of the task that spawned it. */
export class SimTaskProvider extends TaskProvider {
  constructor(
    private readonly world: SimWorld,
    private readonly namePrefix = '',
    private readonly scope?: TaskScope,
  ) {
    super();
  }

  spawn<T>(name: string, fn: () => Promise<T> | T): TaskHandle<T> {
    const task = this.world.spawn(this.namePrefix + name, fn, false, this.scope ?? this.world.runningTask?.scope);
    return { name: task.name, join: () => task.join(), cancel: () => task.cancel() };
  }
}

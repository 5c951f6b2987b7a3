import type { SimWorld } from '../core/world.js';
import { TaskProvider, type TaskHandle } from './task-provider.js';

/** Tasks of a SimWorld: deterministic start order, cancellable, named in deadlock reports. */
export class SimTaskProvider extends TaskProvider {
  constructor(
    private readonly world: SimWorld,
    private readonly namePrefix = '',
  ) {
    super();
  }

  spawn<T>(name: string, fn: () => Promise<T> | T): TaskHandle<T> {
    const task = this.world.spawn(this.namePrefix + name, fn);
    return { name: task.name, join: () => task.join(), cancel: () => task.cancel() };
  }
}

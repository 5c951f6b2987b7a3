import { SimulationError, TaskFailedError } from '../core/errors.js';
import { isInstance } from '../core/thrown-text.js';
import type { SimTask } from '../core/task.js';
import type { TaskScope } from '../core/task-scope.js';
import type { SimWorld } from '../core/world.js';
import type { Constructor } from './definitions.js';
import type { Owner } from './failure.js';
import { InjectionError, type Injector } from './injection.js';
import { SetupError } from './lifecycle-errors.js';

/** A required task running one lifecycle step; what it throws fails the seed with its kind
 * (`setupOf` marks a setup() step: a plain error there is a SetupError naming the process). */
export function lifecycleTask(
  world: SimWorld,
  name: string,
  setupOf: Owner | undefined,
  fn: () => unknown,
  scope?: TaskScope,
): SimTask<unknown> {
  return world.spawn<unknown>(
    name,
    async () => {
      try {
        await fn();
      } catch (error) {
        if (isInstance(error, SimulationError)) world.fail(error);
        else if (setupOf !== undefined) world.fail(new SetupError(setupOf.where, setupOf.className, setupOf.file, 'setup()', error));
        else world.fail(new TaskFailedError(name, error));
      }
    },
    true,
    scope,
  );
}

/** Builds one instance with its injector; a throw becomes a SetupError (or the InjectionError)
 * naming `where`. */
export function constructInstance<T>(injector: Injector, target: Constructor<T>, file: string, where: string): T {
  try {
    return injector.construct(target, file);
  } catch (error) {
    if (error instanceof InjectionError) error.where = where;
    if (isInstance(error, SimulationError)) throw error;
    throw new SetupError(where, target.name, file, 'constructor', error);
  }
}

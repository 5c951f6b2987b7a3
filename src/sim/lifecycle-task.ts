import type { SimTask } from '../core/task.js';
import type { TaskScope } from '../core/task-scope.js';
import type { SimWorld } from '../core/world.js';
import { stepFailure } from '../lifecycle/instance.js';
import type { Owner } from '../model/failure.js';

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
        world.timeline?.taskFailed(scope?.name ?? name, name, error);
        world.fail(stepFailure(name, setupOf, error));
      }
    },
    true,
    scope,
  );
}

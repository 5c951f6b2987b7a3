import { invariant } from '../core/assert.js';
import type { SimWorld } from '../core/world.js';
import { InvariantViolation } from './chaos-errors.js';
import { enterInvariantChecks, leaveInvariantChecks } from './invariant-scope.js';
import type { StateRegistry, StateSnapshot } from './state-registry.js';

/** A cross-workload property over the registered state; it fails by throwing (or alwaysAssert). */
export interface InvariantCheck {
  name: string;
  /** Source file of the invariant, relative to the project root, for the failure message. */
  file?: string;
  check(state: StateSnapshot): void;
}

/** Runs every invariant, in the given order, after each event of `world`. The first one to throw
 * fails the seed with an InvariantViolation at that event; the world stops before the next.
 * Invariants are functions of the registered state, so after an event that set nothing their
 * verdict cannot change and the check is skipped. */
export function watchInvariants(world: SimWorld, registry: StateRegistry, invariants: readonly InvariantCheck[]): void {
  for (const inv of invariants) {
    if (typeof inv?.check !== 'function' || typeof inv.name !== 'string' || inv.name === '') {
      throw new TypeError(
        `watchInvariants (seed ${world.seed}): every invariant needs a non-empty name and a check(state) method; ` +
          `got ${JSON.stringify(inv?.name)}${inv?.file === undefined ? '' : ` from ${inv.file}`}.`,
      );
    }
  }
  if (invariants.length === 0) return;
  const check = invariantChecker(registry, invariants, world);
  world.onAfterEvent(() => {
    // A seed that already failed stops before the next event; its first failure is the report.
    if (world.failed !== undefined) return;
    const violation = check();
    if (violation !== undefined) world.fail(violation);
  });
}

/** Runs every invariant over the registered state, in order, when the state changed since the
 * last call: the first to throw is the returned violation (stamped with `world`'s time when
 * given). Shared by the simulation (after each event) and --real (on a timer). */
export function invariantChecker(registry: StateRegistry, invariants: readonly InvariantCheck[], world?: SimWorld): () => InvariantViolation | undefined {
  const state = registry.snapshot();
  let checkedVersion = -1;
  return () => {
    if (registry.version === checkedVersion) return undefined;
    checkedVersion = registry.version;
    let current: InvariantCheck | undefined;
    enterInvariantChecks();
    try {
      for (current of invariants) current.check(state);
    } catch (error) {
      invariant(current !== undefined, 'an invariant check threw, so one was running');
      return new InvariantViolation(current.name, current.file, world, error);
    } finally {
      leaveInvariantChecks();
    }
    return undefined;
  };
}

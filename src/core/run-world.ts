import { installGuard, type GuardMode } from './guard.js';
import type { TraceStep } from './trace.js';
import { SimWorld, type SimWorldOptions } from './world.js';

export interface WorldRunOptions extends SimWorldOptions {
  /** Real clocks, timers and Math.random in user code: virtualized (default), rejected, or left alone. */
  guard?: GuardMode;
}

export interface WorldRunResult {
  seed: number;
  traceHash: string;
  events: number;
  simTimeMs: number;
  steps: TraceStep[] | undefined;
  /** Hash of every value the guard handed out (clock readings, random draws...); '' with the guard off. */
  handedOutHash: string;
}

/** Runs `main` as the one required task of a fresh world with the guard installed; throws the
 * seed's failure (task error, deadlock, budget overrun, nondeterminism) stamped with its seed. */
export async function runInWorld(
  options: WorldRunOptions,
  main: (world: SimWorld) => Promise<unknown> | unknown,
): Promise<WorldRunResult> {
  const world = new SimWorld(options);
  const task = world.spawn('main', () => main(world), true);
  const restore = installGuard(world, options.guard ?? 'virtualize');
  try {
    await world.run(() => task.finished);
  } finally {
    restore();
  }
  // Real work the seed left running is found as the guard ends.
  if (world.failed !== undefined) throw world.failed;
  return {
    seed: world.seed,
    traceHash: world.trace.digest(),
    events: world.eventIndex,
    simTimeMs: world.nowMs,
    steps: world.trace.steps,
    handedOutHash: restore.session?.digest() ?? '',
  };
}

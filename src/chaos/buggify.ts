import { currentWorld } from '../core/current.js';
import { callerKey } from '../core/call-site.js';
import { chaosOf } from './chaos-context.js';
import { processOfTask } from '../core/timeline-recorder.js';

export const DEFAULT_FIRE_PROBABILITY = 0.25;

/** FoundationDB's BUGGIFY: true when this call site is enabled in the running seed (a pure
 * function of seed and site) and a draw from `world.rng.buggify` falls under `probability`.
 * Always false outside a simulation, in seeds with buggify off and in the liveness phase; the
 * call site is only looked up when buggify is on. */
export function buggify(probability = DEFAULT_FIRE_PROBABILITY): boolean {
  if (!(probability >= 0 && probability <= 1)) {
    throw new RangeError(`buggify(${probability}): the firing probability must be a number in [0, 1], for example buggify(0.1).`);
  }
  const world = currentWorld();
  if (world === undefined) return false;
  const chaos = chaosOf(world);
  if (chaos === undefined || !chaos.active) return false;
  const key = callerKey(buggify);
  if (!chaos.siteEnabledAt(key, buggify)) return false;
  if (!(world.rng.buggify.float() < probability)) return false;
  // A firing is an injected fault: --shrink can veto it.
  return world.faultLog.admit(processOfTask(world.runningTaskName()), 'buggify', () => `buggify ${chaos.siteAt(key)}`);
}

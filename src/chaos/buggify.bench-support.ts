// `npm run bench` support: the cost of a buggify() call in a seed with buggify forced on.
import { realGlobals } from '../core/real-globals.js';
import { SimWorld } from '../core/world.js';
import { buggify } from './buggify.js';
import { attachChaos } from './chaos-context.js';

export interface BuggifyRate {
  calls: number;
  seconds: number;
  perSec: number;
  fired: number;
}

/** Calls buggify() `calls` times from four call sites inside one simulated task. */
export async function buggifyCallsPerSec(calls: number): Promise<BuggifyRate> {
  const world = new SimWorld({ seed: 7 });
  attachChaos(world, { buggify: 'on', siteProbability: 1 });
  let fired = 0;
  let seconds = 0;
  const task = world.spawn(
    'buggify-bench',
    () => {
      const start = realGlobals.performanceNow();
      for (let i = 0; i < calls; i += 4) {
        if (buggify(0.5)) fired++;
        if (buggify(0.5)) fired++;
        if (buggify(0.1)) fired++;
        if (buggify()) fired++;
      }
      seconds = (realGlobals.performanceNow() - start) / 1000;
    },
    true,
  );
  await world.run(() => task.finished);
  const done = Math.ceil(calls / 4) * 4;
  return { calls: done, seconds, perSec: done / seconds, fired };
}

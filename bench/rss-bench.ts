// Resident memory after 10,000 seeds over after 1,000, in one process: a leak across seeds
// (a world, network or registry kept alive) shows up as growth.
import { expandLayouts, runSeed, topologyOf } from 'moonpool/internal';
import { RssEcho } from './rss-topology.js';

function rssMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss / 2 ** 20;
}

export async function rssGrowth(seedsFirst: number, seedsTotal: number): Promise<{ afterFirstMb: number; afterTotalMb: number; ratio: number }> {
  const definition = topologyOf(RssEcho);
  if (definition === undefined) throw new Error('the rss-echo topology is not registered');
  const [plan] = expandLayouts(definition);
  let afterFirstMb = 0;
  for (let seed = 0; seed < seedsTotal; seed++) {
    const result = await runSeed(plan, seed);
    if (!result.ok) throw new Error(`seed ${seed} failed: ${result.failure?.message}`);
    if (seed + 1 === seedsFirst) afterFirstMb = rssMb();
  }
  const afterTotalMb = rssMb();
  return { afterFirstMb, afterTotalMb, ratio: afterTotalMb / afterFirstMb };
}

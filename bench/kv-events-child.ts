// Run in a child process by trace-bench.ts, in this tree or in the baseline tree it is copied
// into: kv-store 3x2 (hostile, storage, attrition) events/s in one thread, over `seeds` seeds
// after `warmup`, printed as one JSON line. The runner's API it uses is moonpool/internal in this
// tree; the baseline tree predates that entry and exported the same functions from moonpool.
import type { SeedRunOptions } from 'moonpool/internal';
import { KvStore } from '../workloads/kv-store/topology.js';

type Library = typeof import('moonpool/internal');
const { expandLayouts, runSeed, topologyOf } = (await import('moonpool/internal').catch(() => import('moonpool'))) as Library;
const [seeds, warmup, record] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4] === 'record'];
const plan = expandLayouts(topologyOf(KvStore)!).find((p) => p.layout.name === '3x2')!;
// Recording is asked for by an option the baseline tree does not know, so only this tree gets it.
const options = (record ? { timelineEntriesMax: 200_000 } : {}) as SeedRunOptions;
let events = 0;
let startMs = 0;
for (let seed = 1; seed <= warmup + seeds; seed++) {
  if (seed === warmup + 1) startMs = performance.now();
  const result = await runSeed(plan, seed, options);
  if (!result.ok) throw new Error(`kv-store seed ${seed} failed: ${result.failure?.message}`);
  if (seed > warmup) events += result.events;
}
console.log(JSON.stringify({ eventsPerSec: events / ((performance.now() - startMs) / 1000) }));

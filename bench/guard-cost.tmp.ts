import { Inject, TimeProvider, Topology, Workload, expandLayouts, runSeed } from '../src/index.js';
import { topologyOf } from '../src/sim/metadata.js';
@Workload('w') class W { constructor(@Inject(TimeProvider) private readonly time: TimeProvider) {} async run() { for (let i = 0; i < 20; i++) await this.time.sleep(1); } }
@Topology({ name: 't', roles: { w: W }, layouts: [{ w: 2 }], network: 'perfect' }) class T {}
const plan = expandLayouts(topologyOf(T)!)[0];
for (const round of [1, 2, 3, 4, 5]) for (const guard of ['virtualize'] as const) {
  const t0 = performance.now();
  for (let s = 0; s < 1500; s++) await runSeed(plan, s, { guard });
  console.log(round, guard, ((performance.now() - t0) / 1500 * 1000).toFixed(1), 'µs/seed');
}

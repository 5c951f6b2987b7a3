import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Delivery } from './network-core.js';
import { runTraffic } from './traffic.test-support.js';

const OPTIONS = { connectionsPerClient: 2, messagesPerConnection: 20, recordDeliveries: true };

function same(a: Delivery[], b: Delivery[]): boolean {
  return (
    a.length === b.length &&
    a.every((d, i) => d.timeMs === b[i].timeMs && d.from === b[i].from && d.to === b[i].to && Buffer.compare(d.bytes, b[i].bytes) === 0)
  );
}

for (const preset of ['hostile', 'default', 'random'] as const) {
  test(`${preset}: the same seed delivers the same bytes at the same times; other seeds differ`, async () => {
    const runs = new Map<number, Delivery[]>();
    for (const seed of [1, 2, 3, 4]) {
      const first = await runTraffic(seed, preset, OPTIONS);
      const second = await runTraffic(seed, preset, OPTIONS);
      assert.ok(first.deliveries.length > 100, `seed ${seed}: only ${first.deliveries.length} deliveries`);
      assert.ok(same(first.deliveries, second.deliveries), `seed ${seed}: two runs delivered differently`);
      assert.deepEqual(first.counts, second.counts, `seed ${seed}: two runs injected different faults`);
      runs.set(seed, first.deliveries);
    }
    for (const [seed, deliveries] of runs) {
      if (seed > 1) assert.ok(!same(runs.get(1) as Delivery[], deliveries), `seeds 1 and ${seed} delivered identically`);
    }
  });
}

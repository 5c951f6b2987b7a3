import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FAULT_FAMILIES, type FaultFamily } from './network-config.js';
import { assertConservation, runTraffic } from './traffic.test-support.js';

const SEEDS = Array.from({ length: 30 }, (_, i) => i);

test('every fault family fires under hostile over 30 seeds', async () => {
  const totals = Object.fromEntries(FAULT_FAMILIES.map((f) => [f, 0])) as Record<FaultFamily, number>;
  for (const seed of SEEDS) {
    const { counts } = await runTraffic(seed, 'hostile');
    assert.deepEqual(Object.keys(counts), [...FAULT_FAMILIES], `seed ${seed}: faultCounts() keys must be stable`);
    for (const family of FAULT_FAMILIES) totals[family] += counts[family];
  }
  const silent = FAULT_FAMILIES.filter((f) => totals[f] === 0);
  assert.deepEqual(silent, [], `families that never fired under hostile (seeds 0-29): ${silent.join(', ')}`);
});

test('no fault family ever fires under perfect, and every byte arrives', async () => {
  for (const seed of SEEDS) {
    const result = await runTraffic(seed, 'perfect');
    const fired = FAULT_FAMILIES.filter((f) => result.counts[f] > 0);
    assert.deepEqual(fired, [], `seed ${seed}: faults under perfect: ${fired.join(', ')}`);
    assertConservation(result, true, 'perfect');
  }
});

test('default is quieter than hostile: at least 5x fewer faults on the same traffic', async () => {
  let hostile = 0;
  let calm = 0;
  for (const seed of SEEDS.slice(0, 10)) {
    hostile += Object.values((await runTraffic(seed, 'hostile')).counts).reduce((a, b) => a + b, 0);
    calm += Object.values((await runTraffic(seed, 'default')).counts).reduce((a, b) => a + b, 0);
  }
  assert.ok(calm * 5 <= hostile, `default injected ${calm} faults, hostile ${hostile}`);
});

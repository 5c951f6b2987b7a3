import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { runInWorld } from '../core/run-world.js';
import type { CoverageHit } from './coverage.js';
import { reachable, sometimesAssert } from './assertions.js';
import { attachChaos } from './chaos-context.js';
import { CoverageTable } from './coverage-table.js';
import { seedAt } from './seed-at.js';

/** One seed: a coin decides which branch is reached; one sometimes-assertion never holds. */
async function seedHits(seed: number): Promise<{ hits: CoverageHit[]; heads: boolean }> {
  let out: { hits: CoverageHit[]; heads: boolean } | undefined;
  await runInWorld({ seed }, (world) => {
    const chaos = attachChaos(world, { buggify: 'off' });
    const heads = world.rng.user.bool(0.5);
    sometimesAssert(heads, 'coin shows heads');
    sometimesAssert(heads, 'coin shows heads');
    sometimesAssert(false, 'the impossible happens');
    if (!heads) reachable('tails branch');
    out = { hits: chaos.coverage(), heads };
  });
  assert.ok(out !== undefined);
  return out;
}

test('coverage aggregates across seeds and reports the sometimes-assertions never satisfied', async () => {
  const table = new CoverageTable();
  let heads = 0;
  for (let i = 0; i < 40; i++) {
    const one = await seedHits(seedAt(7, i));
    table.add(one.hits);
    if (one.heads) heads++;
  }
  assert.ok(heads > 5 && heads < 35);
  assert.equal(table.size, 3);
  assert.deepEqual(table.rows(), [
    { message: 'coin shows heads', kind: 'sometimes', seedsReached: 40, seedsSatisfied: heads, timesReached: 80, timesSatisfied: 2 * heads },
    { message: 'tails branch', kind: 'reachable', seedsReached: 40 - heads, seedsSatisfied: 40 - heads, timesReached: 40 - heads, timesSatisfied: 40 - heads },
    { message: 'the impossible happens', kind: 'sometimes', seedsReached: 40, seedsSatisfied: 0, timesReached: 40, timesSatisfied: 0 },
  ]);
  assert.deepEqual(table.unsatisfied().map((row) => row.message), ['the impossible happens']);
});

test('declared sites are rows from the start: unsatisfied until a seed satisfies them, growth when first reached, locations kept through merges', () => {
  const table = new CoverageTable();
  table.declare([
    { message: 'rare', kind: 'sometimes', location: 'workloads/a.ts:10' },
    { message: 'rare', kind: 'sometimes', location: 'workloads/b.ts:3' },
    { message: 'rare', kind: 'sometimes', location: 'workloads/a.ts:10' },
    { message: 'end', kind: 'reachable', location: 'workloads/a.ts:20' },
  ]);
  assert.deepEqual(table.unsatisfied(), [
    { message: 'end', kind: 'reachable', seedsReached: 0, seedsSatisfied: 0, timesReached: 0, timesSatisfied: 0, locations: ['workloads/a.ts:20'] },
    { message: 'rare', kind: 'sometimes', seedsReached: 0, seedsSatisfied: 0, timesReached: 0, timesSatisfied: 0, locations: ['workloads/a.ts:10', 'workloads/b.ts:3'] },
  ]);
  assert.equal(table.add([{ message: 'rare', kind: 'sometimes', reached: 1, satisfied: 0 }]), true, 'first reached');
  assert.equal(table.add([{ message: 'rare', kind: 'sometimes', reached: 1, satisfied: 0 }]), false);
  assert.equal(table.add([{ message: 'end', kind: 'reachable', reached: 1, satisfied: 1 }]), true);
  assert.deepEqual(table.unsatisfied().map((row) => row.message), ['rare']);
  const run = new CoverageTable();
  run.merge([{ message: 'rare', kind: 'sometimes', seedsReached: 1, seedsSatisfied: 1, timesReached: 1, timesSatisfied: 1 }]);
  run.merge(table.rows());
  assert.deepEqual(run.rows()[1], { message: 'rare', kind: 'sometimes', seedsReached: 3, seedsSatisfied: 1, timesReached: 3, timesSatisfied: 1, locations: ['workloads/a.ts:10', 'workloads/b.ts:3'] });
  assert.equal(run.size, 2);
});

test('add reports growth: a new site, or a site reached or satisfied for the first time', () => {
  const table = new CoverageTable();
  const hit = (satisfied: number): CoverageHit => ({ message: 'm', kind: 'sometimes', reached: 1, satisfied });
  assert.equal(table.add([hit(0)]), true, 'new site');
  assert.equal(table.add([hit(0)]), false, 'nothing new');
  assert.equal(table.add([hit(1)]), true, 'first satisfied');
  assert.equal(table.add([hit(1)]), false);
  assert.equal(table.add([]), false);
  assert.equal(table.add([{ message: 'm', kind: 'reachable', reached: 1, satisfied: 1 }]), true, 'same message, other kind: its own row');
  assert.equal(table.size, 2);
});

const hitArb = fc.record({
  message: fc.constantFrom('a', 'b', 'c', 'ä', 'B'),
  kind: fc.constantFrom('sometimes' as const, 'reachable' as const),
  reached: fc.integer({ min: 1, max: 5 }),
  satisfied: fc.integer({ min: 0, max: 5 }),
});

test('merging the tables of two halves of the seeds equals one table of all seeds; rows are sorted', () => {
  fc.assert(
    fc.property(fc.array(fc.uniqueArray(hitArb, { selector: (h) => `${h.kind}${h.message}` }), { maxLength: 20 }), fc.nat(), (seeds, cut) => {
      const whole = new CoverageTable();
      const left = new CoverageTable();
      const right = new CoverageTable();
      seeds.forEach((hits, i) => {
        whole.add(hits);
        (i < cut % (seeds.length + 1) ? left : right).add(hits);
      });
      left.merge(right.rows());
      assert.deepEqual(left.rows(), whole.rows());
      const messages = whole.rows().map((row) => row.message);
      assert.deepEqual(messages, [...messages].sort());
    }),
  );
});

test('rich rows: buckets merge by key, the most conditions true at once and the best value are kept, and each counts as growth', () => {
  const table = new CoverageTable();
  const seed = (lag: number, keys: [string, number][], mostTrue: number): CoverageHit[] => [
    { message: 'all', kind: 'sometimes-all', reached: 1, satisfied: mostTrue === 2 ? 1 : 0, conditions: 2, mostTrue, mostTrueNames: mostTrue > 0 ? ['a', 'b'].slice(0, mostTrue) : [] },
    { message: 'each', kind: 'sometimes-each', reached: keys.length, satisfied: keys.filter(([, s]) => s > 0).length, buckets: keys.map(([key, satisfied]) => ({ key, reached: 1, satisfied })) },
    { message: 'lag', kind: 'always-less-than', reached: 1, satisfied: 1, best: { value: lag, bound: 100 } },
  ];
  assert.equal(table.add(seed(10, [['b', 0]], 1)), true);
  assert.equal(table.add(seed(5, [['b', 0]], 1)), false, 'nothing new: a smaller lag, the same bucket, as many true');
  assert.equal(table.add(seed(20, [['b', 0]], 1)), true, 'a better (larger) value');
  assert.equal(table.add(seed(5, [['a', 1]], 1)), true, 'a new bucket');
  assert.equal(table.add(seed(5, [['b', 1]], 1)), true, 'a bucket satisfied for the first time');
  assert.equal(table.add(seed(5, [['b', 1]], 2)), true, 'more conditions true at once');
  const rows = table.rows();
  assert.deepEqual(rows.find((r) => r.message === 'each')?.buckets, [
    { key: 'a', seedsReached: 1, seedsSatisfied: 1, timesReached: 1, timesSatisfied: 1 },
    { key: 'b', seedsReached: 5, seedsSatisfied: 2, timesReached: 5, timesSatisfied: 2 },
  ]);
  const all = rows.find((r) => r.message === 'all');
  assert.deepEqual([all?.conditions, all?.mostTrue, all?.mostTrueNames, all?.seedsSatisfied], [2, 2, ['a', 'b'], 1]);
  assert.deepEqual(rows.find((r) => r.message === 'lag')?.best, { value: 20, bound: 100 });
  // A worker's share merged into another table gives the same rows as adding the seeds there.
  const merged = new CoverageTable();
  merged.merge(rows);
  assert.deepEqual(merged.rows(), rows);
  // A bucket never satisfied keeps its site unsatisfied, though other buckets held.
  const open = new CoverageTable();
  open.add(seed(1, [['x', 1], ['y', 0]], 0));
  assert.deepEqual(open.unsatisfied().map((r) => r.message), ['all', 'each']);
});

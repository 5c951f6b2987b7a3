import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ddmin } from './ddmin.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

test('finds the two faults a failure needs among 41, and the run fails with exactly them', async () => {
  const needed = [7, 33];
  const fails = async (subset: number[]) => needed.every((f) => subset.includes(f));
  const outcome = await ddmin(range(41), fails, 200, 2);
  assert.deepEqual(outcome.kept, needed);
  assert.equal(outcome.exhausted, false);
  assert.ok(outcome.runs <= 200);
});

test('a failure that needs no fault is found with one run', async () => {
  const outcome = await ddmin(range(10), async () => true, 200, 4);
  assert.deepEqual(outcome, { kept: [], runs: 1, exhausted: false });
});

test('the budget bounds the runs, and the outcome says it ran out', async () => {
  let runs = 0;
  const fails = async (subset: number[]) => {
    runs++;
    return [3, 9, 14, 22, 30].every((f) => subset.includes(f));
  };
  const outcome = await ddmin(range(40), fails, 5, 2);
  assert.equal(runs, 5);
  assert.equal(outcome.runs, 5);
  assert.equal(outcome.exhausted, true);
  assert.ok([3, 9, 14, 22, 30].every((f) => outcome.kept.includes(f)), 'what it keeps still fails');
});

test('property: the kept set fails, is 1-minimal, and the outcome does not depend on parallelism', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 60 }), fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 4 }), fc.integer({ min: 1, max: 6 }), async (n, wanted, parallel) => {
      const needed = wanted.filter((f) => f <= n);
      const fails = async (subset: number[]) => needed.every((f) => subset.includes(f));
      const outcome = await ddmin(range(n), fails, 10_000, parallel);
      assert.ok(await fails(outcome.kept));
      for (const f of outcome.kept) assert.equal(await fails(outcome.kept.filter((g) => g !== f)), false, `dropping ${f} passes`);
      const serial = await ddmin(range(n), fails, 10_000, 1);
      assert.deepEqual(outcome.kept, serial.kept);
    }),
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { seedAt } from './seed-at.js';

test('seedAt is pinned: changing it would change every printed seed of every run', () => {
  assert.deepEqual([0, 1, 2, 3, 4].map((i) => seedAt(0, i)), [2462723854, 1020716019, 454327756, 1275600319, 1215922603]);
  assert.deepEqual([0, 1, 2, 3, 4].map((i) => seedAt(3735928559, i)), [3553530007, 1645313261, 4073195585, 2760393073, 3082008752]);
  assert.equal(seedAt(4294967295, 1_000_000), 1201393368);
});

test('seedAt gives distinct unsigned 32-bit seeds for the indices of one run', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 0xffffffff }), (base) => {
      const seeds = Array.from({ length: 500 }, (_, i) => seedAt(base, i));
      assert.equal(new Set(seeds).size, seeds.length);
      for (const seed of seeds) assert.ok(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff);
    }),
    { numRuns: 50 },
  );
});

test('seedAt rejects bad bases and indices with the accepted range', () => {
  assert.throws(() => seedAt(-1, 0), /base seed -1 is not an integer in 0\.\.4294967295/);
  assert.throws(() => seedAt(2 ** 32, 0), RangeError);
  assert.throws(() => seedAt(0, -1), /index -1 is not a non-negative integer/);
  assert.throws(() => seedAt(0, 1.5), RangeError);
});

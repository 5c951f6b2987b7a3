import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mapPacked } from './packed-array.js';

test('mapPacked gives what Array.prototype.map gives, index included', () => {
  fc.assert(
    fc.property(fc.array(fc.integer()), (items) => {
      assert.deepEqual(mapPacked(items, (item, index) => [item * 2, index]), items.map((item, index) => [item * 2, index]));
    }),
  );
});

test('mapPacked calls fn once per item, in order', () => {
  const seen: string[] = [];
  mapPacked(['a', 'b', 'c'], (item) => seen.push(item));
  assert.deepEqual(seen, ['a', 'b', 'c']);
});

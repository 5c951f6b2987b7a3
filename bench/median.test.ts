import { test } from 'node:test';
import assert from 'node:assert/strict';
import { median } from './median.js';

test('median: the middle value, or the mean of the two middle ones, whatever the order', () => {
  assert.equal(median([9, 1, 5]), 5);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([7]), 7);
  assert.throws(() => median([]), RangeError);
});

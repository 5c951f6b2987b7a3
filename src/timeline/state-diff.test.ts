import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compactDiff, compactValue } from './state-diff.js';

test('a new key shows its value; a changed object only the fields that changed', () => {
  assert.equal(compactDiff('n', undefined, { term: 1, role: 'follower' }, false), 'n = {"term":1,"role":"follower"}');
  assert.equal(compactDiff('n', { term: 1, role: 'follower', x: 1 }, { term: 2, role: 'follower', y: 2 }, true), 'n.term: 1 → 2, n.x: 1 → ∅, n.y: ∅ → 2');
  assert.equal(compactDiff('n', 3, 4, true), 'n: 3 → 4');
  assert.equal(compactDiff('n', { a: 1 }, { a: 1 }, true), 'n set, unchanged');
});

test('values are bounded, and Maps, Sets and bigints are shown', () => {
  assert.equal(compactValue(new Map([['a', 1]])), '[["a",1]]');
  assert.equal(compactValue(new Set([1, 2])), '[1,2]');
  assert.equal(compactValue(10n), '"10n"');
  const long = compactValue('x'.repeat(500));
  assert.equal(long.length, 120);
  assert.ok(long.endsWith('…'));
});

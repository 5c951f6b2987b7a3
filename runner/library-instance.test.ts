import assert from 'node:assert/strict';
import { test } from 'node:test';
import { librariesSince, libraryMark } from './library-instance.js';

test('library instances announce themselves on load: a mark sees only the ones loaded after it', async () => {
  const own = await import('../src/index.js'); // the runner's own instance, loaded before the mark
  const mark = libraryMark();
  assert.deepEqual(librariesSince(mark), []);
  // A second instance of the library, as a workload importing it by another path would load.
  const other = await import(`../src/index.js?instance=${Date.now()}`);
  const found = librariesSince(mark);
  assert.equal(found.length, 1);
  assert.equal(found[0], other, 'the namespace of the instance loaded after the mark');
  assert.notEqual(found[0], own);
});

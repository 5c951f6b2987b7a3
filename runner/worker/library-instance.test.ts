import assert from 'node:assert/strict';
import { test } from 'node:test';
import { register } from 'tsx/esm/api';
import { librariesSince, libraryMark } from './library-instance.js';

test('library instances announce themselves on load: a mark sees only the ones loaded after it', async () => {
  const own = await import('../../src/index.js'); // the runner's own instance, loaded before the mark
  const mark = libraryMark();
  assert.deepEqual(librariesSince(mark), []);
  // A fresh instance of every library module, as a discovery's tsx namespace loads it.
  const api = register({ namespace: `library-instance-test-${process.pid}` });
  const other = (await api.import('../../src/index.js', import.meta.url)) as typeof own;
  const found = librariesSince(mark);
  assert.equal(found.length, 1);
  // The public entry announces its internal namespace: the same instance, with the runner's plumbing.
  assert.equal(found[0].Workload, other.Workload);
  assert.equal(typeof found[0].runSeed, 'function');
  assert.notEqual(found[0].Workload, own.Workload, "a fresh instance, not the runner's own");
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runInWorld } from '../core/run-world.js';
import { trace } from './trace.js';

test('trace() adds a user entry with its fields to a recorded seed, and is a no-op otherwise', async () => {
  trace('outside any seed', { ignored: true });
  let entries: unknown[] = [];
  await runInWorld({ seed: 1, timelineEntriesMax: 100 }, (world) => {
    trace('vote granted', { term: 3, to: 'node#2', ok: true, none: null, list: [1, 2] });
    trace('bare');
    entries = world.timeline!.entries().map((e) => [e.kind, e.text, e.fields]);
  });
  assert.deepEqual(entries.slice(-2), [
    ['user', 'vote granted term=3 to=node#2 ok=true none=null list=[1,2]', { term: 3, to: 'node#2', ok: true, none: null, list: '[1,2]' }],
    ['user', 'bare', undefined],
  ]);
  await runInWorld({ seed: 1 }, (world) => {
    trace('not recorded', { x: 1 });
    assert.equal(world.timeline, undefined);
  });
});

test('trace() needs a name', async () => {
  await runInWorld({ seed: 1, timelineEntriesMax: 10 }, () => {
    assert.throws(() => trace(''), /the name must be a non-empty string/);
  });
});

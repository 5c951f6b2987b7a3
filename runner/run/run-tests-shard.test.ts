import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runTests } from './run-tests.js';
import { EventLog, comparable, fixtureOptions } from './run.test-support.js';

test('the shards of a run together run exactly its seeds, each once, with the same results', async () => {
  const args = ['--seeds', '5', '--workers', '2'];
  const whole = new EventLog();
  await runTests(fixtureOptions('planted-bug-simple', args), whole.emit);
  const shards = [new EventLog(), new EventLog()];
  await runTests(fixtureOptions('planted-bug-simple', [...args, '--shard', '1/2']), shards[0].emit);
  await runTests(fixtureOptions('planted-bug-simple', [...args, '--shard', '2/2']), shards[1].emit);
  const [first, second] = shards.map((s) => s.results());
  assert.deepEqual(first.map((r) => r.seed), whole.results().filter((_, i) => i % 2 === 0).map((r) => r.seed));
  const union = [...first, ...second].sort((a, b) => a.seed - b.seed).map(comparable);
  assert.deepEqual(union, whole.results().sort((a, b) => a.seed - b.seed).map(comparable));
  assert.deepEqual(shards.map((s) => s.of('run-start')[0].cases[0].seedsPlanned), [3, 2]);
});

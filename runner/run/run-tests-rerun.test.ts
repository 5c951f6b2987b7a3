import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runTests } from './run-tests.js';
import { EventLog, fixtureOptions } from './run.test-support.js';

test('watch mode runs last time\'s failing seeds first, once each; --bail stops at the first failure', async () => {
  const first = new EventLog();
  await runTests(fixtureOptions('planted-bug-simple', ['--seeds', '5', '--workers', '2']), first.emit);
  const failing = first.results().filter((r) => !r.ok).map((r) => r.seed).reverse();
  const again = new EventLog();
  const options = { ...fixtureOptions('planted-bug-simple', ['--seeds', '5', '--workers', '2']), seedsFirst: { 'counter[2]': failing } };
  const summary = await runTests(options, again.emit);
  const seeds = again.results().map((r) => r.seed);
  assert.deepEqual(seeds.slice(0, failing.length), failing);
  assert.equal(new Set(seeds).size, seeds.length, 'no seed reported twice');
  assert.deepEqual(summary.cases[0].failingSeeds, first.results().filter((r) => !r.ok).map((r) => r.seed));

  const bail = new EventLog();
  const bailed = await runTests(fixtureOptions('planted-bug-simple', ['--seeds', '5', '--workers', '2', '--bail']), bail.emit);
  const firstFailure = first.results().findIndex((r) => !r.ok);
  assert.equal(bailed.failed, 1);
  assert.equal(bailed.seedsRun, firstFailure + 1);
});

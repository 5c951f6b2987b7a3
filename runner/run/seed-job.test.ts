import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runTests } from './run-tests.js';
import { listCases } from './case-selection.js';
import { EventLog, fixtureOptions } from './run.test-support.js';
import { caseJobs } from './seed-job.js';

// Flags equal to what the topology declares (counter runs on `perfect`, without attrition), which
// a replay leaves out, and one that changes it.
const FLAGS = ['--network', 'perfect', '--attrition', 'off', '--storage', 'default', '--buggify', 'on'];

test('a failing seed prints the same replay whether its worker returned it or it was lost with the worker, and the replay reproduces it', async () => {
  const options = fixtureOptions('planted-bug-simple', ['--seeds', '4', '--workers', '1', ...FLAGS]);
  const log = new EventLog();
  assert.equal((await runTests(options, log.emit)).ok, false);
  const failed = log.results().find((r) => !r.ok)!;
  assert.equal(failed.replay, `npx moonpool-test counter --layout 2 --seed ${failed.seed} --buggify on`, 'only the flag that changes the run');
  const [entry] = (await listCases(options)).cases;
  const [, lost] = caseJobs(entry, options)(failed.seed);
  assert.equal(lost.replay, failed.replay, 'the watchdog and crash reports print the library’s replay');

  const args = failed.replay.split(' ').slice(2);
  const replayed = new EventLog();
  await runTests(fixtureOptions('planted-bug-simple', [...args, '--workers', '1']), replayed.emit);
  const [again] = replayed.results();
  assert.deepEqual([again.seed, again.failure?.message, again.failure?.eventIndex], [failed.seed, failed.failure?.message, failed.failure?.eventIndex]);
});

test('a --real run prints the replay its job was given', async () => {
  const options = fixtureOptions('real-attrition', ['--real', '--workers', '1', '--attrition', 'off', '--network', 'hostile']);
  const log = new EventLog();
  assert.ok((await runTests(options, log.emit)).ok);
  const [result] = log.results();
  const [entry] = (await listCases(options)).cases;
  assert.equal(caseJobs(entry, options)(result.seed)[1].replay, result.replay);
  assert.equal(result.replay, 'npx moonpool-test replicas --layout 3x1 --real --attrition off', 'a real run reads no network flag');
});

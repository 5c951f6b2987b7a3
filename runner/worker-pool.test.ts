import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runTests } from './core.js';
import { EventLog, fixtureOptions } from './runner.test-support.js';

test('the watchdog kills a seed stuck in a synchronous loop; a fresh worker runs the other seeds', async () => {
  const log = new EventLog();
  const summary = await runTests(fixtureOptions('endless-loop', ['--seeds', '4', '--workers', '2', '--seed-timeout-ms', '1500']), log.emit);
  const results = log.results();
  const killed = results.filter((r) => r.failure?.kind === 'watchdog');
  assert.equal(results.length, 4, 'every seed reported');
  assert.ok(killed.length >= 1 && killed.length < 4, `some but not all seeds spin (got ${killed.length})`);
  for (const r of killed) {
    assert.match(r.failure!.message, new RegExp(`seed ${r.seed} of spinner\\[1\\] \\(workloads/spinner\\.ts\\) ran for more than 1500 ms`));
    assert.match(r.failure!.message, /Spinner \(workloads\/spinner\.ts\)/);
    assert.match(r.replay, new RegExp(`--seed ${r.seed}$`));
  }
  assert.ok(results.some((r) => r.ok), 'the seeds that do not spin pass');
  assert.equal(summary.ok, false);
});

test('a worker that exits mid-seed is a crash of that seed only', async () => {
  const log = new EventLog();
  const summary = await runTests(fixtureOptions('worker-crash', ['--seeds', '4', '--workers', '1']), log.emit);
  const results = log.results();
  const crashed = results.filter((r) => !r.ok);
  assert.equal(results.length, 4);
  assert.ok(crashed.length >= 1 && crashed.length < 4, `some but not all seeds exit (got ${crashed.length})`);
  for (const r of crashed) {
    assert.equal(r.failure?.kind, 'crash');
    assert.match(r.failure!.message, new RegExp(`seed ${r.seed} of quitter\\[1\\] \\(workloads/quitter\\.ts\\) crashed its worker: the worker exited with code 3`));
  }
  assert.equal(summary.failed, crashed.length);
});

test('aborting stops the run, abandons the seed in flight and still ends with run-done (interrupted)', async () => {
  const log = new EventLog();
  const controller = new AbortController();
  const emit = (event: Parameters<typeof log.emit>[0]) => {
    log.emit(event);
    if (event.type === 'case-start') controller.abort();
  };
  const summary = await runTests(fixtureOptions('endless-loop', ['--seeds', '3', '--workers', '1']), emit, controller.signal);
  const done = log.of('run-done');
  assert.equal(done.length, 1);
  assert.equal(done[0].interrupted, true);
  assert.equal(summary.ok, false);
  assert.equal(log.events.at(-1)?.type, 'run-done');
  assert.ok(summary.seedsRun < 3);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runTests } from './run-tests.js';
import { EventLog, comparable, fixtureOptions } from './run.test-support.js';

test('a passing project: events in order, workload output captured per seed, every option printed', async () => {
  const log = new EventLog();
  const summary = await runTests(fixtureOptions('basic-pass', ['--seeds', '2', '--workers', '2']), log.emit);
  const types = log.events.map((e) => e.type).filter((t) => t !== 'output');
  assert.equal(types[0], 'run-start');
  assert.deepEqual(types.slice(-2), ['coverage', 'run-done']);
  assert.deepEqual(types.filter((t) => t === 'case-start' || t === 'case-done'), ['case-start', 'case-done', 'case-start', 'case-done']);
  const [start] = log.of('run-start');
  assert.deepEqual(start.cases.map((c) => [c.caseId, c.seedsPlanned, c.file]), [['echo[1x1]', 2, 'workloads/echo.ts'], ['echo[1x2]', 2, 'workloads/echo.ts']]);
  assert.equal(start.options.strategy, 'fixed:2 (from --seeds)');
  assert.deepEqual(start.sites, [
    { kind: 'always', message: 'the echo starts like the request', location: 'workloads/echo.ts:56' },
    { kind: 'sometimes', message: 'time passed before the echo came back', location: 'workloads/echo.ts:57' },
  ]);
  // The literal alwaysAssert is a site too, counted when it holds (the `${key} echoed` one is not: its message is built per call).
  const always = log.of('coverage')[0].rows.find((row) => row.kind === 'always');
  assert.deepEqual(always && [always.message, always.seedsReached, always.seedsSatisfied], ['the echo starts like the request', 4, 4]);
  assert.equal(start.workers, 2);
  assert.ok(summary.ok);
  assert.equal(summary.passed, 4);
  const outputs = log.of('output');
  const ran = new Set(log.results().map((r) => `${r.caseId} ${r.seed}`));
  assert.equal(outputs.filter((o) => o.text === 'client 1 starting\n').length, 2, 'one line per seed of the 1x2 layout');
  for (const o of outputs) assert.ok(ran.has(`${o.caseId} ${o.seed}`), `output attributed to a seed that ran: ${o.caseId} ${o.seed}`);
});

test('results and failing seeds are the same with one worker and with two', async () => {
  const one = new EventLog();
  const two = new EventLog();
  const s1 = await runTests(fixtureOptions('planted-bug-simple', ['--seeds', '5', '--workers', '1']), one.emit);
  const s2 = await runTests(fixtureOptions('planted-bug-simple', ['--seeds', '5', '--workers', '2']), two.emit);
  assert.deepEqual(two.results().map(comparable), one.results().map(comparable));
  assert.deepEqual(s2.cases, s1.cases);
  assert.ok(s1.failed > 0 && s1.passed > 0, 'the planted bug fails some seeds and not others');
  assert.equal(s1.ok, false);
});

test("timeouts.livenessMs and --liveness-timeout-ms override a topology's own liveness bound; replays carry it", async () => {
  // The topology declares 5000 ms; its check() takes 1000 ms; the fixture's config says 500 ms.
  const fromConfig = new EventLog();
  const failing = await runTests(fixtureOptions('liveness-override', ['--workers', '1']), fromConfig.emit);
  assert.equal(failing.failed, 2, 'the config bound applies although the topology declared its own');
  for (const result of fromConfig.results()) {
    assert.equal(result.failure?.kind, 'liveness');
    assert.match(result.failure!.message, /within 500 ms of simulated time/);
    assert.match(result.replay, /^npx moonpool-test slow-check --layout 1 --seed \d+ --liveness-timeout-ms 500$/);
  }
  const fromFlag = new EventLog();
  const passing = await runTests(fixtureOptions('liveness-override', ['--workers', '1', '--liveness-timeout-ms', '2000']), fromFlag.emit);
  assert.ok(passing.ok, `the flag wins over the config: ${fromFlag.results().map((r) => r.failure?.message).join(' ')}`);
  assert.equal(passing.passed, 2);
});

test('after --bail, passed + failed + skipped adds up to the seeds planned', async () => {
  const log = new EventLog();
  const summary = await runTests(fixtureOptions('planted-bug-simple', ['--seeds', '40', '--workers', '1', '--bail']), log.emit);
  const [start] = log.of('run-start');
  const planned = start.cases.reduce((n, c) => n + c.seedsPlanned, 0);
  assert.ok(summary.failed >= 1 && summary.skipped > 0, `bailed: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
  assert.equal(summary.passed + summary.failed + summary.skipped, planned);
});

test('an exploration on the workers is the same with one worker and with two: timelines, order, discoveries, summary', async () => {
  const one = new EventLog();
  const two = new EventLog();
  const s1 = await runTests(fixtureOptions('maze', ['--strategy', 'explore:60', '--workers', '1']), one.emit);
  const s2 = await runTests(fixtureOptions('maze', ['--strategy', 'explore:60', '--workers', '2']), two.emit);
  assert.deepEqual(two.results().map(comparable), one.results().map(comparable));
  assert.deepEqual(s2.cases, s1.cases);
  const explored = s1.cases[0].exploration;
  assert.ok(explored !== undefined && explored.children > 0, JSON.stringify(explored));
  assert.equal(one.results().length, 60);
  assert.ok(one.results().some((r) => r.recipe !== undefined && r.discoveries !== undefined), 'child timelines ran with their recipes');
});

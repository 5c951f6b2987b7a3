import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runTests } from './core.js';
import { EventLog, comparable, fixtureOptions } from './runner.test-support.js';

test('a passing project: events in order, workload output captured per seed, every option printed', async () => {
  const log = new EventLog();
  const summary = await runTests(fixtureOptions('basic-pass', ['--seeds', '2', '--workers', '2']), log.emit);
  const types = log.events.map((e) => e.type).filter((t) => t !== 'output');
  assert.equal(types[0], 'run-start');
  assert.deepEqual(types.slice(-2), ['coverage', 'run-done']);
  assert.deepEqual(types.filter((t) => t === 'case-start' || t === 'case-done'), ['case-start', 'case-done', 'case-start', 'case-done']);
  const [start] = log.of('run-start');
  assert.deepEqual(start.cases.map((c) => [c.caseId, c.seedsPlanned, c.file]), [['echo[1x1]', 2, 'workloads/echo.ts'], ['echo[1x2]', 2, 'workloads/echo.ts']]);
  assert.equal(start.options.strategy, 'fixed:2');
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

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runTests } from './run-tests.js';
import { EventLog, fixtureOptions } from './run.test-support.js';

test('--real runs each case once over 127.0.0.1 with one port per process, invariants and checks included', async () => {
  const log = new EventLog();
  const summary = await runTests(fixtureOptions('basic-pass', ['--real', '--workers', '2']), log.emit);
  assert.ok(summary.ok, JSON.stringify(log.results().map((r) => r.failure)));
  const results = log.results();
  assert.deepEqual(results.map((r) => r.caseId), ['echo[1x1]', 'echo[1x2]']);
  const wide = results[1].options as { real: boolean; addresses: Record<string, string[]> };
  assert.equal(wide.real, true);
  const addresses = [...wide.addresses.server, ...wide.addresses.client];
  assert.equal(addresses.length, 3);
  for (const address of addresses) assert.match(address, /^127\.0\.0\.1:\d+$/);
  assert.equal(new Set(addresses).size, 3, 'one port per process');
  assert.equal(log.of('output').filter((o) => o.caseId === 'echo[1x2]').length, 2, 'workload output is captured in real mode too');
  assert.match(results[0].replay, /^npx moonpool-test echo --layout 1x1 --real$/);
});

test('--real reports a constructor failure like the simulation does', async () => {
  const log = new EventLog();
  const summary = await runTests(fixtureOptions('throwing-constructor', ['--real', '--workers', '1']), log.emit);
  assert.equal(summary.ok, false);
  const [result] = log.results();
  assert.equal(result.failure?.kind, 'setup');
  assert.equal(result.failure!.detail, 'Error: the database URL is missing');
  assert.match(result.failure!.fix!, /^The constructor of node#0 threw this/);
  assert.equal(result.failure!.simTimeMs, undefined, 'a real run has no simulated position');
  assert.match(result.failure!.message, /^setup failure in node#0 \(Exploding, .*\) during the real run of exploding\[1\] over 127\.0\.0\.1: Error: the database URL is missing\. The constructor of node#0 threw this: .* rerun it with: npx moonpool-test exploding --layout 1 --real$/);
});

test('--real runs the topology\'s attrition on real timers; --attrition off turns it off and shows in the replay', async () => {
  const on = new EventLog();
  assert.ok((await runTests(fixtureOptions('real-attrition', ['--real', '--workers', '1']), on.emit)).ok, JSON.stringify(on.results().map((r) => r.failure)));
  const [stopped] = on.results();
  assert.ok((stopped.reboots?.length ?? 0) > 0, 'replicas were stopped and restarted');
  assert.ok(stopped.reboots!.every((r) => (stopped.options.addresses as Record<string, string[]>).replica.includes(r.address)));
  const off = new EventLog();
  assert.ok((await runTests(fixtureOptions('real-attrition', ['--real', '--workers', '1', '--attrition', 'off']), off.emit)).ok, JSON.stringify(off.results().map((r) => r.failure)));
  const [calm] = off.results();
  assert.equal(calm.reboots, undefined);
  assert.equal(calm.replay, 'npx moonpool-test replicas --layout 3x1 --real --attrition off');
});

test('--real builds and runs a nemesis that injects NetworkFaults: its partition and clog hold real bytes, as the same nemesis does in simulation', async () => {
  const real = new EventLog();
  assert.ok((await runTests(fixtureOptions('real-nemesis', ['--real', '--workers', '1']), real.emit)).ok, JSON.stringify(real.results().map((r) => r.failure)));
  const [result] = real.results();
  assert.equal(result.options.real, true);
  assert.deepEqual(result.faults, { partition: 1, writeClog: 1, readClog: 1 });
  const simulated = new EventLog();
  assert.ok((await runTests(fixtureOptions('real-nemesis', ['--seeds', '2', '--workers', '1']), simulated.emit)).ok, JSON.stringify(simulated.results().map((r) => r.failure)));
  for (const seed of simulated.results()) assert.deepEqual([seed.faults.partition, seed.faults.writeClog, seed.faults.readClog], [1, 1, 1]);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runSimulation } from 'moonpool';
import { KvStore } from './topology.js';

test('kv-store survives its attrition: every seed passes, replicas reboot, and each seed replays to the same trace', async () => {
  const report = await runSimulation({ topology: KvStore, seeds: 25, checkDeterminism: true });
  assert.ok(report.ok, report.results.find((r) => !r.ok)?.failure?.message);
  const reboots = report.results.map((r) => r.reboots ?? []);
  assert.ok(reboots.filter((list) => list.length > 0).length >= 25, 'most seeds reboot something');
  const kinds = new Set(reboots.flat().map((r) => r.kind));
  assert.deepEqual([...kinds].sort(), ['crash', 'graceful', 'wipe']);
  assert.ok(reboots.flat().some((r) => r.address === '10.0.0.1:4500'), 'the primary reboots too');
  assert.deepEqual(report.unsatisfied, [], 'every sometimes-assertion, recovery from peers included, was satisfied');
});

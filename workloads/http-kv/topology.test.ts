import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runReal, runSimulation } from 'moonpool';
import { HttpKv } from './topology.js';

test('http-kv passes under hostile, reaches every sometimes-assertion, and each seed replays to the same trace', async () => {
  const report = await runSimulation({ topology: HttpKv, seeds: 15, checkDeterminism: true });
  assert.ok(report.ok, report.results.find((r) => !r.ok)?.failure?.message);
  assert.deepEqual(report.unsatisfied, [], 'every sometimes-assertion was satisfied');
  assert.ok(report.results.some((r) => Object.values(r.faults).some((count) => count > 0)), 'faults were injected');
});

test('http-kv runs unchanged on real sockets and timers (--real)', async () => {
  const result = await runReal({ topology: HttpKv, livenessTimeoutMs: 20_000 });
  assert.ok(result.ok, result.failure?.message);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caseLine, countsLine, failureDetails, formatCount, formatDurationMs, optionsLine, REBOOTS_LISTED_MAX } from './format.js';
import type { RebootInfo } from '../../src/index.js';
import { caseSummary, plan, seed } from './events.test-support.js';

test('formatCount abbreviates thousands, millions and billions', () => {
  assert.deepEqual([0, 950, 1000, 1234, 1_250_000, 3_000_000_000].map(formatCount), ['0', '950', '1k', '1.2k', '1.3M', '3B']);
});

test('formatDurationMs picks a readable unit', () => {
  assert.deepEqual(
    [420, 12_345, 300_000, 330_000, 11_520_000, 356_400_000].map(formatDurationMs),
    ['420 ms', '12.3 s', '5 min', '5.5 min', '3.2 h', '4.1 days'],
  );
});

test('caseLine reads like `ping-pong[2x10] 100 seeds, 1.2M events, 5 min simulated`', () => {
  const info = plan('ping-pong', '2x10', 3);
  const summary = { ...caseSummary(info, [seed(info, 1), seed(info, 2), seed(info, 3)]), events: 1_200_000, simTimeMs: 300_000 };
  assert.equal(caseLine(summary), 'ping-pong[2x10] 3 seeds, 1.2M events, 5 min simulated');
  const stopped = { ...summary, seedsPlanned: 10, stopReason: 'all 2 sometimes-assertions satisfied after 3 seeds' };
  assert.equal(caseLine(stopped), 'ping-pong[2x10] 3 seeds, 1.2M events, 5 min simulated (all 2 sometimes-assertions satisfied after 3 seeds)');
});

test('countsLine adds skipped only when some seeds were skipped', () => {
  assert.equal(countsLine({ passed: 98, failed: 2, skipped: 0 }), '98 passed, 2 failed');
  assert.equal(countsLine({ passed: 1, failed: 0, skipped: 4 }), '1 passed, 0 failed, 4 skipped');
});

test('optionsLine prints key=value pairs in order and skips undefined values', () => {
  assert.equal(optionsLine({ seeds: 100, strategy: 'fixed', network: undefined, filter: ['kv'] }), 'seeds=100 strategy=fixed filter=["kv"]');
});

test('a failure lists the faults injected and the reboots with their simulated time, the last ones when many', () => {
  const info = plan('kv-store', '3x2', 1);
  const reboots: RebootInfo[] = Array.from({ length: REBOOTS_LISTED_MAX + 3 }, (_, i) => ({ timeMs: 100 * i + 0.5, address: `10.0.0.${(i % 3) + 1}:4500`, kind: 'crash', downMs: 250 }));
  reboots[REBOOTS_LISTED_MAX + 2] = { timeMs: 9_999.25, address: '10.0.0.2:4500', kind: 'graceful', downMs: Infinity };
  const failing = { ...seed(info, 7, { kind: 'invariant', message: 'lost a write' }), faults: { partition: 2, bitFlip: 0, rebootCrash: 22, rebootGraceful: 1 }, reboots };
  const details = failureDetails(failing);
  assert.ok(details.includes('faults injected: partition 2, rebootCrash 22, rebootGraceful 1'), details.join('\n'));
  const line = details.find((l) => l.startsWith('reboots: '))!;
  assert.match(line, /^reboots: 3 earlier, then crash 10\.0\.0\.1:4500 at 300\.500 ms \(down 250 ms\), /);
  assert.match(line, /graceful 10\.0\.0\.2:4500 at 9999\.250 ms \(down until the liveness phase\)$/);
  assert.equal(line.split('), ').length, REBOOTS_LISTED_MAX);
  assert.equal(failureDetails({ ...seed(info, 8, { kind: 'invariant', message: 'lost a write' }), faults: { partition: 0 } }).some((l) => /^(faults injected|reboots):/.test(l)), false);
});

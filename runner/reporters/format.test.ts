import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caseLine, countsLine, formatCount, formatDurationMs, optionsLine, plural, pluralCount } from './format.js';
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

test('plural and pluralCount say 1 seed, 2 seeds, 1 event, 1.2k events', () => {
  assert.deepEqual([plural(1, 'seed'), plural(0, 'seed'), plural(2, 'seed')], ['1 seed', '0 seeds', '2 seeds']);
  assert.deepEqual([plural(1, 'timeline entry', 'timeline entries'), plural(3, 'timeline entry', 'timeline entries')], ['1 timeline entry', '3 timeline entries']);
  assert.deepEqual([pluralCount(1, 'event'), pluralCount(0, 'event'), pluralCount(1234, 'event')], ['1 event', '0 events', '1.2k events']);
});

test('caseLine counts one seed and one event in the singular', () => {
  const info = plan('echo', '1x1', 1);
  const summary = { ...caseSummary(info, [seed(info, 1)]), events: 1, simTimeMs: 5 };
  assert.equal(caseLine(summary), 'echo[1x1] 1 seed, 1 event, 5 ms simulated');
});

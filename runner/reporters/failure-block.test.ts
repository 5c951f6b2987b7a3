import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RebootInfo, SeedResult, TimelineEntry } from '../../src/internal.js';
import { plan, seed } from './events.test-support.js';
import { drawnLine, failureHeadline, failureLines, RECENT_ENTRIES_SHOWN_MAX } from './failure-block.js';
import { REBOOTS_LISTED_MAX } from './format.js';

const info = plan('kv-store', '3x2', 1);

function failing(overrides: Partial<SeedResult> = {}): SeedResult {
  const result = seed(info, 7, { kind: 'invariant', detail: 'lost a write', fix: 'Find the update that led there.' });
  return { ...result, ...overrides };
}

function entry(seq: number, overrides: Partial<TimelineEntry> = {}): TimelineEntry {
  return { seq, timeMs: 10 * seq + 0.5, eventIndex: 100 + seq, process: seq % 2 === 0 ? 'client#3' : 'server#1', kind: 'send', text: `send → server#1 48 B request id=${seq}`, ...overrides };
}

test('the headline names case, seed, kind, where with class and file, simulated time and event', () => {
  const result = failing();
  assert.equal(failureHeadline(result), 'kv-store[3x2] seed 7 failed (invariant), in client#1 (workloads/kv-store.ts), at 1500.000 ms simulated, event #42');
  const task = { ...result, failure: { ...result.failure!, where: 'client#1.run', className: 'KvClient' } };
  assert.match(failureHeadline(task), /, in client#1\.run \(KvClient, workloads\/kv-store\.ts\), /);
  const assertion = { ...result, failure: { ...result.failure!, kind: 'assertion' as const, where: 'workloads/kv-store.ts:12:5' } };
  assert.match(failureHeadline(assertion), /, in workloads\/kv-store\.ts:12:5, at /, 'an assertion site already names its file');
  const lost = { ...result, failure: { ...result.failure!, kind: 'watchdog' as const, simTimeMs: undefined, eventIndex: undefined } };
  assert.equal(failureHeadline(lost), 'kv-store[3x2] seed 7 failed (watchdog), in client#1 (workloads/kv-store.ts)', 'no simulated position when the seed gave none');
});

test('the block says the message and the fix once, and ends with the one replay command', () => {
  const lines = failureLines(failing());
  assert.deepEqual(lines, ['lost a write', 'fix: Find the update that led there.', 'replay: npx moonpool-test kv-store --layout 3x2 --seed 7']);
});

test('drew: only what the seed decided beyond its presets, named', () => {
  const options = { 'network.preset': 'hostile', 'network.swarm': true, 'network.faults.partition': 'off', 'storage.preset': 'perfect', 'chaos.buggify': 'on' };
  assert.equal(drawnLine(failing({ options, beyondPresets: { 'network.faults.partition': 'off', 'chaos.buggify': 'on' } })), 'drew beyond network hostile (swarm), storage perfect: network.faults.partition=off chaos.buggify=on');
  assert.equal(drawnLine(failing({ options: { 'network.preset': 'default' }, beyondPresets: {} })), 'drew nothing beyond network default');
  assert.equal(drawnLine(failing({ options: {} })), undefined, 'a result that does not say what it drew (a lost seed, --real) gets no line');
  assert.ok(failureLines(failing({ options, beyondPresets: { 'chaos.buggify': 'on' } })).includes('drew beyond network hostile (swarm), storage perfect: chaos.buggify=on'));
});

test('faults injected and reboots with their simulated time, the last ones when many (all with verbose)', () => {
  const reboots: RebootInfo[] = Array.from({ length: REBOOTS_LISTED_MAX + 3 }, (_, i) => ({ timeMs: 100 * i + 0.5, address: `10.0.0.${(i % 3) + 1}:4500`, kind: 'crash', downMs: 250 }));
  reboots[REBOOTS_LISTED_MAX + 2] = { timeMs: 9_999.25, address: '10.0.0.2:4500', kind: 'graceful', downMs: Infinity };
  const result = failing({ faults: { partition: 2, bitFlip: 0, rebootCrash: 22, rebootGraceful: 1 }, reboots });
  const lines = failureLines(result);
  assert.ok(lines.includes('faults injected: partition 2, rebootCrash 22, rebootGraceful 1'), lines.join('\n'));
  const line = lines.find((l) => l.startsWith('reboots: '))!;
  assert.match(line, /^reboots: 3 earlier, then crash 10\.0\.0\.1:4500 at 300\.500 ms \(down 250 ms\), /);
  assert.match(line, /graceful 10\.0\.0\.2:4500 at 9999\.250 ms \(down until the liveness phase\)$/);
  assert.equal(line.split('), ').length, REBOOTS_LISTED_MAX);
  const all = failureLines(result, { verbose: true }).find((l) => l.startsWith('reboots: '))!;
  assert.equal(all.split('), ').length, REBOOTS_LISTED_MAX + 3);
  assert.equal(failureLines(failing({ faults: { partition: 0 } })).some((l) => /^(faults injected|reboots):/.test(l)), false);
});

test('shrunk faults are listed and the one replay line replays the shrunk run; --verbose keeps the original', () => {
  const base = failing();
  const shrunk = { faultsBefore: 27, faults: ['partition 10.0.0.2|10.0.0.3 at 120 ms', 'crash 10.0.0.1:4500 at 300 ms'], runs: 41, replay: 'npx moonpool-test kv-store --layout 3x2 --seed 7 --only-faults 3,9', eventIndex: 40, simTimeMs: 1201.5 };
  const result = { ...base, failure: { ...base.failure!, shrunk } };
  const lines = failureLines(result);
  assert.ok(
    lines.includes('fails with 2 of 27 injected faults: partition 10.0.0.2|10.0.0.3 at 120 ms, crash 10.0.0.1:4500 at 300 ms (shrunk in 41 runs); the shrunk run fails at 1201.500 ms simulated, event #40'),
    lines.join('\n'),
  );
  assert.equal(lines.filter((l) => l.includes('replay')).length, 1, 'one replay line');
  assert.equal(lines.at(-1), `replay: ${shrunk.replay}`);
  const verbose = failureLines(result, { verbose: true });
  assert.ok(verbose.includes(`replay of the original run: ${base.replay}`));
  const none = failureLines({ ...base, failure: { ...base.failure!, shrunk: { ...shrunk, faults: [], faultsBefore: 1, runs: 1 } } });
  assert.ok(none.includes('fails with no injected fault at all (shrunk in 1 run); the shrunk run fails at 1201.500 ms simulated, event #40'), none.join('\n'));
});

test('the last timeline entries before the failure, one aligned line each, at most 20 (all with verbose)', () => {
  const base = failing();
  const recent = Array.from({ length: RECENT_ENTRIES_SHOWN_MAX + 5 }, (_, i) => entry(i));
  const result = { ...base, failure: { ...base.failure!, recent } };
  const lines = failureLines(result);
  const head = lines.findIndex((l) => l.startsWith('last '));
  assert.equal(lines[head], 'last 20 timeline entries before the failure (5 earlier with --verbose):');
  const shown = lines.slice(head + 1, head + 1 + RECENT_ENTRIES_SHOWN_MAX);
  assert.equal(shown[0], '   50.500 ms  #105 server#1  send → server#1 48 B request id=5', 'as --trace prints it, in columns as wide as needed');
  assert.equal(shown.at(-1), '  240.500 ms  #124 client#3  send → server#1 48 B request id=24');
  assert.equal(lines[head + 1 + RECENT_ENTRIES_SHOWN_MAX], `replay: ${base.replay}`);
  const verbose = failureLines(result, { verbose: true });
  assert.equal(verbose.filter((l) => / ms  #\d+ /.test(l)).length, RECENT_ENTRIES_SHOWN_MAX + 5);
  const one = failureLines({ ...base, failure: { ...base.failure!, recent: [entry(1, { text: 'two\nlines \u001b[31mred' })] } });
  assert.ok(one.includes('last 1 timeline entry before the failure:'), one.join('\n'));
  assert.ok(one.includes('  10.500 ms  #101 server#1  two lines red'), one.join('\n'));
});

test('a result without a failure still prints a block', () => {
  const result = { ...failing(), failure: undefined };
  assert.deepEqual(failureLines(result), ['the seed failed without a message', `replay: ${result.replay}`]);
});

import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import type { RunnerEvent } from '../run/events.js';
import { caseSummary, plan, runEvents, runSummary, seed, settings } from './events.test-support.js';
import { PlainReporter } from './plain-reporter.js';
import { RICH_DETAILS, RICH_ROWS } from './rich-coverage.test-support.js';

const ANSI = /\u001b\[/;

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

async function runPlain(events: RunnerEvent[], color = false, failuresPerCaseMax?: number, verbose = false) {
  const out = capture();
  const err = capture();
  const reporter = new PlainReporter({ stdout: out.stream, stderr: err.stream, color, failuresPerCaseMax, verbose });
  for (const event of events) reporter.onEvent(event);
  await reporter.close();
  return { out: out.text(), err: err.text(), lines: out.text().trimEnd().split('\n') };
}

const pingPong = plan('ping-pong', '2x10', 5);
const kv = plan('kv', '3x5', 4);

test('the last line counts seeds exactly as `N passed, N failed`', async () => {
  const { lines } = await runPlain(runEvents([pingPong, kv], { 'kv[3x5]': [{ seed: 2, detail: 'lost write' }] }));
  assert.equal(lines.at(-1), '8 passed, 1 failed');
  assert.match(lines.at(-1)!, /^\d+ passed, \d+ failed(, \d+ skipped)?$/);
});

test('starts with the resolved options and prints one line per finished layout', async () => {
  const { lines } = await runPlain(runEvents([pingPong, kv], { 'kv[3x5]': [{ seed: 2, detail: 'lost write' }] }));
  assert.equal(lines[0], 'moonpool-test: 2 layouts, 9 seeds planned, 2 workers');
  assert.equal(lines[1], 'options: seeds=100 strategy=fixed');
  assert.ok(lines.includes('✓ ping-pong[2x10] 5 seeds, 5k events, 5 min simulated'), lines.join('\n'));
  assert.ok(lines.includes('✗ kv[3x5] 4 seeds, 1 failed, 4k events, 4 min simulated'), lines.join('\n'));
});

test('one block per failure: headline, the message once, the fix once, one replay command', async () => {
  const { out } = await runPlain(runEvents([kv], { 'kv[3x5]': [{ seed: 2, detail: 'lost write\nkey k1 missing' }] }));
  assert.match(
    out,
    /\n✗ kv\[3x5\] seed 2 failed \(assertion\), in client#1 \(workloads\/kv.ts\), at 1500\.000 ms simulated, event #42\n {4}lost write\n {4}key k1 missing\n {4}fix: Fix the code or the assertion\.\n {4}replay: npx moonpool-test kv --layout 3x5 --seed 2\n\n/,
  );
  assert.equal(out.split('lost write').length - 1, 1, 'the message is said once');
  assert.equal(out.match(/replay/gi)?.length, 1, 'one replay command, and no other mention of replaying');
  assert.doesNotMatch(out, /^ {4}(options|message|stack):/m, 'what --verbose adds is left out');
});

test('--verbose adds every option, the whole message paragraph and the stack', async () => {
  const events = runEvents([kv], { 'kv[3x5]': [{ seed: 2, detail: 'lost write' }] });
  const at = events.findIndex((e) => e.type === 'seed-done' && !e.result.ok);
  const failing = events[at] as Extract<RunnerEvent, { type: 'seed-done' }>;
  const result = { ...failing.result, options: { 'network.preset': 'hostile', 'network.pairLatencySalt': 7 }, beyondPresets: {} };
  events[at] = { type: 'seed-done', result: { ...result, failure: { ...result.failure!, stack: 'Error: lost write\n    at Check (kv.ts:3:9)' } } };
  const { out } = await runPlain(events, false, undefined, true);
  assert.match(out, /\n {4}lost write\n {4}fix: .*\n {4}drew nothing beyond network hostile\n {4}options: network\.preset=hostile network\.pairLatencySalt=7\n/);
  assert.match(out, /\n {4}message: assertion failure in client#1 \(workloads\/kv\.ts\) at seed 2, 1500\.000 ms simulated, event #42: lost write\. .*\n {4}stack:\n {6}Error: lost write\n {10}at Check \(kv\.ts:3:9\)\n {4}replay: /);
});

test('no ANSI codes without a TTY, even when a workload message carries them', async () => {
  const events = runEvents([kv], { 'kv[3x5]': [{ seed: 1, detail: '\u001b[31mred\u001b[0m and \u0007bell' }] });
  const plain = await runPlain(events, false);
  assert.doesNotMatch(plain.out, ANSI);
  assert.match(plain.out, /red and bell/);
  const tty = await runPlain(events, true);
  assert.match(tty.out, ANSI, 'on a TTY the marks are coloured');
  assert.equal(tty.lines.at(-1), '3 passed, 1 failed', 'the counts line stays uncoloured');
});

test('an interrupted run says so and still ends with the counts line', async () => {
  const done = [seed(pingPong, 1), seed(pingPong, 2, { kind: 'crash', detail: 'worker 1 died (exit code 134)' })];
  const events: RunnerEvent[] = [
    { type: 'run-start', cases: [pingPong], workers: 1, options: {}, settings: settings(), sites: [] },
    ...done.map((result) => ({ type: 'seed-done', result }) as const),
    { type: 'run-done', summary: runSummary([caseSummary(pingPong, done)], 3), interrupted: true },
  ];
  const { lines, out } = await runPlain(events);
  assert.match(out, /seed 2 failed \(crash\)/);
  assert.ok(lines.includes('interrupted: 2 of 5 planned seeds ran'));
  assert.equal(lines.at(-1), '1 passed, 1 failed, 3 skipped');
});

test("shows a failing seed's captured output and drops a passing seed's", async () => {
  const events = runEvents([kv], { 'kv[3x5]': [{ seed: 3, detail: 'boom' }] });
  const at = events.findIndex((e) => e.type === 'case-start') + 1;
  events.splice(
    at,
    0,
    { type: 'output', caseId: 'kv[3x5]', seed: 1, stream: 'stdout', text: 'quiet passing line\n' },
    { type: 'output', caseId: 'kv[3x5]', seed: 3, stream: 'stderr', text: 'about to \u001b[2Jfail\n' },
  );
  const { out } = await runPlain(events);
  assert.match(out, /output \(last lines\):\n {6}about to fail\n/);
  assert.doesNotMatch(out, /quiet passing line/);
});

test('caps the failure paragraphs per layout and lists the seeds not shown', async () => {
  const failing = [1, 2, 3, 4].map((s) => ({ seed: s, detail: `bad ${s}` }));
  const { out, lines } = await runPlain(runEvents([kv], { 'kv[3x5]': failing }), false, 2);
  assert.equal(out.match(/replay: /g)?.length, 2);
  assert.ok(lines.includes('  2 more failing seeds of kv[3x5] not shown: 3, 4'), out);
  const three = await runPlain(runEvents([kv], { 'kv[3x5]': failing.slice(0, 3) }), false, 2);
  assert.ok(three.lines.includes('  1 more failing seed of kv[3x5] not shown: 3'), three.out);
});

test('coverage: unsatisfied sites are listed, with where the source calls them', async () => {
  const events = runEvents([kv]);
  const done = events.pop() as Extract<RunnerEvent, { type: 'run-done' }>;
  const never = { message: 'leader changed', kind: 'sometimes' as const, seedsReached: 4, seedsSatisfied: 0, timesReached: 9, timesSatisfied: 0 };
  const seen = { ...never, message: 'retry happened', seedsSatisfied: 2, timesSatisfied: 3 };
  const unreached = { message: 'log repaired', kind: 'reachable' as const, seedsReached: 0, seedsSatisfied: 0, timesReached: 0, timesSatisfied: 0, locations: ['workloads/a.ts:12', 'workloads/b.ts:3'] };
  events.push({ type: 'coverage', rows: [never, unreached, seen] });
  events.push({ ...done, summary: { ...done.summary, unsatisfied: [never, unreached] } });
  const { lines } = await runPlain(events);
  assert.ok(lines.includes('coverage: 1 of 3 assertion sites satisfied'), lines.join('\n'));
  assert.ok(lines.includes('  never satisfied: "leader changed" (sometimes, reached in 4 seeds, never true)'));
  const one = events.map((e) => (e.type === 'coverage' ? { ...e, rows: [{ ...never, seedsReached: 1 }] } : e.type === 'run-done' ? { ...e, summary: { ...e.summary, unsatisfied: [{ ...never, seedsReached: 1 }] } } : e));
  const singular = (await runPlain(one)).lines;
  assert.ok(singular.includes('coverage: 0 of 1 assertion site satisfied'), singular.join('\n'));
  assert.ok(singular.includes('  never satisfied: "leader changed" (sometimes, reached in 1 seed, never true)'), singular.join('\n'));
  assert.ok(lines.includes('  never satisfied: "log repaired" (reachable, never reached) at workloads/a.ts:12, workloads/b.ts:3'), lines.join('\n'));
});

test('coverage: the richer assertions say what they found; a child timeline\'s failure names its recipe', async () => {
  const events = runEvents([kv], { 'kv[3x5]': [{ seed: 2, detail: 'bad' }] });
  const done = events.pop() as Extract<RunnerEvent, { type: 'run-done' }>;
  for (const e of events) if (e.type === 'seed-done' && !e.result.ok) Object.assign(e.result, { recipe: '2@40/7', replay: 'npx moonpool-test kv --layout 3x5 --recipe 2@40/7' });
  events.push({ type: 'coverage', rows: RICH_ROWS });
  events.push({ ...done, summary: { ...done.summary, unsatisfied: RICH_ROWS.slice(0, 2) } });
  const { lines } = await runPlain(events);
  assert.deepEqual(lines.filter((l) => l.startsWith('  sometimes-') || l.startsWith('  always-')), RICH_ROWS.map((row, i) => `  ${row.kind} "${row.message}": ${RICH_DETAILS[i]}`));
  assert.ok(lines.includes('coverage: 1 of 3 assertion sites satisfied'), lines.join('\n'));
  assert.ok(lines.includes('  never satisfied: "a gate opened" (sometimes-each, reached in 4 seeds, a bucket never true)'), lines.join('\n'));
  assert.ok(lines.some((l) => l.startsWith('✗ kv[3x5] timeline 2@40/7 failed (assertion)')), lines.join('\n'));
});

test('runner errors go to stderr', async () => {
  const events = runEvents([kv]);
  events.splice(1, 0, { type: 'error', message: 'discovery: workloads/bad.ts failed to import' });
  const { err, out } = await runPlain(events);
  assert.equal(err, 'moonpool-test error: discovery: workloads/bad.ts failed to import\n');
  assert.doesNotMatch(out, /discovery/);
});

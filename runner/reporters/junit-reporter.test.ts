import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { validateXML } from 'xmllint-wasm';
import type { RunnerEvent } from '../run/events.js';
import { RICH_DETAILS, RICH_ROWS } from './rich-coverage.test-support.js';
import { caseSummary, plan, runEvents, runSummary, seed, settings } from './events.test-support.js';
import { JUnitReporter } from './junit-reporter.js';
import { boundedMessage, FAILURE_TEXT_CHARS_MAX, MESSAGE_ATTRIBUTE_CHARS_MAX } from './junit-xml.js';

// Jenkins' junit-10.xsd (MIT), kept in the tree: tests read nothing outside the repository.
const xsd = readFileSync(resolve(fileURLToPath(import.meta.url), '..', 'schema', 'junit-10.xsd'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'moonpool-junit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function assertValid(xml: string): Promise<void> {
  const result = await validateXML({ xml: [{ fileName: 'report.xml', contents: xml }], schema: [xsd] });
  assert.ok(result.valid, `JUnit XML is not valid against junit-10.xsd:\n${result.rawOutput}\n${xml}`);
}

async function report(name: string, events: RunnerEvent[], close = true): Promise<string> {
  const file = join(dir, name, 'report.xml');
  const reporter = new JUnitReporter(file);
  for (const event of events) reporter.onEvent(event);
  if (close) await reporter.close();
  return readFileSync(file, 'utf8');
}

const kv = plan('kv', '3x5', 4);
const nasty = 'expected <a> & "b" \'c\' \u001b[31mred\u001b[0m\u0000\u0001\u000b bell\u0007 \ud800lone \ufffe end\r\nsecond line';

test('valid against junit-10.xsd with <, &, quotes, ANSI codes and control characters in messages', async () => {
  const xml = await report('nasty', runEvents([kv, plan('ping-pong', '1x1', 2)], { 'kv[3x5]': [{ seed: 3, detail: nasty }] }));
  await assertValid(xml);
  assert.match(xml, /expected &lt;a&gt; &amp; &quot;b&quot; &apos;c&apos; red bell lone  end\nsecond line/);
  assert.match(xml, /message="expected &lt;a&gt; &amp; &quot;b&quot; &apos;c&apos; red bell lone  end second line"/);
  assert.doesNotMatch(xml, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
});

test('one suite per layout, one testcase per failing seed (seed in the name) plus one for the passing seeds', async () => {
  const xml = await report('shape', runEvents([kv], { 'kv[3x5]': [{ seed: 2, detail: 'a' }, { seed: 4, detail: 'b' }] }));
  assert.match(xml, /<testsuite name="kv\[3x5\]" tests="3" failures="2" errors="0" skipped="0" time="0.012" file="workloads\/kv.ts">/);
  const names = [...xml.matchAll(/<testcase name="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(names, ['kv[3x5] seed 2', 'kv[3x5] seed 4', 'kv[3x5] passing seeds']);
  assert.match(xml, /<failure message="a" type="assertion">kv\[3x5\] seed 2 failed[^<]*replay: npx moonpool-test kv --layout 3x5 --seed 2<\/failure>/);
  assert.match(xml, /<property name="seeds.passed" value="2"\/>/);
  assert.match(xml, /<system-out>2 of 4 seeds passed \(4 planned\)/);
});

test("a failure's message attribute is the user's own message, its body the whole block with what --verbose adds", async () => {
  const explanation =
    'account 10.0.0.3:4500 holds 782, more than its 592 confirmed + 95 unresolved deposits: a deposit was applied twice. ' +
    'The retried request carried the same id, and the server applied it again because it keeps no table of applied ids. '.repeat(6);
  const failing = { ...seed(kv, 9, { kind: 'invariant', detail: explanation, fix: 'Find the update that led there.' }), options: { 'network.preset': 'hostile', 'chaos.buggify': 'on' }, beyondPresets: { 'chaos.buggify': 'on' } };
  const events: RunnerEvent[] = [
    { type: 'run-start', cases: [kv], workers: 1, options: {}, settings: settings(), sites: [] },
    { type: 'seed-done', result: { ...failing, failure: { ...failing.failure!, stack: 'Error: deposit applied twice\n    at Audit.check (workloads/kv.ts:12:5)' } } },
  ];
  const xml = await report('user-message', events);
  await assertValid(xml);
  const message = /<failure message="([^"]*)"/.exec(xml)![1];
  assert.ok(message.startsWith('account 10.0.0.3:4500 holds 782, more than its 592 confirmed + 95 unresolved deposits: a deposit was applied twice.'), message);
  assert.ok(message.length <= MESSAGE_ATTRIBUTE_CHARS_MAX, `${message.length} characters`);
  assert.match(message, /\. …$/, 'bounded after a whole sentence, with an ellipsis');
  const body = /<failure [^>]*>([^<]*)<\/failure>/.exec(xml)![1];
  assert.equal(body.split('applied it again because it keeps no table of applied ids.').length - 1, 12, 'the whole message, in the detail and in the full paragraph');
  assert.match(body, /^kv\[3x5\] seed 9 failed \(invariant\), in client#1 \(workloads\/kv.ts\), at 1500\.000 ms simulated, event #42\n/);
  assert.match(body, /\nfix: Find the update that led there\.\ndrew beyond network hostile: chaos\.buggify=on\n/);
  assert.match(body, /\noptions: network\.preset=hostile chaos\.buggify=on\nmessage: invariant failure in client#1 .* Replay: npx moonpool-test kv --layout 3x5 --seed 9\nstack:\n {2}Error: deposit applied twice\n {6}at Audit\.check/);
  assert.match(body, /\nreplay: npx moonpool-test kv --layout 3x5 --seed 9$/);
});

test('boundedMessage keeps short text whole, and cuts long text after a sentence or a word, never inside one', () => {
  assert.equal(boundedMessage('short and\nsweet', 40), 'short and sweet');
  assert.equal(boundedMessage('First sentence here. Second sentence is much longer than the rest.', 40), 'First sentence here. …');
  assert.equal(boundedMessage('one two three four five six seven eight nine ten', 20), 'one two three four…');
  assert.equal(boundedMessage('x'.repeat(50), 20), `${'x'.repeat(18)}…`, 'a single word longer than the bound is the only cut inside a word');
  fc.assert(
    fc.property(fc.array(fc.constantFrom('alpha', 'be', 'gamma.', 'delta!', 'epsilonzeta'), { maxLength: 60 }), fc.integer({ min: 20, max: 120 }), (words, max) => {
      const text = words.join(' ');
      const bounded = boundedMessage(text, max);
      assert.ok(bounded.length <= max, bounded);
      if (text.length <= max) return assert.equal(bounded, text);
      const kept = bounded.replace(/ ?…$/, '');
      assert.ok(text.startsWith(kept) && (text[kept.length] === ' ' || text.length === kept.length), `cut inside a word: ${bounded}`);
    }),
    { seed: 22, numRuns: 300 },
  );
});

test('the richer assertions\' findings and an exploration\'s figures are properties too; a child timeline is named by its recipe', async () => {
  const events = runEvents([kv], { 'kv[3x5]': [{ seed: 2, detail: 'a' }] });
  for (const e of events) if (e.type === 'seed-done' && !e.result.ok) Object.assign(e.result, { recipe: '2@40/7' });
  const done = events.findIndex((e) => e.type === 'case-done');
  const e = events[done] as Extract<RunnerEvent, { type: 'case-done' }>;
  const exploration = { roots: 3, children: 1, discoveries: 5, marks: 1, depthMax: 1, firstFailureAt: 4 };
  events[done] = { ...e, summary: { ...e.summary, coverage: RICH_ROWS, exploration } };
  const xml = await report('rich', events);
  RICH_ROWS.forEach((row, i) => assert.ok(xml.includes(`name="coverage.${row.kind}: ${row.message}" value="true in ${row.seedsSatisfied} of 4 seeds reaching it (${row.timesSatisfied} of 9 times); ${RICH_DETAILS[i].replace('<', '&lt;')}"`), xml));
  assert.match(xml, /<property name="explore.children" value="1"\/>/);
  assert.match(xml, /<property name="explore.first.failure.at" value="4"\/>/);
  assert.match(xml, /<testcase name="kv\[3x5\] timeline 2@40\/7"/);
});

test('coverage rows become properties of the layout suite', async () => {
  const events = runEvents([kv]);
  const done = events.findIndex((e) => e.type === 'case-done');
  const e = events[done] as Extract<RunnerEvent, { type: 'case-done' }>;
  const row = { message: 'a "quoted" <site>', kind: 'sometimes' as const, seedsReached: 4, seedsSatisfied: 1, timesReached: 7, timesSatisfied: 2 };
  const unreached = { message: 'log repaired', kind: 'reachable' as const, seedsReached: 0, seedsSatisfied: 0, timesReached: 0, timesSatisfied: 0, locations: ['workloads/a.ts:12'] };
  events[done] = { ...e, summary: { ...e.summary, coverage: [row, unreached] } };
  const xml = await report('coverage', events);
  await assertValid(xml);
  assert.match(xml, /<property name="coverage.sometimes: a &quot;quoted&quot; &lt;site&gt;" value="true in 1 of 4 seeds reaching it \(2 of 7 times\)"\/>/);
  assert.match(xml, /<property name="coverage.reachable: log repaired" value="true in 0 of 0 seeds reaching it \(0 of 0 times\), at workloads\/a.ts:12"\/>/);
});

test('an interrupted run with a dead worker is still written, valid, with the unfinished layouts skipped', async () => {
  const ping = plan('ping-pong', '2x10', 10);
  const results = [seed(kv, 1), seed(kv, 2, { kind: 'crash', detail: 'worker 2 died: exit code 134 (SIGABRT)' })];
  const events: RunnerEvent[] = [
    { type: 'run-start', cases: [kv, ping], workers: 2, options: {}, settings: settings(), sites: [] },
    { type: 'case-start', caseId: kv.caseId, seedsPlanned: 4 },
    ...results.map((result) => ({ type: 'seed-done', result }) as const),
    { type: 'error', message: 'worker 2 exited with code 134 & was replaced' },
    { type: 'run-done', summary: runSummary([caseSummary(kv, results)], 12), interrupted: true },
  ];
  const xml = await report('interrupted', events, false);
  await assertValid(xml);
  assert.match(xml, /<testcase name="kv\[3x5\] seed 2"[^>]*>\n\s*<failure message="worker 2 died: exit code 134 \(SIGABRT\)" type="crash">/);
  assert.match(xml, /<skipped message="run interrupted after 2 of 4 seeds"\/>/);
  assert.match(xml, /<skipped message="run interrupted after 0 of 10 seeds"\/>/);
  assert.match(xml, /<property name="interrupted" value="true"\/>/);
  assert.match(xml, /<error message="worker 2 exited with code 134 &amp; was replaced" type="runner">/);
});

test('a layout cut short by the interruption is skipped even when its partial summary arrived', async () => {
  const results = [seed(kv, 1)];
  const partial = { ...caseSummary(kv, results), stopReason: 'interrupted after 1 seed' };
  const events: RunnerEvent[] = [
    { type: 'run-start', cases: [kv], workers: 1, options: {}, settings: settings(), sites: [] },
    { type: 'seed-done', result: results[0] },
    { type: 'case-done', summary: partial },
    { type: 'run-done', summary: runSummary([partial]), interrupted: true },
  ];
  const xml = await report('partial', events);
  await assertValid(xml);
  assert.match(xml, /<skipped message="run interrupted after 1 of 4 seeds"\/>/);
});

test('close() without run-done still writes what arrived', async () => {
  const events: RunnerEvent[] = [
    { type: 'run-start', cases: [kv], workers: 1, options: {}, settings: settings(), sites: [] },
    { type: 'seed-done', result: seed(kv, 7, { kind: 'invariant', detail: 'balance < 0' }) },
  ];
  const xml = await report('no-run-done', events);
  await assertValid(xml);
  assert.match(xml, /name="kv\[3x5\] seed 7"/);
  assert.match(xml, /<skipped message="run interrupted after 1 of 4 seeds"\/>/);
});

test('replaces an existing file atomically and leaves no temp file behind', async () => {
  const file = join(dir, 'atomic', 'report.xml');
  await report('atomic', runEvents([kv]));
  writeFileSync(file, 'stale');
  const xml = await report('atomic', runEvents([kv], { 'kv[3x5]': [{ seed: 1, detail: 'x' }] }));
  assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="moonpool" tests="2" failures="1"/);
  assert.deepEqual(readdirSync(join(dir, 'atomic')), ['report.xml']);
});

test('property: any message text yields schema-valid XML', async () => {
  const messages = fc.sample(fc.string({ unit: 'binary', maxLength: 60 }), { numRuns: 150, seed: 7 });
  const failing = messages.map((detail, i) => ({ seed: i + 1, detail }));
  const big = plan('fuzz', '1x1', messages.length);
  const xml = await report('property', runEvents([big], { [big.caseId]: failing }));
  await assertValid(xml);
  assert.equal(xml.match(/<failure /g)?.length, messages.length);
});

test('an unwritable output file is a clear error naming the path and the fix', async () => {
  const blocker = join(dir, 'blocker');
  writeFileSync(blocker, 'a file, not a folder');
  const reporter = new JUnitReporter(join(blocker, 'report.xml'));
  reporter.onEvent({ type: 'run-start', cases: [kv], workers: 1, options: {}, settings: settings(), sites: [] });
  await assert.rejects(reporter.close(), /JUnitReporter: could not write .*blocker\/report\.xml.*--output-file/);
});

test('1,500 failing seeds with 200,000-character messages: written piece by piece, each failure cut at a stated size', async () => {
  const huge = plan('huge', '1x1', 1_500);
  const long = 'x'.repeat(200_000);
  const failing = Array.from({ length: 1_500 }, (_, i) => ({ seed: i + 1, detail: long }));
  const xml = await report('huge', runEvents([huge], { 'huge[1x1]': failing }));
  assert.equal([...xml.matchAll(/<testcase name="huge\[1x1\] seed \d+"/g)].length, 1_500);
  assert.ok(xml.length < 1_500 * (FAILURE_TEXT_CHARS_MAX + 2_000), `bounded: ${xml.length} characters`);
  assert.equal([...xml.matchAll(/more characters cut here; the console output has the whole text/g)].length, 1_500);
  // The same shape, small enough to validate against the schema.
  const few = await report('few-huge', runEvents([plan('few', '1x1', 3)], { 'few[1x1]': [{ seed: 2, detail: long }] }));
  await assertValid(few);
});

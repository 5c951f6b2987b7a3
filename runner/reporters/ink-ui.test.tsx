import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import type { RunnerEvent } from '../run/events.js';
import { plan, runEvents, seed, settings } from './events.test-support.js';
import { COVERAGE_ROWS_DEFAULT } from './ink/coverage-table.js';
import { App } from './ink/app.js';
import { RICH_DETAILS, RICH_ROWS } from './rich-coverage.test-support.js';
import { RunStore } from './ink/run-store.js';
import { stripAnsi } from './sanitize.js';

afterEach(() => cleanup());

const kv = plan('kv', '3x5', 4);
const ping = plan('ping-pong', '2x10', 5);
const events = runEvents([kv, ping], { 'kv[3x5]': [{ seed: 2, detail: 'lost write to k1' }] });

/**
 * Renders the UI and returns a feeder that applies events up to (not including) an index.
 * React subscribes to the store in a passive effect: wait for it before feeding.
 */
async function mount(options: ConstructorParameters<typeof RunStore>[0] = {}, terminalRows?: number) {
  const store = new RunStore({ notifyIntervalMs: 0, ...options });
  const { subscribe } = store;
  const subscribed = new Promise<void>((resolve) => {
    store.subscribe = (listener) => {
      resolve();
      return subscribe(listener);
    };
  });
  const ui = render(<App store={store} />);
  // ink-testing-library's stdout has no height; the live area reads it as a terminal's.
  if (terminalRows !== undefined) Object.assign(ui.stdout, { rows: terminalRows }).emit('resize');
  await subscribed;
  let applied = 0;
  return {
    store,
    frame: () => stripAnsi(ui.lastFrame() ?? ''),
    /** React renders store updates in a microtask: wait for the frame. */
    async feed(list: RunnerEvent[], until = list.length) {
      for (; applied < until; applied++) store.apply(list[applied]);
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

function duplicatedLines(frame: string): string[] {
  const lines = frame.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
  return lines.filter((line, i) => lines.indexOf(line) !== i);
}

test('progress: one bar per layout with seeds done of planned, and live totals', async () => {
  const ui = await mount();
  const afterTwoSeeds = events.findIndex((e) => e.type === 'seed-done') + 2;
  await ui.feed(events, afterTwoSeeds);
  const frame = ui.frame();
  assert.match(frame, /moonpool-test · 0 of 2 layouts done · 2 workers/);
  assert.match(frame, /› kv\[3x5\]\s+█{12}░{12} 2 of 4 seeds · 1 failed/);
  assert.match(frame, /· ping-pong\[2x10\]\s+░{24} 0 of 5 seeds/);
  assert.match(frame, /2 of 9 seeds · 1 failed · \S+ seeds\/s · \S+ events\/s · 2 min simulated/);
  assert.deepEqual(duplicatedLines(frame), []);
});

test('a failure appears with its replay command as it happens, once, and stays', async () => {
  const ui = await mount();
  const failing = events.findIndex((e) => e.type === 'seed-done' && !e.result.ok);
  await ui.feed(events, failing + 1);
  const replay = 'replay: npx moonpool-test kv --layout 3x5 --seed 2';
  assert.match(ui.frame(), /✗ kv\[3x5\] seed 2 failed \(assertion\), in client#1 \(workloads\/kv.ts\), at 1500\.000 ms simulated, event\s+#42\n {4}lost write to k1\n {4}fix: Fix the code or the assertion\.\n {4}replay: /);
  assert.equal(count(ui.frame(), replay), 1);
  await ui.feed(events, events.length - 1);
  assert.equal(count(ui.frame(), replay), 1, 'the <Static> failure is not repeated by later frames');
  assert.equal(count(ui.frame(), 'lost write to k1'), 1);
});

test('the summary replaces the live area and ends with the counts line, with no duplicated lines', async () => {
  const ui = await mount();
  await ui.feed(events);
  const frame = ui.frame();
  const lines = frame.split('\n').map((l) => l.trimEnd()).filter((l) => l !== '');
  assert.equal(lines.at(-1), '8 passed, 1 failed');
  assert.ok(lines.includes('✗ kv[3x5] 4 seeds, 1 failed, 4k events, 4 min simulated · failing seed 2'), frame);
  assert.ok(lines.includes('✓ ping-pong[2x10] 5 seeds, 5k events, 5 min simulated'), frame);
  assert.doesNotMatch(frame, /█|░/, 'progress bars are gone once the run is done');
  assert.equal(count(frame, 'replay: npx moonpool-test kv --layout 3x5 --seed 2'), 1);
  assert.deepEqual(duplicatedLines(frame), []);
});

test('an interrupted run says how far it got', async () => {
  const ui = await mount();
  const done = events.at(-1) as Extract<RunnerEvent, { type: 'run-done' }>;
  await ui.feed([...events.slice(0, -1), { ...done, interrupted: true }]);
  assert.match(ui.frame(), /interrupted: 9 of 9 planned seeds ran/);
});

test('workload output is sanitized, one row per line, and bounded to the last lines', async () => {
  const ui = await mount({ outputLinesMax: 3 });
  const start = events.slice(0, 2);
  const noisy: RunnerEvent[] = ['one', 'two\u001b[2J\u001b[Hthree', 'four\r\nfive\u0007'].map((text) => ({ type: 'output', caseId: kv.caseId, seed: 1, stream: 'stdout', text }));
  await ui.feed([...start, ...noisy]);
  const frame = ui.frame();
  assert.match(frame, /\[kv\[3x5\] seed 1\] twothree\n\[kv\[3x5\] seed 1\] four\n\[kv\[3x5\] seed 1\] five/);
  assert.doesNotMatch(frame, /\] one/);
  assert.doesNotMatch(ui.frame(), /\u0007/);
});

test('coverage table lists never-satisfied sites first', async () => {
  const ui = await mount();
  const hit = (message: string, satisfied: number) => ({ message, kind: 'sometimes' as const, reached: 2, satisfied });
  const withCoverage = events.slice(0, 3).map((e) =>
    e.type === 'seed-done' ? { ...e, result: { ...e.result, coverage: [hit('retry seen', 1), hit('leader moved', 0)] } } : e,
  );
  await ui.feed(withCoverage);
  assert.match(ui.frame(), /coverage: 1 of 2 sites satisfied\n\s+○ sometimes "leader moved" true in 0 of 1 seed reaching it\n\s+✓ sometimes "retry seen" true in 1 of 1 seed reaching it/);
});

test('coverage table starts from the sites in the source: one no seed reached shows as never reached', async () => {
  const ui = await mount();
  const [start, ...rest] = events.slice(0, 3);
  assert.equal(start.type, 'run-start');
  const sites = [{ message: 'log repaired', kind: 'reachable' as const, location: 'workloads/a.ts:12' }];
  await ui.feed([{ ...start, sites }, ...rest]);
  assert.match(ui.frame(), /coverage: 0 of 1 site satisfied\n\s+○ reachable "log repaired" never reached/);
});

test('coverage table: the richer assertions say what they found', async () => {
  const ui = await mount();
  await ui.feed([...events.slice(0, 3), { type: 'coverage', rows: RICH_ROWS }]);
  const frame = ui.frame();
  RICH_ROWS.forEach((row, i) => assert.ok(frame.includes(`${row.kind} "${row.message}" ${RICH_DETAILS[i]}`), frame));
});

test('seeds/s and events/s come from the wall clock between run-start and now', async () => {
  let nowMs = 0;
  const ui = await mount({ nowMs: () => nowMs });
  await ui.feed(events, 2);
  nowMs = 2000;
  await ui.feed(events, 6);
  assert.match(ui.frame(), /4 of 9 seeds · 1 failed · 2 seeds\/s · 2k events\/s · 4 min simulated/);
});

test('publishing is coalesced: a burst of events notifies subscribers once per interval', async () => {
  const store = new RunStore({ notifyIntervalMs: 20 });
  let notified = 0;
  store.subscribe(() => notified++);
  store.apply(events[0]);
  const published = store.getView();
  for (const e of events.slice(1, -1)) store.apply(e);
  assert.equal(notified, 1, 'run-start publishes at once');
  assert.equal(store.getView(), published, 'the burst is not visible before the interval');
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.equal(notified, 2);
  assert.equal(store.getView().rates.seedsDone, 9);
});

test('every failing layout gets its failures shown in full, the run\'s budget shared between layouts', async () => {
  const layouts = ['a', 'b', 'c'].map((name) => plan(name, '1x1', 6));
  const failing = Object.fromEntries(layouts.map((p) => [p.caseId, [1, 2, 3, 4, 5].map((s) => ({ seed: s, detail: `broke ${p.topology} ${s}` }))]));
  const ui = await mount({ failuresShownMax: 6 });
  const all = runEvents(layouts, failing);
  await ui.feed(all, all.length - 1);
  const frame = ui.frame();
  for (const p of layouts) {
    assert.equal(count(frame, `replay: npx moonpool-test ${p.topology} --layout 1x1 --seed`), 2, `two failures of ${p.caseId} (6 shared by 3 layouts):\n${frame}`);
  }
  assert.match(frame, /  9 more failing seeds not shown above \(see the summary\)/);
  const many = Array.from({ length: 8 }, (_, i) => plan(`t${i}`, '1x1', 1));
  const ui2 = await mount({ failuresShownMax: 3 });
  await ui2.feed(runEvents(many, Object.fromEntries(many.map((p) => [p.caseId, [{ seed: 1, detail: 'x' }]]))));
  for (const p of many) assert.equal(count(ui2.frame(), `replay: npx moonpool-test ${p.topology} --layout 1x1 --seed 1`), 1, 'more layouts than the budget: each still shows its first');
});

test('one seed, one failure, one layout, one worker: every count is in the singular', async () => {
  const one = plan('solo', '1x1', 1);
  const ui = await mount();
  const start: RunnerEvent = { type: 'run-start', cases: [one], workers: 1, options: {}, settings: settings(), sites: [] };
  const result = seed(one, 1, { kind: 'assertion', detail: 'x' });
  await ui.feed([start, { type: 'case-start', caseId: one.caseId, seedsPlanned: 1 }, { type: 'seed-done', result: { ...result, events: 1 } }]);
  assert.match(ui.frame(), /moonpool-test · 0 of 1 layout done · 1 worker\n/);
  assert.match(ui.frame(), /1 of 1 seed · 1 failed/);
});

test('the coverage table takes the rows the terminal leaves free under the live area', async () => {
  const sites = Array.from({ length: 60 }, (_, i) => ({ message: `site ${String(i).padStart(2, '0')}`, kind: 'reachable' as const, location: `workloads/a.ts:${i + 1}` }));
  const [start, ...rest] = events.slice(0, 3);
  assert.equal(start.type, 'run-start');
  const fed: RunnerEvent[] = [{ ...start, sites }, ...rest];
  const siteRows = (frame: string) => frame.split('\n').filter((l) => /○ reachable "site \d+"/.test(l)).length;

  const unknown = await mount();
  await unknown.feed(fed);
  assert.equal(siteRows(unknown.frame()), COVERAGE_ROWS_DEFAULT, 'a terminal of unknown height gets the default');

  const tall = await mount({}, 40);
  await tall.feed(fed);
  // 40 rows: progress (header + 2 layouts), the totals line, the coverage header, its "more"
  // line and the cursor's line leave 33 for sites.
  assert.equal(siteRows(tall.frame()), 33, tall.frame());
  assert.match(tall.frame(), /… 27 more sites$/);
  const liveRows = tall.frame().split('\n').length;
  assert.equal(liveRows, 40 - 1, 'the live area fills the terminal but for the cursor line');

  const short = await mount({}, 12);
  await short.feed(fed);
  assert.equal(siteRows(short.frame()), 5);
  assert.match(short.frame(), /… 55 more sites$/);
});

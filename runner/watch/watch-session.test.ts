import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, test } from 'node:test';
import type { RunSummary } from '../run/events.js';
import { runWatch, type WatchFilter } from './watch-session.js';

const root = realpathSync(mkdtempSync(join(tmpdir(), 'moonpool-watch-session-')));
after(() => rmSync(root, { recursive: true, force: true }));
for (const f of ['a.ts', 'b.ts', 'shared.ts']) writeFileSync(join(root, f), '');

const project = {
  importGraph: new Map([[join(root, 'a.ts'), new Set([join(root, 'shared.ts')])]]),
  topologyFiles: new Map([
    ['kv[3x5]', 'a.ts'],
    ['ping-pong[2x10]', 'b.ts'],
  ]),
};

function summary(failing: Record<string, number[]>): RunSummary {
  const cases = Object.entries(failing).map(([caseId, failingSeeds]) => ({
    caseId, topology: caseId, layout: '', seedsPlanned: 1, seedsRun: 1, passed: 0, failed: failingSeeds.length,
    failingSeeds, events: 0, simTimeMs: 0, coverage: [], stopReason: '',
  }));
  return { cases, seedsRun: 1, passed: 0, failed: 0, skipped: 0, unsatisfied: [], wallMs: 0, ok: true };
}

/** Collects a stream's text; `waitFor(re)` resolves once the text matches. */
function collect(stream: PassThrough) {
  let text = '';
  stream.on('data', (chunk) => (text += String(chunk)));
  return {
    text: () => text,
    async waitFor(pattern: RegExp) {
      while (!pattern.test(text)) await once(stream, 'data');
    },
  };
}

/** A fake runner: records each filter; `waitRuns(n)` resolves once n runs started. */
function fakeRunner(results: Record<string, number[]>[]) {
  const filters: WatchFilter[] = [];
  const signals: AbortSignal[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  let gate: Promise<void> = Promise.resolve();
  return {
    filters,
    signals,
    hold(until: Promise<void>) {
      gate = until;
    },
    async runOnce(filter: WatchFilter, signal: AbortSignal) {
      filters.push(filter);
      signals.push(signal);
      for (const w of waiters.filter((w) => filters.length >= w.n)) w.resolve();
      await gate;
      return summary(results[Math.min(filters.length - 1, results.length - 1)]);
    },
    waitRuns(n: number) {
      return filters.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve }));
    },
  };
}

test('reruns only the affected layouts (failing seeds first), then f, t, Enter and q', { timeout: 15_000 }, async () => {
  const runner = fakeRunner([{ 'kv[3x5]': [7], 'ping-pong[2x10]': [] }, { 'kv[3x5]': [7] }]);
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const out = collect(stdout);
  const watching = runWatch({ runOnce: runner.runOnce, rediscover: async () => project, root, stdin, stdout, ci: false, debounceMs: 50 });
  // The session starts its watcher before the first run, and FileWatcher.start() returns armed.
  await runner.waitRuns(1);
  assert.deepEqual(runner.filters[0], { seedsFirst: {} });
  writeFileSync(join(root, 'shared.ts'), 'export const changed = true;');
  await runner.waitRuns(2);
  assert.deepEqual(runner.filters[1], { caseIds: ['kv[3x5]'], seedsFirst: { 'kv[3x5]': [7] } });
  stdin.write('f\n');
  await runner.waitRuns(3);
  assert.deepEqual(runner.filters[2], { caseIds: ['kv[3x5]'], seedsFirst: { 'kv[3x5]': [7] } });
  stdin.write('t ping\n');
  await runner.waitRuns(4);
  assert.deepEqual(runner.filters[3], { caseIds: ['ping-pong[2x10]'], seedsFirst: {} });
  stdin.write('\n');
  await runner.waitRuns(5);
  assert.deepEqual(runner.filters[4], runner.filters[3]);
  await out.waitFor(/watching .* · filter "ping" · a all · f failed · t filter · q quit · Enter rerun/);
  stdin.write('q\n');
  const last = await watching;
  assert.deepEqual(last?.cases.map((c) => c.caseId), ['kv[3x5]']);
  assert.match(out.text(), /changed: shared\.ts: rerunning kv\[3x5\]/);
});

test('a change no layout depends on reruns nothing and says so', { timeout: 15_000 }, async () => {
  const runner = fakeRunner([{}]);
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const out = collect(stdout);
  const watching = runWatch({ runOnce: runner.runOnce, rediscover: async () => project, root, stdin, stdout, ci: false, debounceMs: 50 });
  await runner.waitRuns(1);
  writeFileSync(join(root, 'unrelated.ts'), 'x');
  await out.waitFor(/changed: unrelated\.ts: no layout depends on it/);
  stdin.write('f\n');
  await out.waitFor(/no failing seeds to rerun: press a to run everything/);
  stdin.write('q\n');
  await watching;
  assert.equal(runner.filters.length, 1);
});

test('q during a run aborts it and ends the session', { timeout: 15_000 }, async () => {
  const runner = fakeRunner([{}]);
  let release!: () => void;
  runner.hold(new Promise<void>((resolve) => (release = resolve)));
  const stdin = new PassThrough();
  const watching = runWatch({ runOnce: runner.runOnce, rediscover: async () => project, root, stdin, stdout: new PassThrough(), ci: false });
  await runner.waitRuns(1);
  stdin.write('q\n');
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(runner.signals[0].aborted, true);
  release();
  await watching;
  assert.equal(runner.filters.length, 1);
});

test('in CI watch mode is off: it says so and runs once', { timeout: 15_000 }, async () => {
  const runner = fakeRunner([{ 'kv[3x5]': [] }]);
  const stdout = new PassThrough();
  const result = await runWatch({ runOnce: runner.runOnce, rediscover: async () => project, root, stdin: new PassThrough(), stdout, ci: true });
  assert.equal(runner.filters.length, 1);
  assert.deepEqual(runner.filters[0], {});
  assert.equal(result?.cases[0].caseId, 'kv[3x5]');
  assert.match(String(stdout.read()), /--watch is off in CI \(CI is set\), so the tests run once/);
});

test('aborting deps.signal (SIGINT in the CLI) ends the session like q', { timeout: 15_000 }, async () => {
  const runner = fakeRunner([{}]);
  const interrupt = new AbortController();
  const watching = runWatch({ runOnce: runner.runOnce, rediscover: async () => project, root, stdin: new PassThrough(), stdout: new PassThrough(), ci: false, signal: interrupt.signal });
  await runner.waitRuns(1);
  interrupt.abort();
  assert.equal((await watching)?.cases.length, 0);
  assert.equal(runner.filters.length, 1);
});

test('a change that breaks loading shows the load error, runs nothing, and keeps watching', { timeout: 15_000 }, async () => {
  const runner = fakeRunner([{}, {}]);
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const out = collect(stdout);
  let broken = false;
  const rediscover = async () => (broken ? { ...project, topologyFiles: new Map(), errors: ['a.ts: failed to load: SyntaxError: Unexpected token'] } : project);
  const watching = runWatch({ runOnce: runner.runOnce, rediscover, root, stdin, stdout, ci: false, debounceMs: 50 });
  await runner.waitRuns(1);
  broken = true;
  writeFileSync(join(root, 'a.ts'), 'export const = ;');
  await out.waitFor(/changed: a\.ts: the project does not load:\na\.ts: failed to load: SyntaxError: Unexpected token\nFix it and save: still watching\./);
  assert.equal(runner.filters.length, 1, 'nothing ran on the broken project');
  broken = false;
  writeFileSync(join(root, 'a.ts'), 'export const fixed = 1;');
  await runner.waitRuns(2);
  stdin.write('q\n');
  await watching;
  assert.deepEqual(runner.filters[1].caseIds, ['kv[3x5]'], 'the fix reruns what depends on it');
});

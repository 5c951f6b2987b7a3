import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import type { SeedResult } from '../../src/internal.js';
import type { RunnerEvent } from '../run/events.js';
import { reportSchemaErrors } from '../merge/report-schema.js';
import { caseSummary, plan, runEvents, runSummary, seed, settings } from './events.test-support.js';
import type { JsonReport } from './json-report.js';
import { JsonReportBuilder } from './json-report-builder.js';
import { renderJsonReport } from './json-report-render.js';
import { JsonReporter } from './json-reporter.js';
import { FAILURE_TEXT_CHARS_MAX } from './junit-xml.js';

const dir = mkdtempSync(join(tmpdir(), 'moonpool-json-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const NOW = new Date('2026-01-02T03:04:05.678Z');

async function report(name: string, events: RunnerEvent[], close = true): Promise<JsonReport> {
  const file = join(dir, name, 'report.json');
  const reporter = new JsonReporter(file, { now: () => NOW });
  for (const event of events) reporter.onEvent(event);
  if (close) await reporter.close();
  return JSON.parse(readFileSync(file, 'utf8')) as JsonReport;
}

function assertValid(data: unknown): void {
  const errors = reportSchemaErrors(data, 20);
  assert.deepEqual(errors, [], `not valid against json-report.schema.json:\n${JSON.stringify(errors, null, 2)}`);
}

const kv = plan('kv', '3x5', 4);
const ping = plan('ping-pong', '1x1', 2);

/** A failing seed with everything a failure can carry: faults, reboots, drawn options, a timeline, a shrink. */
function richFailure(): SeedResult {
  const result = seed(kv, 3, { kind: 'invariant', detail: 'balance < 0 at "acct" <1>', fix: 'Find the update that led there.' });
  result.failure!.className = 'Ledger';
  result.faults = { partition: 2, bitFlip: 0, rebootCrash: 1 };
  result.reboots = [
    { timeMs: 120.5, address: '10.0.0.2:4500', kind: 'crash', downMs: 300 },
    { timeMs: 900, address: '10.0.0.3:4500', kind: 'wipe', downMs: Number.POSITIVE_INFINITY },
  ];
  result.options = { 'network.preset': 'hostile', 'chaos.enabledSites': ['a.ts:3'], 'layout.client': 5 };
  result.beyondPresets = { 'chaos.enabledSites': ['a.ts:3'], 'layout.client': 5 };
  result.failure!.stack = 'InvariantError: balance < 0\n    at check (workloads/kv.ts:10:5)';
  result.failure!.recent = [
    { seq: 0, timeMs: 1, eventIndex: 3, process: 'client#0', kind: 'send', text: 'put k=1', peer: 'replica#1', messageId: 7, fields: { bytes: 12, frame: 'put', ok: true, none: null } },
    { seq: 1, timeMs: 1.5, eventIndex: 4, process: 'sim', kind: 'fault', text: 'partition 10.0.0.2|10.0.0.3' },
  ];
  result.failure!.shrunk = { faultsBefore: 9, faults: ['partition 10.0.0.2|10.0.0.3 at 120 ms'], runs: 14, replay: 'npx moonpool-test kv --layout 3x5 --seed 3 --only-faults 4', eventIndex: 120, simTimeMs: 33.5 };
  return result;
}

test('a run: valid against the schema, every field mapped from the events, faults without zeros, reboots down until liveness as null', async () => {
  const results = [seed(kv, 1), seed(kv, 2), richFailure(), seed(kv, 4)];
  results[1].faults = { partition: 1, bitFlip: 0 };
  const row = { message: 'leader elected', kind: 'sometimes' as const, seedsReached: 4, seedsSatisfied: 1, timesReached: 7, timesSatisfied: 2, locations: ['workloads/kv.ts:40'] };
  const dynamic = { message: 'retried 3 times', kind: 'reachable' as const, seedsReached: 1, seedsSatisfied: 1, timesReached: 1, timesSatisfied: 1 };
  const summary = { ...caseSummary(kv, results), coverage: [row, dynamic] };
  const events: RunnerEvent[] = [
    { type: 'run-start', cases: [kv, ping], workers: 3, options: { anything: 'for display' }, settings: settings({ baseSeed: 7, network: 'hostile', shard: { index: 2, count: 4 }, eventsMax: 5000 }), sites: [] },
    { type: 'error', message: 'workloads/broken.ts failed to load' },
    { type: 'case-start', caseId: kv.caseId, seedsPlanned: 4 },
    { type: 'seed-done', result: results[0] },
    { type: 'seed-done', result: results[1] },
    { type: 'output', caseId: kv.caseId, seed: 3, stream: 'stdout', text: 'starting\n\nbalance -5\n' },
    ...results.slice(2).map((result) => ({ type: 'seed-done', result }) as const),
    { type: 'case-done', summary },
    { type: 'coverage', rows: [row, dynamic] },
    { type: 'run-done', summary: { ...runSummary([summary], 2), unsatisfied: [] }, interrupted: false },
  ];
  const json = await report('run', events);
  assertValid(json);
  assert.equal(json.schemaVersion, 1);
  assert.deepEqual(json.generator, { name: 'moonpool-test', version: JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')).version });
  assert.equal(json.createdAt, '2026-01-02T03:04:05.678Z');
  assert.deepEqual(json.run.shard, { index: 2, count: 4 });
  assert.equal(json.run.workers, 3);
  assert.deepEqual(json.run.settings, {
    baseSeed: 7, filters: [], layout: null, seed: null, onlyFaults: null, network: 'hostile', buggify: null, storage: null, attrition: null, swarm: false, guard: 'virtualize',
    checkDeterminism: false, bail: false, real: false, eventsMax: 5000, simTimeMsMax: null, livenessTimeoutMs: null, seedTimeoutMs: 60_000,
  });
  assert.equal(json.run.mergedFrom, undefined);
  assert.deepEqual(json.totals, { cases: 2, seedsPlanned: 6, seedsRun: 4, passed: 3, failed: 1, skipped: 2, events: 4000, simTimeMs: 240_000, faults: { partition: 3, rebootCrash: 1 }, definitionErrors: 0 });
  const [kvCase, pingCase] = json.cases;
  assert.equal(kvCase.state, 'done');
  assert.equal(kvCase.strategy, 'fixed:4');
  assert.equal(kvCase.file, 'workloads/kv.ts');
  assert.equal(kvCase.wallMs, 12);
  assert.deepEqual(kvCase.failingSeeds, [3]);
  assert.deepEqual(kvCase.seeds.map((s) => [s.seed, s.ok, s.faults]), [[1, true, {}], [2, true, { partition: 1 }], [3, false, { partition: 2, rebootCrash: 1 }], [4, true, {}]]);
  assert.deepEqual(kvCase.coverage, [row, dynamic]);
  assert.deepEqual(kvCase.failures, [
    {
      seed: 3,
      kind: 'invariant',
      message: 'invariant failure in client#1 (workloads/kv.ts) at seed 3, 1500.000 ms simulated, event #42: balance < 0 at "acct" <1>. Find the update that led there. Replay: npx moonpool-test kv --layout 3x5 --seed 3',
      detail: 'balance < 0 at "acct" <1>',
      fix: 'Find the update that led there.',
      where: 'client#1',
      className: 'Ledger',
      file: 'workloads/kv.ts',
      simTimeMs: 1500,
      eventIndex: 42,
      stack: 'InvariantError: balance < 0\n    at check (workloads/kv.ts:10:5)',
      replay: 'npx moonpool-test kv --layout 3x5 --seed 3',
      faults: { partition: 2, rebootCrash: 1 },
      reboots: [
        { timeMs: 120.5, address: '10.0.0.2:4500', kind: 'crash', downMs: 300 },
        { timeMs: 900, address: '10.0.0.3:4500', kind: 'wipe', downMs: null },
      ],
      drawn: { 'network.preset': 'hostile', 'chaos.enabledSites': ['a.ts:3'], 'layout.client': 5 },
      beyondPresets: { 'chaos.enabledSites': ['a.ts:3'], 'layout.client': 5 },
      output: ['starting', 'balance -5'],
      recent: richFailure().failure!.recent,
      shrunk: richFailure().failure!.shrunk,
    },
  ]);
  assert.deepEqual(pingCase, {
    caseId: 'ping-pong[1x1]', topology: 'ping-pong', layout: '1x1', file: 'workloads/ping-pong.ts', strategy: 'fixed:2', state: 'not-run',
    seedsPlanned: 2, seedsRun: 0, passed: 0, failed: 0, events: 0, simTimeMs: 0, wallMs: 0, stopReason: null, faults: {}, failingSeeds: [], coverage: [], failures: [], seeds: [],
  });
  assert.deepEqual(json.coverage, { sites: [row, dynamic], unsatisfied: [] });
  assert.deepEqual(json.errors, ['workloads/broken.ts failed to load']);
});

test('an interrupted run: the cut case is interrupted with its partial summary, and close() without run-done still writes', async () => {
  const results = [seed(kv, 1), seed(kv, 2, { kind: 'crash', detail: 'worker 2 died' })];
  const partial = { ...caseSummary(kv, results), stopReason: 'interrupted after 2 seeds' };
  const events: RunnerEvent[] = [
    { type: 'run-start', cases: [kv, ping], workers: 2, options: {}, settings: settings(), sites: [] },
    { type: 'case-start', caseId: kv.caseId, seedsPlanned: 4 },
    ...results.map((result) => ({ type: 'seed-done', result }) as const),
    { type: 'run-done', summary: runSummary([partial], 4), interrupted: true },
  ];
  const json = await report('interrupted', events, false);
  assertValid(json);
  assert.equal(json.run.interrupted, true);
  assert.deepEqual(json.cases.map((c) => [c.caseId, c.state, c.seedsRun, c.stopReason]), [['kv[3x5]', 'interrupted', 2, 'interrupted after 2 seeds'], ['ping-pong[1x1]', 'not-run', 0, null]]);
  assert.equal(json.totals.skipped, 4);

  const cut = await report('no-run-done', events.slice(0, 4));
  assertValid(cut);
  assert.equal(cut.run.ok, false);
  assert.equal(cut.run.interrupted, true);
  assert.deepEqual(cut.cases.map((c) => [c.state, c.seedsRun, c.failed, c.failingSeeds]), [['interrupted', 2, 1, [2]], ['not-run', 0, 0, []]]);
  assert.equal(cut.totals.skipped, 4, 'planned seeds that never ran');
});

test('replaces an existing file atomically and leaves no temp file behind; an unwritable path names the fix', async () => {
  const file = join(dir, 'atomic', 'report.json');
  await report('atomic', runEvents([kv]));
  writeFileSync(file, 'stale');
  const json = await report('atomic', runEvents([kv], { 'kv[3x5]': [{ seed: 1, detail: 'x' }] }));
  assert.equal(json.totals.failed, 1);
  assert.deepEqual(readdirSync(join(dir, 'atomic')), ['report.json']);
  const blocker = join(dir, 'blocker');
  writeFileSync(blocker, 'a file, not a folder');
  const reporter = new JsonReporter(join(blocker, 'report.json'));
  reporter.onEvent(runEvents([kv])[0]);
  await assert.rejects(reporter.close(), /JsonReporter: could not write .*blocker\/report\.json.*--output-file/);
});

test('a message or stack past 16 KiB is cut to at most that length, saying so, and a cut text is not cut again', async () => {
  const big = plan('big', '1x1', 1);
  const json = await report('big', runEvents([big], { 'big[1x1]': [{ seed: 1, detail: 'y'.repeat(100_000) }] }));
  const { message, detail } = json.cases[0].failures[0];
  for (const text of [message, detail]) {
    assert.ok(text.length <= FAILURE_TEXT_CHARS_MAX && text.length > FAILURE_TEXT_CHARS_MAX - 10, `${text.length} characters`);
    assert.match(text, /\n\[\d+ more characters cut here; the console output has the whole text, and the replay command reproduces the seed\]$/);
  }
  const again = await report('big-again', runEvents([big], { 'big[1x1]': [{ seed: 1, detail }] }));
  assert.equal(again.cases[0].failures[0].detail, detail);
});

test('property: any run renders to text that parses back to the report, valid against the schema, with consistent totals', () => {
  const runArb = fc.array(
    fc.record({
      seeds: fc.integer({ min: 0, max: 12 }),
      failing: fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 4 }),
      message: fc.string({ unit: 'binary', maxLength: 40 }),
      partitions: fc.nat(3),
    }),
    { minLength: 1, maxLength: 4 },
  );
  fc.assert(
    fc.property(runArb, (specs) => {
      const plans = specs.map((spec, i) => plan(`t${i}`, '1x1', spec.seeds));
      const failing = Object.fromEntries(specs.map((spec, i) => [plans[i].caseId, [...new Set(spec.failing)].filter((s) => s <= spec.seeds).map((s) => ({ seed: s, detail: spec.message }))]));
      const events = runEvents(plans, failing).map((event, i) =>
        event.type === 'seed-done' ? { ...event, result: { ...event.result, faults: { partition: specs[i % specs.length].partitions, bitFlip: 0 } } } : event,
      );
      const builder = new JsonReportBuilder();
      for (const event of events) builder.apply(event);
      const json = builder.report({ version: '9.9.9', createdAt: NOW });
      assert.deepEqual(JSON.parse([...renderJsonReport(json)].join('')), json);
      assertValid(json);
      assert.equal(json.totals.passed + json.totals.failed, json.totals.seedsRun);
      assert.equal(json.totals.seedsRun, json.cases.reduce((n, c) => n + c.seeds.length, 0));
      for (const c of json.cases) {
        assert.deepEqual(c.failingSeeds, c.seeds.filter((s) => !s.ok).map((s) => s.seed));
        assert.deepEqual(c.failures.map((f) => f.seed), c.failingSeeds);
      }
    }),
    { numRuns: 60, seed: 11 },
  );
});

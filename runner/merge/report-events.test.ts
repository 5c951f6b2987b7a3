import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, test } from 'node:test';
import type { Reporter, RunnerEvent } from '../run/events.js';
import { caseSummary, plan, runSummary, seed, settings } from '../reporters/events.test-support.js';
import type { JsonReport } from '../reporters/json-report.js';
import { JsonReportBuilder } from '../reporters/json-report-builder.js';
import { JUnitReporter } from '../reporters/junit-reporter.js';
import { PlainReporter } from '../reporters/plain-reporter.js';
import { runReport, type SeedSpec } from './merge.test-support.js';
import { reportEvents } from './report-events.js';

const dir = mkdtempSync(join(tmpdir(), 'moonpool-report-events-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const NOW = new Date('2026-05-06T07:08:09.000Z');

function build(events: Iterable<RunnerEvent>): JsonReport {
  const builder = new JsonReportBuilder();
  for (const event of events) builder.apply(event);
  return builder.report({ version: '1.2.3', createdAt: NOW });
}

/** A run with a failure carrying output, faults, reboots (one down until the liveness phase), a timeline and a shrink, an error, and a case never started. */
function richEvents(interrupted: boolean): RunnerEvent[] {
  const kv = plan('kv', '3x5', 3);
  const idle = plan('idle', '1x1', 2);
  const results = [seed(kv, 11), seed(kv, 12, { kind: 'invariant', detail: 'two leaders in term 4', fix: 'Find the update that led there.' }), seed(kv, 13)];
  const bad = results[1];
  bad.faults = { partition: 2, bitFlip: 0 };
  bad.options = { 'network.preset': 'hostile', 'chaos.enabledSites': ['kv.ts:3'] };
  bad.beyondPresets = { 'chaos.enabledSites': ['kv.ts:3'] };
  bad.failure!.className = 'Elector';
  bad.reboots = [{ timeMs: 5, address: '10.0.0.2:4500', kind: 'crash', downMs: Number.POSITIVE_INFINITY }];
  bad.failure!.stack = 'Error: two leaders\n    at check';
  bad.failure!.recent = [{ seq: 4, timeMs: 2, eventIndex: 9, process: 'node#1', kind: 'user', text: 'vote', fields: { term: 4 } }];
  bad.failure!.shrunk = { faultsBefore: 5, faults: ['partition at 1 ms'], runs: 3, replay: 'npx moonpool-test kv --seed 12 --only-faults 2', eventIndex: 40, simTimeMs: 12 };
  const row = { message: 'leader elected', kind: 'sometimes' as const, seedsReached: 3, seedsSatisfied: 0, timesReached: 3, timesSatisfied: 0, locations: ['workloads/kv.ts:8'] };
  const summary = { ...caseSummary(kv, results), coverage: [row] };
  return [
    { type: 'run-start', cases: [kv, idle], workers: 2, options: {}, settings: settings({ baseSeed: 3, seed: 12, onlyFaults: [3, 17], storage: 'hostile', livenessTimeoutMs: 900 }), sites: [{ kind: 'sometimes', message: 'leader elected', location: 'workloads/kv.ts:8' }] },
    { type: 'error', message: 'worker 1 crashed and was replaced' },
    { type: 'case-start', caseId: kv.caseId, seedsPlanned: 3 },
    { type: 'seed-done', result: results[0] },
    { type: 'output', caseId: kv.caseId, seed: 12, stream: 'stdout', text: 'electing\nleader node#1\n' },
    { type: 'seed-done', result: results[1] },
    { type: 'seed-done', result: results[2] },
    ...(interrupted ? [] : [{ type: 'case-done', summary } as const]),
    { type: 'coverage', rows: [row] },
    { type: 'run-done', summary: { ...runSummary([summary], 2), unsatisfied: [row], ok: false }, interrupted },
  ];
}

test('a report replayed as events rebuilds the same report, for a finished, an interrupted and a merged-style run', () => {
  for (const interrupted of [false, true]) {
    const report = build(richEvents(interrupted));
    assert.deepEqual(build(reportEvents(report, {})), report, interrupted ? 'interrupted' : 'finished');
  }
  const specs: SeedSpec[] = Array.from({ length: 7 }, (_, i) => ({ fails: i === 3, reaches: i === 5 ? ['rare'] : ['common'], partitions: i }));
  for (const report of [runReport(specs), runReport(specs, { index: 2, count: 3 })]) {
    assert.deepEqual(build(reportEvents(report, {})), { ...report, createdAt: NOW.toISOString(), generator: { name: 'moonpool-test', version: '1.2.3' } });
  }
});

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function plainOf(events: Iterable<RunnerEvent>): Promise<string> {
  const out = new Sink();
  const reporter = new PlainReporter({ stdout: out, stderr: out, color: false });
  for (const event of events) reporter.onEvent(event);
  await reporter.close();
  return out.text;
}

async function junitOf(name: string, events: Iterable<RunnerEvent>): Promise<string> {
  const file = join(dir, `${name}.xml`);
  const reporter: Reporter = new JUnitReporter(file);
  for (const event of events) reporter.onEvent(event);
  await reporter.close();
  return readFileSync(file, 'utf8');
}

test('the plain and junit reporters print a replayed report as they printed the run itself', async () => {
  const events = richEvents(false);
  const replayed = [...reportEvents(build(events), {})];
  assert.equal(await plainOf(replayed), await plainOf(events));
  assert.equal(await junitOf('replayed', replayed), await junitOf('live', events));
  assert.match(
    await plainOf(replayed),
    /✗ kv\[3x5\] seed 12 failed \(invariant\), in client#1 \(Elector, workloads\/kv\.ts\)[^\n]*\n {4}two leaders in term 4\n {4}fix: Find the update that led there\.\n {4}drew beyond network hostile: chaos\.enabledSites=\["kv\.ts:3"\]\n {4}faults injected: partition 2\n {4}reboots: crash 10\.0\.0\.2:4500 at 5\.000 ms \(down until the liveness phase\)\n {4}fails with 1 of 5 injected faults[\s\S]*output \(last lines\):\n {6}electing\n {6}leader node#1\n {4}replay: npx moonpool-test kv --seed 12 --only-faults 2\n/,
  );
});

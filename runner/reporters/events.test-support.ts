// Hand-made runner event sequences for the reporters' tests (no runner needed).
import { summarizeCase, type CaseSummary, type CoverageHit, type SeedResult } from '../../src/internal.js';
import type { CaseInfo, RunnerEvent, RunSettings, RunSummary } from '../run/events.js';

export function plan(topology: string, layout: string, seedsPlanned: number): CaseInfo {
  return { caseId: `${topology}[${layout}]`, topology, layout, seedsPlanned, file: `workloads/${topology}.ts`, strategy: `fixed:${seedsPlanned}` };
}

/** The settings of a run with the defaults, changed by `overrides`. */
export function settings(overrides: Partial<RunSettings> = {}): RunSettings {
  return { baseSeed: 0, filters: [], swarm: false, guard: 'virtualize', checkDeterminism: false, bail: false, real: false, failOnUnsatisfied: false, seedTimeoutMs: 60_000, ...overrides };
}

/** A failing seed's failure, as toFailureInfo makes them: `detail` is what the user's code said. */
export interface FailureSketch {
  kind: 'assertion' | 'crash' | 'invariant';
  detail: string;
  fix?: string;
}

export function seed(info: CaseInfo, seedValue: number, failure?: FailureSketch, coverage: CoverageHit[] = []): SeedResult {
  const replay = `npx moonpool-test ${info.topology} --layout ${info.layout} --seed ${seedValue}`;
  const message = (f: FailureSketch) =>
    `${f.kind} failure in client#1 (${info.file}) at seed ${seedValue}, 1500.000 ms simulated, event #42: ${f.detail}.${f.fix ? ` ${f.fix}` : ''} Replay: ${replay}`;
  return {
    caseId: info.caseId,
    topology: info.topology,
    layout: info.layout,
    seed: seedValue,
    ok: !failure,
    failure: failure && { ...failure, message: message(failure), seed: seedValue, simTimeMs: 1500, eventIndex: 42, where: 'client#1', file: info.file },
    events: 1000,
    simTimeMs: 60_000,
    wallMs: 3,
    traceHash: 'abc',
    coverage,
    faults: {},
    options: {},
    replay,
  };
}

export function caseSummary(info: CaseInfo, results: SeedResult[]): CaseSummary {
  const { caseId, topology, layout, seedsPlanned } = info;
  return summarizeCase({ caseId, topology, layout, seedsPlanned }, results, [], `${results.length} seeds run`);
}

export function runSummary(cases: CaseSummary[], skipped = 0): RunSummary {
  const failed = cases.reduce((sum, c) => sum + c.failed, 0);
  const seedsRun = cases.reduce((sum, c) => sum + c.seedsRun, 0);
  return { cases, seedsRun, passed: seedsRun - failed, failed, skipped, unsatisfied: [], wallMs: 2500, ok: failed === 0 };
}

/** A whole run: each case runs `seedsPerCase` seeds; `failing` maps caseId to its failing seeds. */
export function runEvents(cases: CaseInfo[], failing: Record<string, { seed: number; detail: string }[]> = {}): RunnerEvent[] {
  const events: RunnerEvent[] = [{ type: 'run-start', cases, workers: 2, options: { seeds: 100, strategy: 'fixed' }, settings: settings(), sites: [] }];
  const summaries: CaseSummary[] = [];
  for (const info of cases) {
    events.push({ type: 'case-start', caseId: info.caseId, seedsPlanned: info.seedsPlanned });
    const results: SeedResult[] = [];
    for (let i = 1; i <= info.seedsPlanned; i++) {
      const bad = (failing[info.caseId] ?? []).find((f) => f.seed === i);
      const result = seed(info, i, bad && { kind: 'assertion', detail: bad.detail, fix: 'Fix the code or the assertion.' });
      results.push(result);
      events.push({ type: 'seed-done', result });
    }
    const summary = caseSummary(info, results);
    summaries.push(summary);
    events.push({ type: 'case-done', summary });
  }
  events.push({ type: 'run-done', summary: runSummary(summaries), interrupted: false });
  return events;
}

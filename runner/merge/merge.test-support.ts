// Hand-made runs for the merge tests: the report a whole run, or one shard of it, would write
// (through the json reporter's own builder), for seeds whose outcome and coverage are given.
import { CoverageTable, summarizeCase, type CoverageHit, type CoverageSite, type SeedResult, type Shard } from '../../src/internal.js';
import type { RunnerEvent } from '../run/events.js';
import { plan, seed, settings } from '../reporters/events.test-support.js';
import type { JsonReport } from '../reporters/json-report.js';
import { JsonReportBuilder } from '../reporters/json-report-builder.js';
import type { ReportInput } from './report-file.js';

export interface SeedSpec {
  fails?: boolean;
  /** Sites (sometimes, satisfied) this seed reaches. */
  reaches?: string[];
  partitions?: number;
}

export const SITES: CoverageSite[] = [
  { kind: 'sometimes', message: 'common', location: 'workloads/kv.ts:10' },
  { kind: 'sometimes', message: 'rare', location: 'workloads/kv.ts:20' },
];

/** The report of a run of `specs` (seed index → what it does) of one case, or of one shard of it. */
export function runReport(specs: readonly SeedSpec[], shard?: Shard, overrides: { baseSeed?: number; createdAt?: Date } = {}): JsonReport {
  const info = plan('kv', '3x5', specs.length);
  const indexes = specs.map((_, i) => i).filter((i) => shard === undefined || i % shard.count === shard.index - 1);
  const results: SeedResult[] = indexes.map((i) => {
    const spec = specs[i];
    const hits: CoverageHit[] = (spec.reaches ?? []).map((message) => ({ message, kind: 'sometimes', reached: 1, satisfied: 1 }));
    const result = seed(info, 1000 + i, spec.fails ? { kind: 'invariant', detail: `seed index ${i} broke` } : undefined, hits);
    result.faults = { partition: spec.partitions ?? 0 };
    result.wallMs = 1 + i;
    return result;
  });
  const coverage = new CoverageTable();
  coverage.declare(SITES);
  for (const r of results) coverage.add(r.coverage);
  const stopReason = `ran ${specs.length} seeds${shard === undefined ? '' : ` (shard ${shard.index}/${shard.count}: ${results.length} seed${results.length === 1 ? '' : 's'} here)`}`;
  const identity = { caseId: info.caseId, topology: info.topology, layout: info.layout, seedsPlanned: indexes.length };
  const summary = summarizeCase(identity, results, coverage.rows(), stopReason);
  const events: RunnerEvent[] = [
    { type: 'run-start', cases: [{ ...info, seedsPlanned: indexes.length, strategy: `fixed:${specs.length}` }], workers: 2, options: {}, settings: settings({ shard, baseSeed: overrides.baseSeed ?? 0 }), sites: SITES },
    { type: 'case-start', caseId: info.caseId, seedsPlanned: indexes.length },
    ...results.map((result) => ({ type: 'seed-done', result }) as const),
    { type: 'case-done', summary },
    { type: 'coverage', rows: coverage.rows() },
    {
      type: 'run-done',
      summary: { cases: [summary], seedsRun: results.length, passed: summary.passed, failed: summary.failed, skipped: 0, unsatisfied: coverage.unsatisfied(), wallMs: 100 * ((shard?.index ?? 0) + 1), ok: summary.failed === 0 && coverage.unsatisfied().length === 0 },
      interrupted: false,
    },
  ];
  const builder = new JsonReportBuilder();
  for (const event of events) builder.apply(event);
  return builder.report({ version: '1.2.3', createdAt: overrides.createdAt ?? new Date('2026-01-01T00:00:00.000Z') });
}

/** Shard reports of `specs` as merge-reports would read them. */
export function shardInputs(specs: readonly SeedSpec[], count: number): ReportInput[] {
  return Array.from({ length: count }, (_, i) => ({ file: `shard-${i + 1}.json`, report: runReport(specs, { index: i + 1, count }) }));
}

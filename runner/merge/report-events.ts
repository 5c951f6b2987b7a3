// Replays a JSON report as the runner events a live run of it would have emitted, so the existing
// reporters (plain, junit, json) render a merged run exactly as they render a normal one. The
// mapping mirrors json-report-builder.ts field by field. A passing seed's replay command, drawn
// options and coverage hits are not in the report (its case's coverage is): no reporter shows them.
import type { CaseSummary, CoverageRow, CoverageSite, FailureInfo, FailureKind, SeedResult, TimelineEntry, TimelineKind } from '../../src/internal.js';
import type { RunSummary } from '../run/events.js';
import type { CaseInfo, RunnerEvent, RunSettings } from '../run/events.js';
import type { JsonCase, JsonCoverageRow, JsonFailure, JsonReport, JsonSeed, JsonTimelineEntry } from '../reporters/json-report.js';

/** The events of `report`, in the order the runner emits them. `options` is what the console
 * reporter prints as the run's options. */
export function* reportEvents(report: JsonReport, options: Record<string, unknown>): Generator<RunnerEvent> {
  yield {
    type: 'run-start',
    cases: report.cases.map(planOf),
    workers: report.run.workers,
    options,
    settings: runSettingsOf(report),
    sites: sitesOf(report.coverage.sites),
  };
  for (const message of report.errors) yield { type: 'error', message };
  for (const c of report.cases) {
    if (c.state === 'not-run') continue;
    yield { type: 'case-start', caseId: c.caseId, seedsPlanned: c.seedsPlanned };
    const failures = new Map(c.failures.map((f) => [f.seed, f]));
    for (const seed of c.seeds) {
      const failure = failures.get(seed.seed);
      if (failure !== undefined && failure.output.length > 0) {
        yield { type: 'output', caseId: c.caseId, seed: seed.seed, stream: 'stdout', text: `${failure.output.join('\n')}\n` };
      }
      yield { type: 'seed-done', result: seedResultOf(c, seed, failure) };
    }
    if (c.state === 'done') yield { type: 'case-done', summary: caseSummaryOf(c) };
  }
  yield { type: 'coverage', rows: report.coverage.sites.map(coverageRowOf) };
  yield { type: 'run-done', summary: runSummaryOf(report), interrupted: report.run.interrupted };
}

function planOf(c: JsonCase): CaseInfo {
  return { caseId: c.caseId, topology: c.topology, layout: c.layout, seedsPlanned: c.seedsPlanned, file: c.file ?? '', strategy: c.strategy };
}

function runSettingsOf(report: JsonReport): RunSettings {
  const s = report.run.settings;
  const shard = report.run.shard;
  return {
    baseSeed: s.baseSeed,
    ...(shard !== null ? { shard: { index: shard.index, count: shard.count } } : {}),
    filters: [...s.filters],
    ...(s.layout !== null ? { layout: s.layout } : {}),
    ...(s.seed !== null ? { seed: s.seed } : {}),
    ...(s.onlyFaults !== null ? { onlyFaults: [...s.onlyFaults] } : {}),
    ...(s.network !== null ? { network: s.network } : {}),
    ...(s.buggify !== null ? { buggify: s.buggify } : {}),
    ...(s.storage !== null ? { storage: s.storage } : {}),
    ...(s.attrition !== null ? { attrition: s.attrition } : {}),
    swarm: s.swarm,
    guard: s.guard,
    checkDeterminism: s.checkDeterminism,
    bail: s.bail,
    real: s.real,
    failOnUnsatisfied: report.run.failOnUnsatisfied,
    ...(s.eventsMax !== null ? { eventsMax: s.eventsMax } : {}),
    ...(s.simTimeMsMax !== null ? { simTimeMsMax: s.simTimeMsMax } : {}),
    ...(s.livenessTimeoutMs !== null ? { livenessTimeoutMs: s.livenessTimeoutMs } : {}),
    seedTimeoutMs: s.seedTimeoutMs,
  };
}

/** The sites the source holds: every location of the run's coverage rows. */
function sitesOf(rows: readonly JsonCoverageRow[]): CoverageSite[] {
  return rows.flatMap((row) => (row.locations ?? []).map((location) => ({ kind: row.kind, message: row.message, location })));
}

function seedResultOf(c: JsonCase, seed: JsonSeed, failure: JsonFailure | undefined): SeedResult {
  const result: SeedResult = {
    caseId: c.caseId,
    topology: c.topology,
    layout: c.layout,
    seed: seed.seed,
    ok: seed.ok,
    events: seed.events,
    simTimeMs: seed.simTimeMs,
    wallMs: seed.wallMs,
    traceHash: seed.traceHash,
    coverage: [],
    faults: { ...seed.faults },
    options: failure !== undefined ? structuredClone(failure.drawn) : {},
    replay: failure?.replay ?? '',
  };
  if (failure !== undefined) {
    result.failure = failureOf(failure);
    if (failure.beyondPresets !== undefined) result.beyondPresets = structuredClone(failure.beyondPresets);
    if (failure.reboots.length > 0) {
      result.reboots = failure.reboots.map((r) => ({ timeMs: r.timeMs, address: r.address, kind: r.kind, downMs: r.downMs ?? Number.POSITIVE_INFINITY }));
    }
  }
  return result;
}

function failureOf(f: JsonFailure): FailureInfo {
  return {
    // Kinds are the runner's own words; a report is read back by the moonpool that wrote it.
    kind: f.kind as FailureKind,
    message: f.message,
    detail: f.detail,
    ...(f.fix !== undefined ? { fix: f.fix } : {}),
    seed: f.seed,
    ...(f.simTimeMs !== undefined ? { simTimeMs: f.simTimeMs } : {}),
    ...(f.eventIndex !== undefined ? { eventIndex: f.eventIndex } : {}),
    ...(f.where !== undefined ? { where: f.where } : {}),
    ...(f.className !== undefined ? { className: f.className } : {}),
    ...(f.file !== undefined ? { file: f.file } : {}),
    ...(f.stack !== undefined ? { stack: f.stack } : {}),
    ...(f.recent !== undefined ? { recent: f.recent.map(timelineEntryOf) } : {}),
    ...(f.shrunk !== undefined ? { shrunk: { ...f.shrunk, faults: [...f.shrunk.faults] } } : {}),
  };
}

function timelineEntryOf(e: JsonTimelineEntry): TimelineEntry {
  return {
    seq: e.seq,
    timeMs: e.timeMs,
    eventIndex: e.eventIndex,
    process: e.process,
    kind: e.kind as TimelineKind,
    text: e.text,
    ...(e.peer !== undefined ? { peer: e.peer } : {}),
    ...(e.messageId !== undefined ? { messageId: e.messageId } : {}),
    ...(e.fields !== undefined ? { fields: { ...e.fields } } : {}),
  };
}

function coverageRowOf(row: JsonCoverageRow): CoverageRow {
  return {
    message: row.message,
    kind: row.kind,
    seedsReached: row.seedsReached,
    seedsSatisfied: row.seedsSatisfied,
    timesReached: row.timesReached,
    timesSatisfied: row.timesSatisfied,
    ...(row.locations !== undefined ? { locations: [...row.locations] } : {}),
  };
}

function caseSummaryOf(c: JsonCase): CaseSummary {
  return {
    caseId: c.caseId,
    topology: c.topology,
    layout: c.layout,
    seedsPlanned: c.seedsPlanned,
    seedsRun: c.seedsRun,
    passed: c.passed,
    failed: c.failed,
    failingSeeds: [...c.failingSeeds],
    events: c.events,
    simTimeMs: c.simTimeMs,
    coverage: c.coverage.map(coverageRowOf),
    stopReason: c.stopReason ?? '',
  };
}

function runSummaryOf(report: JsonReport): RunSummary {
  const summary: RunSummary = {
    cases: report.cases.filter((c) => c.state !== 'not-run').map(caseSummaryOf),
    seedsRun: report.totals.seedsRun,
    passed: report.totals.passed,
    failed: report.totals.failed,
    skipped: report.totals.skipped,
    unsatisfied: report.coverage.unsatisfied.map(coverageRowOf),
    wallMs: report.run.wallMs,
    ok: report.run.ok,
  };
  if (report.totals.definitionErrors > 0) summary.definitionErrors = report.totals.definitionErrors;
  return summary;
}

// Folds runner events into a JsonReport (json-report.ts), mapping every field from the runner's
// typed events and result types by hand: the report's shape is versioned, the runner's types are
// not. A report can be taken at any moment; without run-done the run counts as interrupted.
import type { CaseSummary, CoverageRow, FailureInfo, RebootInfo, SeedResult, ShrinkSummary, TimelineEntry } from '../../src/internal.js';
import type { RunSummary } from '../run/events.js';
import type { CaseInfo, RunnerEvent, RunSettings } from '../run/events.js';
import {
  JSON_REPORT_SCHEMA_VERSION,
  type JsonCase,
  type JsonCaseState,
  type JsonCoverageRow,
  type JsonFailure,
  type JsonMergedShard,
  type JsonReboot,
  type JsonReport,
  type JsonSeed,
  type JsonSettings,
  type JsonShrink,
  type JsonTimelineEntry,
} from './json-report.js';
import { FAILURE_TEXT_CHARS_MAX } from './junit-xml.js';
import { OutputBuffer } from './output-buffer.js';

type RunStart = Extract<RunnerEvent, { type: 'run-start' }>;

interface CaseRecord {
  plan: CaseInfo;
  started: boolean;
  /** case-done arrived: the case ran to its strategy's end. */
  done: boolean;
  summary?: CaseSummary;
  seeds: JsonSeed[];
  failures: JsonFailure[];
  wallMs: number;
  faults: Record<string, number>;
}

/** What the report says about who wrote it and from what. */
export interface JsonReportOrigin {
  version: string;
  createdAt: Date;
  /** Set by merge-reports: the shard reports the run was merged from. */
  mergedFrom?: JsonMergedShard[];
}

export class JsonReportBuilder {
  private start: RunStart | undefined;
  private startMs = 0;
  private readonly cases = new Map<string, CaseRecord>();
  private readonly output = new OutputBuffer();
  private readonly errors: string[] = [];
  private coverage: CoverageRow[] | undefined;
  private end: { summary: RunSummary; interrupted: boolean } | undefined;

  /** A run-start arrived: there is a run to report. */
  get started(): boolean {
    return this.start !== undefined;
  }

  apply(event: RunnerEvent): void {
    switch (event.type) {
      case 'run-start':
        this.start = event;
        this.startMs = performance.now();
        this.cases.clear();
        this.output.clear();
        this.errors.length = 0;
        this.coverage = undefined;
        this.end = undefined;
        for (const plan of event.cases) this.cases.set(plan.caseId, newRecord(plan));
        return;
      case 'case-start': {
        const record = this.record(event.caseId);
        record.started = true;
        record.plan = { ...record.plan, seedsPlanned: event.seedsPlanned };
        return;
      }
      case 'output':
        this.output.add(event.caseId, event.seed, event.text);
        return;
      case 'seed-done': {
        const result = event.result;
        const record = this.record(result.caseId, result.topology, result.layout);
        const output = this.output.take(result.caseId, result.seed);
        record.started = true;
        record.seeds.push(jsonSeed(result));
        record.wallMs += microseconds(result.wallMs);
        addFaults(record.faults, result.faults);
        if (!result.ok) record.failures.push(jsonFailure(result, output));
        return;
      }
      case 'case-done': {
        const record = this.record(event.summary.caseId, event.summary.topology, event.summary.layout);
        record.done = true;
        record.summary = event.summary;
        return;
      }
      case 'error':
        this.errors.push(event.message);
        return;
      case 'coverage':
        this.coverage = event.rows;
        return;
      case 'run-done':
        this.end = { summary: event.summary, interrupted: event.interrupted };
        // An interrupted case has no case-done: its partial summary comes with run-done.
        for (const summary of event.summary.cases) {
          const record = this.record(summary.caseId, summary.topology, summary.layout);
          record.started = true;
          record.summary ??= summary;
        }
        return;
    }
  }

  /** The report of everything applied so far. */
  report(origin: JsonReportOrigin): JsonReport {
    const start = this.start;
    if (start === undefined) throw new Error('JsonReportBuilder.report: no run-start event arrived, so there is no run to report.');
    const cases = [...this.cases.values()].map(jsonCase);
    const sum = (pick: (c: JsonCase) => number) => cases.reduce((total, c) => total + pick(c), 0);
    const faults: Record<string, number> = {};
    for (const c of cases) addFaults(faults, c.faults);
    const sites = (this.coverage ?? []).map(jsonCoverageRow);
    const unsatisfied = this.end !== undefined ? this.end.summary.unsatisfied.map(jsonCoverageRow) : sites.filter((row) => row.seedsSatisfied === 0);
    const seedsPlanned = sum((c) => c.seedsPlanned);
    const seedsRun = sum((c) => c.seedsRun);
    return {
      schemaVersion: JSON_REPORT_SCHEMA_VERSION,
      generator: { name: 'moonpool-test', version: origin.version },
      createdAt: origin.createdAt.toISOString(),
      run: {
        ok: this.end?.summary.ok ?? false,
        interrupted: this.end?.interrupted ?? true,
        failOnUnsatisfied: start.settings.failOnUnsatisfied,
        shard: start.settings.shard === undefined ? null : { index: start.settings.shard.index, count: start.settings.shard.count },
        workers: start.workers,
        // Without run-done (the runner crashed) the time since run-start stands in.
        wallMs: microseconds(this.end?.summary.wallMs ?? performance.now() - this.startMs),
        settings: jsonSettings(start.settings),
        ...(origin.mergedFrom !== undefined ? { mergedFrom: origin.mergedFrom.map((m) => ({ ...m, shard: { ...m.shard } })) } : {}),
      },
      totals: {
        cases: cases.length,
        seedsPlanned,
        seedsRun,
        passed: sum((c) => c.passed),
        failed: sum((c) => c.failed),
        skipped: this.end?.summary.skipped ?? seedsPlanned - seedsRun,
        events: sum((c) => c.events),
        simTimeMs: sum((c) => c.simTimeMs),
        faults,
        definitionErrors: this.end?.summary.definitionErrors ?? 0,
      },
      cases,
      coverage: { sites, unsatisfied },
      errors: [...this.errors],
    };
  }

  /** A case's record, created on first sight when the plan did not announce it. */
  private record(caseId: string, topology = caseId.replace(/\[.*$/, ''), layout = ''): CaseRecord {
    let record = this.cases.get(caseId);
    if (record === undefined) {
      record = newRecord({ caseId, topology, layout, seedsPlanned: 0, file: '', strategy: '' });
      this.cases.set(caseId, record);
    }
    return record;
  }
}

function newRecord(plan: CaseInfo): CaseRecord {
  return { plan, started: false, done: false, seeds: [], failures: [], wallMs: 0, faults: {} };
}

function caseState(record: CaseRecord): JsonCaseState {
  if (record.done) return 'done';
  return record.started ? 'interrupted' : 'not-run';
}

function jsonCase(record: CaseRecord): JsonCase {
  const { plan, summary, seeds } = record;
  const failingSeeds = summary?.failingSeeds ?? seeds.filter((s) => !s.ok).map((s) => s.seed);
  return {
    caseId: plan.caseId,
    topology: plan.topology,
    layout: plan.layout,
    file: plan.file === '' ? null : plan.file,
    strategy: plan.strategy,
    state: caseState(record),
    seedsPlanned: summary?.seedsPlanned ?? plan.seedsPlanned,
    seedsRun: summary?.seedsRun ?? seeds.length,
    passed: summary?.passed ?? seeds.length - failingSeeds.length,
    failed: summary?.failed ?? failingSeeds.length,
    events: summary?.events ?? seeds.reduce((total, s) => total + s.events, 0),
    simTimeMs: summary?.simTimeMs ?? seeds.reduce((total, s) => total + s.simTimeMs, 0),
    wallMs: microseconds(record.wallMs),
    stopReason: summary?.stopReason ?? null,
    faults: { ...record.faults },
    failingSeeds: [...failingSeeds],
    coverage: (summary?.coverage ?? []).map(jsonCoverageRow),
    failures: record.failures,
    seeds,
  };
}

/** Wall times to the microsecond: finer digits are noise, and a seed's line stays short. */
function microseconds(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** Adds the non-zero counts of `add` into `into`, families in order of first appearance. */
export function addFaults(into: Record<string, number>, add: Readonly<Record<string, number>>): void {
  for (const [family, count] of Object.entries(add)) {
    if (count !== 0) into[family] = (into[family] ?? 0) + count;
  }
}

function nonZeroFaults(faults: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  addFaults(out, faults);
  return out;
}

function jsonSettings(settings: RunSettings): JsonSettings {
  return {
    baseSeed: settings.baseSeed,
    filters: [...settings.filters],
    layout: settings.layout ?? null,
    seed: settings.seed ?? null,
    onlyFaults: settings.onlyFaults === undefined ? null : [...settings.onlyFaults],
    network: settings.network ?? null,
    buggify: settings.buggify ?? null,
    storage: settings.storage ?? null,
    attrition: settings.attrition ?? null,
    swarm: settings.swarm,
    guard: settings.guard,
    checkDeterminism: settings.checkDeterminism,
    bail: settings.bail,
    real: settings.real,
    eventsMax: settings.eventsMax ?? null,
    simTimeMsMax: settings.simTimeMsMax ?? null,
    livenessTimeoutMs: settings.livenessTimeoutMs ?? null,
    seedTimeoutMs: settings.seedTimeoutMs,
  };
}

function jsonSeed(result: SeedResult): JsonSeed {
  return {
    seed: result.seed,
    ok: result.ok,
    events: result.events,
    simTimeMs: result.simTimeMs,
    wallMs: microseconds(result.wallMs),
    traceHash: result.traceHash,
    faults: nonZeroFaults(result.faults),
  };
}

function jsonFailure(result: SeedResult, output: string[]): JsonFailure {
  const failure: FailureInfo = result.failure ?? { kind: 'crash', message: 'the seed failed without a message', detail: 'the seed failed without a message', seed: result.seed };
  return {
    seed: result.seed,
    kind: failure.kind,
    message: capped(failure.message),
    detail: capped(failure.detail),
    ...(failure.fix !== undefined ? { fix: failure.fix } : {}),
    ...(failure.where !== undefined ? { where: failure.where } : {}),
    ...(failure.className !== undefined ? { className: failure.className } : {}),
    ...(failure.file !== undefined ? { file: failure.file } : {}),
    ...(failure.simTimeMs !== undefined ? { simTimeMs: failure.simTimeMs } : {}),
    ...(failure.eventIndex !== undefined ? { eventIndex: failure.eventIndex } : {}),
    ...(failure.stack !== undefined ? { stack: capped(failure.stack) } : {}),
    replay: result.replay,
    faults: nonZeroFaults(result.faults),
    reboots: (result.reboots ?? []).map(jsonReboot),
    drawn: jsonSafe(result.options),
    ...(result.beyondPresets !== undefined ? { beyondPresets: jsonSafe(result.beyondPresets) } : {}),
    output,
    ...(failure.recent !== undefined ? { recent: failure.recent.map(jsonTimelineEntry) } : {}),
    ...(failure.shrunk !== undefined ? { shrunk: jsonShrink(failure.shrunk) } : {}),
  };
}

function jsonReboot(reboot: RebootInfo): JsonReboot {
  return { timeMs: reboot.timeMs, address: reboot.address, kind: reboot.kind, downMs: Number.isFinite(reboot.downMs) ? reboot.downMs : null };
}

function jsonTimelineEntry(entry: TimelineEntry): JsonTimelineEntry {
  const json: JsonTimelineEntry = {
    seq: entry.seq,
    timeMs: entry.timeMs,
    eventIndex: entry.eventIndex,
    process: entry.process,
    kind: entry.kind,
    text: entry.text,
  };
  if (entry.peer !== undefined) json.peer = entry.peer;
  if (entry.messageId !== undefined) json.messageId = entry.messageId;
  if (entry.fields !== undefined) json.fields = { ...entry.fields };
  return json;
}

function jsonShrink(shrunk: ShrinkSummary): JsonShrink {
  return { faultsBefore: shrunk.faultsBefore, faults: [...shrunk.faults], runs: shrunk.runs, replay: shrunk.replay, eventIndex: shrunk.eventIndex, simTimeMs: shrunk.simTimeMs };
}

export function jsonCoverageRow(row: CoverageRow): JsonCoverageRow {
  const json: JsonCoverageRow = {
    kind: row.kind,
    message: row.message,
    seedsReached: row.seedsReached,
    seedsSatisfied: row.seedsSatisfied,
    timesReached: row.timesReached,
    timesSatisfied: row.timesSatisfied,
  };
  if (row.locations !== undefined) json.locations = [...row.locations];
  return json;
}

/** A failure's message or stack longer than FAILURE_TEXT_CHARS_MAX, cut to at most that length with
 * what was cut said at its end (a cut text is not cut again: a report read back keeps it). */
function capped(text: string): string {
  if (text.length <= FAILURE_TEXT_CHARS_MAX) return text;
  const note = (cut: number) => `\n[${cut} more characters cut here; the console output has the whole text, and the replay command reproduces the seed]`;
  const keep = FAILURE_TEXT_CHARS_MAX - note(text.length).length;
  return text.slice(0, keep) + note(text.length - keep);
}

/** The drawn options as the JSON file will hold them (a free-form record of plain values). */
function jsonSafe(options: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(options)) as Record<string, unknown>;
}

// Folds runner events into per-layout records (planned, done, failing results, totals) so a
// report can be written at any moment, including after an interrupted run or a dead worker.
import type { CaseSummary, CoverageRow, SeedResult } from '../../src/internal.js';
import type { CaseInfo, RunnerEvent } from '../run/events.js';
import { OutputBuffer } from './output-buffer.js';

export interface CaseTally {
  caseId: string;
  topology: string;
  layout: string;
  file?: string;
  seedsPlanned: number;
  passed: number;
  failed: number;
  events: number;
  simTimeMs: number;
  wallMs: number;
  /** Every failing seed with the output it wrote (sanitized, last lines). */
  failures: { result: SeedResult; outputLines: string[] }[];
  /** The runner's own summary once the layout finished. */
  summary?: CaseSummary;
}

export class RunTally {
  readonly cases = new Map<string, CaseTally>();
  readonly errors: string[] = [];
  coverage: CoverageRow[] = [];
  private readonly output = new OutputBuffer();

  apply(event: RunnerEvent): void {
    switch (event.type) {
      case 'run-start':
        this.cases.clear();
        this.errors.length = 0;
        this.coverage = [];
        this.output.clear();
        for (const info of event.cases) this.cases.set(info.caseId, fromPlan(info));
        return;
      case 'case-start':
        this.tally(event.caseId).seedsPlanned = event.seedsPlanned;
        return;
      case 'output':
        this.output.add(event.caseId, event.seed, event.text, event.recipe);
        return;
      case 'seed-done': {
        const r = event.result;
        const t = this.tally(r.caseId, r.topology, r.layout);
        const outputLines = this.output.take(r.caseId, r.seed, r.recipe);
        t.events += r.events;
        t.simTimeMs += r.simTimeMs;
        t.wallMs += r.wallMs;
        if (r.ok) t.passed += 1;
        else {
          t.failed += 1;
          t.failures.push({ result: r, outputLines });
        }
        return;
      }
      case 'case-done':
        this.tally(event.summary.caseId, event.summary.topology, event.summary.layout).summary = event.summary;
        return;
      case 'error':
        this.errors.push(event.message);
        return;
      case 'coverage':
        this.coverage = event.rows;
        return;
      case 'run-done':
        return;
    }
  }

  /** A case's record, created on first sight when the plan did not announce it. */
  private tally(caseId: string, topology = caseId.replace(/\[.*$/, ''), layout = ''): CaseTally {
    let t = this.cases.get(caseId);
    if (!t) {
      t = fromPlan({ caseId, topology, layout, seedsPlanned: 0, file: '', strategy: '' });
      this.cases.set(caseId, t);
    }
    return t;
  }
}

function fromPlan(info: CaseInfo): CaseTally {
  return {
    caseId: info.caseId,
    topology: info.topology,
    layout: info.layout,
    file: info.file || undefined,
    seedsPlanned: info.seedsPlanned,
    passed: 0,
    failed: 0,
    events: 0,
    simTimeMs: 0,
    wallMs: 0,
    failures: [],
  };
}

// Folds runner events into a RunView and notifies subscribers (React's useSyncExternalStore).
// Events can arrive thousands of times a second, so publishing is coalesced to one per interval;
// only the slices an event touched get new objects, so components of unchanged slices skip.
import { CoverageTable } from '../../../src/internal.js';
import type { RunnerEvent } from '../../run/events.js';
import { OutputBuffer, splitOutputLines } from '../output-buffer.js';
import { emptyView, failureItem, type CaseProgress, type RunView } from './run-slices.js';

/** Failures printed in full, shared evenly by the layouts (each shows its first failure at
 * least, however many layouts fail); more are counted, and listed by seed in the summary. */
export const FAILURES_SHOWN_MAX = 30;

/** How many failures of one layout are printed in full in a run of `layouts` layouts. */
export function failuresPerLayoutShown(layouts: number, shownMax = FAILURES_SHOWN_MAX): number {
  return Math.max(1, Math.floor(shownMax / Math.max(1, layouts)));
}

export interface RunStoreOptions {
  /** Coalescing interval; 0 publishes synchronously on every event (tests). */
  notifyIntervalMs?: number;
  /** Wall clock for the live rates (reporting only, never a simulation path). */
  nowMs?: () => number;
  failuresShownMax?: number;
  outputLinesMax?: number;
  /** --verbose: each failure with every option, the whole message and the stack. */
  verbose?: boolean;
}

export class RunStore {
  private published: RunView = emptyView();
  /** The working view: slices are replaced (never mutated) when an event touches them. */
  private pending: RunView = emptyView();
  private readonly progress = new Map<string, CaseProgress>();
  private coverage = new CoverageTable();
  private progressDirty = false;
  private coverageDirty = false;
  private readonly seedOutput = new OutputBuffer();
  /** Failures printed per layout, and how many each layout may print. */
  private readonly failuresShown = new Map<string, number>();
  private failuresPerLayout = 1;
  private readonly listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | undefined;
  private startedAtMs = 0;
  private outputSeq = 0;

  constructor(private readonly options: RunStoreOptions = {}) {}

  getView = (): RunView => this.published;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  apply(event: RunnerEvent): void {
    const v = this.pending;
    switch (event.type) {
      case 'run-start':
        this.pending = { ...emptyView(), start: { workers: event.workers, layouts: event.cases.length } };
        this.pending.rates = { ...this.pending.rates, seedsPlanned: event.cases.reduce((sum, c) => sum + c.seedsPlanned, 0) };
        this.progress.clear();
        this.coverage = new CoverageTable();
        this.coverage.declare(event.sites);
        this.seedOutput.clear();
        this.failuresShown.clear();
        this.failuresPerLayout = failuresPerLayoutShown(event.cases.length, this.options.failuresShownMax);
        for (const c of event.cases) {
          this.progress.set(c.caseId, { caseId: c.caseId, seedsPlanned: c.seedsPlanned, done: 0, failed: 0, state: 'pending' });
        }
        this.progressDirty = this.coverageDirty = true;
        this.startedAtMs = this.now();
        return this.flush();
      case 'case-start':
        return this.updateCase(event.caseId, (p) => ({ ...p, seedsPlanned: event.seedsPlanned, state: 'running' }));
      case 'seed-done': {
        const r = event.result;
        const lines = this.seedOutput.take(r.caseId, r.seed, r.recipe);
        const failed = r.ok ? 0 : 1;
        v.rates = {
          ...v.rates,
          seedsDone: v.rates.seedsDone + 1,
          failed: v.rates.failed + failed,
          events: v.rates.events + r.events,
          simTimeMs: v.rates.simTimeMs + r.simTimeMs,
        };
        this.coverage.add(r.coverage);
        this.coverageDirty = true;
        if (!r.ok) {
          const shown = this.failuresShown.get(r.caseId) ?? 0;
          if (shown < this.failuresPerLayout) {
            this.failuresShown.set(r.caseId, shown + 1);
            v.failures = [...v.failures, failureItem(r, lines, this.options.verbose ?? false)];
          } else {
            v.failuresHidden += 1;
          }
        }
        return this.updateCase(r.caseId, (p) => ({
          ...p,
          state: p.state === 'done' ? 'done' : 'running',
          done: p.done + 1,
          failed: p.failed + failed,
        }));
      }
      case 'case-done': {
        const s = event.summary;
        return this.updateCase(s.caseId, (p) => ({
          ...p,
          state: 'done',
          seedsPlanned: s.seedsPlanned,
          done: s.seedsRun,
          failed: s.failed,
        }));
      }
      case 'output': {
        this.seedOutput.add(event.caseId, event.seed, event.text, event.recipe);
        const label = `${event.caseId} seed ${event.seed}`;
        const added = splitOutputLines(event.text).map((text) => ({ key: this.outputSeq++, label, text }));
        v.output = [...v.output, ...added].slice(-(this.options.outputLinesMax ?? 5));
        return this.schedule();
      }
      case 'error':
        v.errors = [...v.errors, event.message].slice(-5);
        return this.schedule();
      case 'coverage':
        // The runner's rows are authoritative; later seeds fold on top of them.
        this.coverage = new CoverageTable();
        this.coverage.merge(event.rows);
        this.coverageDirty = true;
        return this.schedule();
      case 'run-done':
        v.done = { summary: event.summary, interrupted: event.interrupted };
        return this.flush();
    }
  }

  /** Publishes pending changes now (before unmounting, and at run boundaries). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const v = this.pending;
    if (this.progressDirty) v.progress = [...this.progress.values()];
    if (this.coverageDirty) v.coverage = this.coverage.rows();
    this.progressDirty = this.coverageDirty = false;
    if (!v.done && v.rates !== this.published.rates) {
      const elapsedSec = Math.max(1e-3, (this.now() - this.startedAtMs) / 1000);
      v.rates = { ...v.rates, seedsPerSec: v.rates.seedsDone / elapsedSec, eventsPerSec: v.rates.events / elapsedSec };
    }
    this.published = { ...v };
    for (const listener of this.listeners) listener();
  }

  private schedule(): void {
    const intervalMs = this.options.notifyIntervalMs ?? 100;
    if (intervalMs === 0) return this.flush();
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), intervalMs);
    this.timer.unref();
  }

  private updateCase(caseId: string, update: (p: CaseProgress) => CaseProgress): void {
    const current = this.progress.get(caseId) ?? { caseId, seedsPlanned: 0, done: 0, failed: 0, state: 'pending' as const };
    this.progress.set(caseId, update(current));
    this.progressDirty = true;
    this.schedule();
  }

  private now(): number {
    return (this.options.nowMs ?? (() => performance.now()))();
  }
}

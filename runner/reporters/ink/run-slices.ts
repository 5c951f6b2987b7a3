// The Ink UI's view of a run, one slice per concern; run-store.ts folds events into these.
import type { CoverageRow, SeedResult } from '../../../src/internal.js';
import type { RunSummary } from '../../run/events.js';
import { failureHeadline, failureLines } from '../failure-block.js';

export interface CaseProgress {
  caseId: string;
  seedsPlanned: number;
  done: number;
  failed: number;
  state: 'pending' | 'running' | 'done';
}

export interface RatesView {
  seedsDone: number;
  seedsPlanned: number;
  failed: number;
  events: number;
  simTimeMs: number;
  seedsPerSec: number;
  eventsPerSec: number;
}

export interface FailureItem {
  key: string;
  headline: string;
  details: string[];
}

export interface OutputLine {
  key: number;
  label: string;
  text: string;
}

export interface RunView {
  start: { workers: number; layouts: number } | null;
  progress: CaseProgress[];
  rates: RatesView;
  coverage: CoverageRow[];
  /** Append-only (rendered in <Static>), capped per layout; the rest are counted in failuresHidden. */
  failures: FailureItem[];
  failuresHidden: number;
  output: OutputLine[];
  errors: string[];
  done: { summary: RunSummary; interrupted: boolean } | null;
}

export type SliceName = keyof RunView;

export function emptyView(): RunView {
  return {
    start: null,
    progress: [],
    rates: { seedsDone: 0, seedsPlanned: 0, failed: 0, events: 0, simTimeMs: 0, seedsPerSec: 0, eventsPerSec: 0 },
    coverage: [],
    failures: [],
    failuresHidden: 0,
    output: [],
    errors: [],
    done: null,
  };
}

export function failureItem(result: SeedResult, outputLines: string[], verbose: boolean): FailureItem {
  return {
    key: `${result.caseId}#${result.seed}`,
    headline: failureHeadline(result),
    details: failureLines(result, { verbose, outputLines }),
  };
}

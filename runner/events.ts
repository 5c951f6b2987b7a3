// The runner core emits these typed events; reporters (ink, plain, junit) only listen.
import type { CaseSummary, CoverageRow, CoverageSite, RunSummary, SeedResult } from '../src/index.js';

export interface CasePlanInfo {
  caseId: string;
  topology: string;
  layout: string;
  seedsPlanned: number;
  /** The file that declared the topology, relative to the project root. */
  file: string;
}

export type RunnerEvent =
  | {
      type: 'run-start';
      cases: CasePlanInfo[];
      workers: number;
      /** Every option the run resolved (config merged with flags), printed at the start. */
      options: Record<string, unknown>;
      /** The sometimes/reachable sites in the source of the cases (none reached yet). */
      sites: CoverageSite[];
    }
  | { type: 'case-start'; caseId: string; seedsPlanned: number }
  | { type: 'seed-done'; result: SeedResult }
  | { type: 'case-done'; summary: CaseSummary }
  /** Output a workload wrote (console.*, stdout) during a seed, captured so it cannot corrupt the UI. */
  | { type: 'output'; caseId: string; seed: number; stream: 'stdout' | 'stderr'; text: string; /** A child timeline's recipe (`--strategy explore`). */ recipe?: string }
  /** A problem outside any seed (a discovery error, a worker crash); the run goes on where it can. */
  | { type: 'error'; message: string }
  | { type: 'coverage'; rows: CoverageRow[] }
  | { type: 'run-done'; summary: RunSummary; interrupted: boolean };

export interface Reporter {
  onEvent(event: RunnerEvent): void;
  /** Flushes and releases the reporter (files written, UI unmounted). */
  close(): Promise<void>;
}

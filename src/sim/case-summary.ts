import type { CaseSummary, SeedResult } from '../model/report.js';
import type { CoverageRow } from '../chaos/coverage.js';

/** What a case is, for its summary. */
export interface CaseIdentity {
  caseId: string;
  topology: string;
  layout: string;
  seedsPlanned: number;
}

/** Tallies a case's results (in seed order) into its summary. */
export function summarizeCase(identity: CaseIdentity, results: readonly SeedResult[], coverage: CoverageRow[], stopReason: string): CaseSummary {
  const failed = results.filter((r) => !r.ok);
  return {
    ...identity,
    seedsRun: results.length,
    passed: results.length - failed.length,
    failed: failed.length,
    failingSeeds: failed.map((r) => r.seed),
    events: results.reduce((sum, r) => sum + r.events, 0),
    simTimeMs: results.reduce((sum, r) => sum + r.simTimeMs, 0),
    coverage,
    stopReason,
  };
}

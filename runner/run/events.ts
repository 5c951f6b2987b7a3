// A run (run-tests.ts) emits these typed events; reporters (ink, plain, junit, json) only listen.
import type { CaseSummary, CoverageRow, CoverageSite, SeedResult, Shard } from '../../src/internal.js';

/** A case as the run plans it (run-start lists them): what reporters know of it before its seeds. */
export interface CaseInfo {
  caseId: string;
  topology: string;
  layout: string;
  seedsPlanned: number;
  /** The file that declared the topology, relative to the project root. */
  file: string;
  /** The seed strategy the case runs under, as written (`fixed:100`). */
  strategy: string;
}

/** The resolved options that decide which seeds a run runs and what each seed does, typed (the
 * `options` of run-start are for display): the shards of one run share all but `shard`. */
export interface RunSettings {
  baseSeed: number;
  shard?: Shard;
  filters: string[];
  layout?: string;
  /** --seed: the one seed each matched case runs. */
  seed?: number;
  /** --only-faults: the ordinals of the injected faults the seed applies (the others are vetoed). */
  onlyFaults?: number[];
  /** Undefined: each topology's own. */
  network?: string;
  buggify?: string;
  storage?: string;
  attrition?: string;
  swarm: boolean;
  guard: string;
  checkDeterminism: boolean;
  bail: boolean;
  real: boolean;
  failOnUnsatisfied: boolean;
  eventsMax?: number;
  simTimeMsMax?: number;
  livenessTimeoutMs?: number;
  seedTimeoutMs: number;
}

export type RunnerEvent =
  | {
      type: 'run-start';
      cases: CaseInfo[];
      workers: number;
      /** Every option the run resolved (config merged with flags), printed at the start. */
      options: Record<string, unknown>;
      settings: RunSettings;
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

/** What a run of the runner did: built by runTests, the last event's payload. */
export interface RunSummary {
  cases: CaseSummary[];
  seedsRun: number;
  passed: number;
  failed: number;
  skipped: number;
  /** Sites never satisfied in the whole run: sometimes-assertions never true, and sites no seed
   * reached. */
  unsatisfied: CoverageRow[];
  wallMs: number;
  ok: boolean;
  /** Workload files whose decorators were used wrongly (a DefinitionError), when any: the CLI
   * exits 2, as for any configuration error. */
  definitionErrors?: number;
}

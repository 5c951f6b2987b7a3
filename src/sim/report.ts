// The result types every part of moonpool speaks: a seed's result, a case's summary, coverage.
// The runner's workers send SeedResults over structured clone, so these are plain data only.
import type { Timeline, TimelineEntry } from '../timeline/timeline-entry.js';
import type { AppliedFault } from '../core/fault-log.js';

/** What broke a seed. */
export type FailureKind =
  | 'assertion' // an alwaysAssert / unreachable fired
  | 'invariant' // an @Invariant threw
  | 'task' // a workload or task threw
  | 'setup' // setup() or a constructor threw
  | 'injection' // a constructor parameter could not be resolved
  | 'deadlock'
  | 'budget' // simulated-time or event budget exceeded
  | 'nondeterminism' // a forbidden global was used
  | 'determinism' // --check-determinism found two runs differing
  | 'liveness' // check() did not pass within the liveness bound
  | 'watchdog' // the seed overran its wall-clock budget (endless synchronous loop) and was killed
  | 'crash'; // the worker died

export interface FailureInfo {
  kind: FailureKind;
  /** The whole failure in one paragraph, each part once: kind, where, seed, simulated time and
   * event, `detail`, `fix` and the replay command. For programmatic users (`runSimulation`);
   * reporters lay the parts out themselves. */
  message: string;
  /** What went wrong, said once: the text the user's code threw or asserted (an invariant's
   * error, an alwaysAssert's message, a task's `TypeError: ...`), or moonpool's own account for
   * failures no user code raised (a deadlock's blocked tasks, a budget, the guard). */
  detail: string;
  /** What to do about it, one or two sentences; absent when there is nothing to add. */
  fix?: string;
  seed: number;
  simTimeMs?: number;
  eventIndex?: number;
  /** The workload instance (`client#3`), invariant (`invariant "name"`), assertion site or task
   * involved, when known. */
  where?: string;
  /** The class involved (`Client`), when known and not said by `where`. */
  className?: string;
  /** Source file of the class involved, relative to the project root, when known. */
  file?: string;
  stack?: string;
  /** The last timeline entries before the failing event (the seed re-run with recording on),
   * oldest first; absent when not recorded. */
  recent?: TimelineEntry[];
  /** Set once `--shrink` found a smaller set of injected faults that still fails this way. */
  shrunk?: ShrinkSummary;
}

/** What `--shrink` found for one failure. */
export interface ShrinkSummary {
  /** Faults (network, storage, reboots, buggify firings) injected in the original run. */
  faultsBefore: number;
  /** Faults still injected in the shrunk run, described (`partition 10.0.0.2|10.0.0.3 at 120 ms`). */
  faults: string[];
  /** Runs the shrinking used. */
  runs: number;
  /** Replays the shrunk run exactly. */
  replay: string;
  /** Where the shrunk run fails: its event index and simulated time. */
  eventIndex: number;
  simTimeMs: number;
}

/** What kind of assertion a coverage site is. `always` counts the alwaysAssert calls whose
 * message the site catalogue found as a literal in the source (a message built per call would
 * make a site per call); the numeric forms are named after their function. */
export type CoverageKind =
  | 'sometimes'
  | 'reachable'
  | 'always'
  | 'sometimes-all'
  | 'sometimes-each'
  | 'always-less-than'
  | 'always-less-than-or-equal'
  | 'always-greater-than'
  | 'always-greater-than-or-equal'
  | 'sometimes-less-than'
  | 'sometimes-greater-than';

/** The best value a numeric assertion saw, with the bound it was compared to: for an always-form
 * the one that came closest to failing it, for a sometimes-form the one that came closest to (or
 * furthest past) holding it. */
export interface NumericBest {
  value: number;
  bound: number;
}

/** One key of a sometimesEach site during one seed. */
export interface BucketHit {
  key: string;
  reached: number;
  satisfied: number;
}

/** One assertion site as counted during one seed. */
export interface CoverageHit {
  /** The assertion's message: its identity across seeds (with its kind). */
  message: string;
  kind: CoverageKind;
  /** Times the site was evaluated. */
  reached: number;
  /** Times its condition was true (for reachable(): equal to reached; for sometimesAll: all
   * conditions at once; for sometimesEach: the call's own condition). */
  satisfied: number;
  /** sometimesAll: the conditions a call names (the most any call named). */
  conditions?: number;
  /** sometimesAll: the most conditions true at once, and their names when first reached. */
  mostTrue?: number;
  mostTrueNames?: string[];
  /** sometimesEach: one bucket per distinct key, in the order first seen. */
  buckets?: BucketHit[];
  /** The numeric forms: the best value seen. */
  best?: NumericBest;
}

/** One assertion call found in the project's source before any seed ran: the runner lists it
 * even when no seed reaches it. Its identity is (kind, message), as at run time. */
export interface CoverageSite {
  message: string;
  kind: CoverageKind;
  /** `file:line` of the call, the file relative to the project root. */
  location: string;
}

/** One key of a sometimesEach site across the seeds of a run. */
export interface BucketRow {
  key: string;
  seedsReached: number;
  seedsSatisfied: number;
  timesReached: number;
  timesSatisfied: number;
}

/** Coverage of one site across all seeds of a run (or of a case). */
export interface CoverageRow {
  message: string;
  kind: CoverageKind;
  seedsReached: number;
  seedsSatisfied: number;
  timesReached: number;
  timesSatisfied: number;
  /** Where the source calls it (`file:line`); absent for a site known only from the seeds that
   * reached it (one whose message is not a literal, or outside the scanned files). */
  locations?: string[];
  /** sometimesAll: the conditions a call names, and the most true at once in any seed (with their
   * names, from the first seed that reached it). */
  conditions?: number;
  mostTrue?: number;
  mostTrueNames?: string[];
  /** sometimesEach: its buckets, sorted by key. */
  buckets?: BucketRow[];
  /** The numeric forms: the best value any seed saw. */
  best?: NumericBest;
}

/** What a timeline found first, at which event (`--strategy explore` branches from these):
 * a site `reached` or `satisfied`, a `bucket` of a sometimesEach first seen or first
 * `bucket-satisfied`, `more-true` conditions of a sometimesAll at once, a `better` value. */
export interface Discovery {
  eventIndex: number;
  kind: CoverageKind;
  message: string;
  what: 'reached' | 'satisfied' | 'bucket' | 'bucket-satisfied' | 'more-true' | 'better';
  bucket?: string;
  mostTrue?: number;
  best?: NumericBest;
}

export interface SeedResult {
  /** `ping-pong[2x10]`: the topology name and the layout name. */
  caseId: string;
  topology: string;
  layout: string;
  seed: number;
  ok: boolean;
  failure?: FailureInfo;
  events: number;
  simTimeMs: number;
  /** Informational only: never compared, never part of a pass/fail decision. */
  wallMs: number;
  traceHash: string;
  coverage: CoverageHit[];
  /** Faults injected during the seed, by family (for example `partition: 3`). */
  faults: Record<string, number>;
  /** Every option the seed ran with: network preset values, enabled fault families, buggify sites. */
  options: Record<string, unknown>;
  /** What the seed drew beyond the presets it ran under: the entries of `options` no preset
   * fixes (fault families swarm switched off, buggify under `auto`, enabled buggify sites, a
   * random layout's sizes) and a `random` preset's draws as severities (`network.random`,
   * `storage.random`). Set on a failing seed (and on every seed of --check-determinism). */
  beyondPresets?: Record<string, unknown>;
  /** One command that replays this seed alone. */
  replay: string;
  /** Processes stopped during the seed (attrition or ProcessFaults), in order; absent when none. */
  reboots?: RebootInfo[];
  /** The seed's timeline, when asked for (`timelineEntriesMax`: --trace, --timeline). */
  timeline?: Timeline;
  /** Every injected fault that took effect, in order, when asked for (`describeFaults`). */
  faultsApplied?: AppliedFault[];
  /** Injected faults that reached the seed's fault log, applied or vetoed (ordinals 1..this). */
  faultsRolled?: number;
  /** A child timeline's recipe (`123@4567/89`, see `--recipe`); absent for a plain seed. */
  recipe?: string;
  /** What the timeline found first after its last split, in event order (only when exploring). */
  discoveries?: Discovery[];
}

/** One injected process stop. */
export interface RebootInfo {
  /** When it was stopped: simulated ms (with `--real`, real ms since the run began). */
  timeMs: number;
  address: string;
  kind: 'graceful' | 'crash' | 'wipe';
  /** Simulated ms it was to stay down (real ms with `--real`; Infinity: until the liveness phase). */
  downMs: number;
}

export interface CaseSummary {
  caseId: string;
  topology: string;
  layout: string;
  seedsPlanned: number;
  seedsRun: number;
  passed: number;
  failed: number;
  failingSeeds: number[];
  events: number;
  simTimeMs: number;
  coverage: CoverageRow[];
  /** Why the strategy stopped (for example `all 5 sometimes/reachable sites satisfied after 37 seeds`). */
  stopReason: string;
  /** `--strategy explore`: how the timelines (counted in seedsRun) were spent. */
  exploration?: ExplorationSummary;
}

/** How an exploration spent its timelines. */
export interface ExplorationSummary {
  /** Timelines started from a seed of the run's sequence. */
  roots: number;
  /** Timelines split from another at one of its discoveries. */
  children: number;
  /** Discoveries new to the run (across all timelines so far when they were made). */
  discoveries: number;
  /** Discoveries branched from (each gets one or more batches of children). */
  marks: number;
  /** The most splits any timeline had. */
  depthMax: number;
  /** The first failing timeline, in the order timelines were recorded (1-based), when any. */
  firstFailureAt?: number;
}

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

// The result types every part of moonpool speaks: a seed's result, a case's summary, coverage.
// The runner's workers send SeedResults over structured clone, so these are plain data only.
import type { Timeline, TimelineEntry } from '../core/timeline-entry.js';
import type { AppliedFault } from '../core/fault-log.js';
import type { CoverageHit, CoverageRow, Discovery } from '../chaos/coverage.js';
import type { ExplorationSummary } from '../chaos/explorer.js';
import type { RebootInfo } from './process-faults.js';

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

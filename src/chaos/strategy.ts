// Seed strategies: pure decisions on when a run of seeds stops. No I/O, no clocks: the caller
// passes the elapsed wall time (only the time-budget strategy reads it).
import type { CoverageTable } from './coverage-table.js';

export type StrategySpec =
  | { kind: 'fixed'; seeds: number }
  | { kind: 'until-all-sometimes'; seedsMax: number; seedsMin?: number }
  | { kind: 'time-budget'; budgetMs: number; seedsMax?: number }
  | { kind: 'until-coverage-plateau'; window: number; seedsMax: number }
  /** Coverage-guided: timelines branch from every discovery (explorer.ts); `timelines` in all. */
  | { kind: 'explore'; timelines: number };

export interface StrategyState {
  seedsDone: number;
  coverage: CoverageTable;
  /** Seeds run since the coverage table last grew (CoverageTable.add returned true). */
  seedsSinceNewCoverage: number;
  elapsedMs: number;
}

export interface StrategyDecision {
  stop: boolean;
  reason: string;
}

/** Seeds per case when nothing chooses a strategy. */
export const DEFAULT_SEEDS = 100;

/** What one level of settings (a run's flags or options, a topology, a config file) chooses: a
 * strategy, or a seed count, short for `fixed:N`. */
export interface StrategyChoice<S extends string | StrategySpec = string | StrategySpec> {
  readonly strategy?: S;
  readonly seeds?: number;
}

/** What one level chooses, if anything: its strategy wins over its seed count. */
export function chosenStrategy<S extends string | StrategySpec>(level: StrategyChoice<S>): S | string | undefined {
  return level.strategy ?? (level.seeds !== undefined ? `fixed:${level.seeds}` : undefined);
}

/** The one precedence rule for a case's strategy: the first level that chooses one, in the order
 * given (the run's own, then the topology's, then the config's), else `fixed:DEFAULT_SEEDS`. */
export function caseStrategy<S extends string | StrategySpec>(...levels: readonly StrategyChoice<S>[]): S | string {
  for (const level of levels) {
    const chosen = chosenStrategy(level);
    if (chosen !== undefined) return chosen;
  }
  return `fixed:${DEFAULT_SEEDS}`;
}

/** Seeds an until-all-sometimes run always does, so sites only rare seeds reach get seen. */
export const DEFAULT_SEEDS_MIN = 10;
/** The cap of a time-budget run without seedsMax: a bound for progress bars and termination. */
export const DEFAULT_TIME_BUDGET_SEEDS_MAX = 1_000_000;

/** Throws a RangeError naming the bad field unless `spec` is well formed. */
export function validateStrategy(spec: StrategySpec): StrategySpec {
  const counts: [string, number | undefined][] =
    spec.kind === 'fixed' ? [['seeds', spec.seeds]]
    : spec.kind === 'until-all-sometimes' ? [['seedsMax', spec.seedsMax], ['seedsMin', spec.seedsMin]]
    : spec.kind === 'time-budget' ? [['budgetMs', spec.budgetMs], ['seedsMax', spec.seedsMax]]
    : spec.kind === 'until-coverage-plateau' ? [['window', spec.window], ['seedsMax', spec.seedsMax]]
    : spec.kind === 'explore' ? [['timelines', spec.timelines]]
    : [['kind', Number.NaN]];
  for (const [field, value] of counts) {
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 1)) {
      throw new RangeError(
        `strategy ${JSON.stringify(spec)}: ${field} must be a positive integer` +
          (field === 'kind' ? " ('fixed', 'until-all-sometimes', 'time-budget', 'until-coverage-plateau' or 'explore')." : '.'),
      );
    }
  }
  return spec;
}

function seeds(n: number): string {
  return `${n} seed${n === 1 ? '' : 's'}`;
}

function sites(n: number): string {
  return `${n} sometimes/reachable site${n === 1 ? '' : 's'}`;
}

/** Whether to stop before running another seed, and why (the reason ends up in the report). */
export function strategyDecision(spec: StrategySpec, state: StrategyState): StrategyDecision {
  const done = state.seedsDone;
  switch (spec.kind) {
    case 'fixed':
      return { stop: done >= spec.seeds, reason: `ran ${seeds(done)}` };
    case 'until-all-sometimes': {
      const total = state.coverage.size;
      const open = state.coverage.unsatisfied().length;
      if (total > 0 && open === 0 && done >= Math.min(spec.seedsMin ?? DEFAULT_SEEDS_MIN, spec.seedsMax)) {
        return { stop: true, reason: `all ${sites(total)} satisfied after ${seeds(done)}` };
      }
      const why = total === 0 ? 'no sometimes/reachable sites were seen' : `${open} of ${sites(total)} still unsatisfied`;
      return { stop: done >= spec.seedsMax, reason: `ran ${seeds(done)} (the maximum); ${why}` };
    }
    case 'time-budget':
      // At least one seed runs, whatever the budget.
      if (done >= 1 && state.elapsedMs >= spec.budgetMs) {
        return { stop: true, reason: `time budget ${spec.budgetMs} ms spent after ${seeds(done)}` };
      }
      return { stop: done >= (spec.seedsMax ?? DEFAULT_TIME_BUDGET_SEEDS_MAX), reason: `ran ${seeds(done)} (the maximum) within the time budget` };
    case 'until-coverage-plateau':
      if (done >= 1 && state.seedsSinceNewCoverage >= spec.window) {
        return { stop: true, reason: `coverage stopped growing for ${seeds(spec.window)} (after ${seeds(done)})` };
      }
      return { stop: done >= spec.seedsMax, reason: `ran ${seeds(done)} (the maximum) while coverage still grew` };
    case 'explore':
      // The explorer decides which timeline runs next; this is its budget.
      return { stop: done >= spec.timelines, reason: `ran ${done} timeline${done === 1 ? '' : 's'}` };
  }
}

/** An upper bound on the seeds the strategy runs, for progress bars. */
export function plannedSeeds(spec: StrategySpec): number {
  switch (spec.kind) {
    case 'fixed':
      return spec.seeds;
    case 'time-budget':
      return spec.seedsMax ?? DEFAULT_TIME_BUDGET_SEEDS_MAX;
    case 'explore':
      return spec.timelines;
    default:
      return spec.seedsMax;
  }
}

import { summarizeCase } from './case-summary.js';
import { formatRecipe, type Recipe } from '../chaos/recipe.js';
import type { ExploreEnergy } from '../chaos/explorer.js';
import { CoverageTable } from '../chaos/coverage-table.js';
import { seedAt } from '../chaos/seed-at.js';
import { plannedSeeds, strategyDecision, validateStrategy, type StrategyDecision, type StrategySpec } from '../chaos/strategy.js';
import { isValidSeed } from '../core/rng.js';
import { exploreCase } from './explore-case.js';
import type { CaseSummary, SeedResult } from '../model/report.js';
import type { CoverageSite } from '../chaos/coverage.js';
import type { BranchOptions } from './seed-options.js';

/** Shard `index` of `count`, 1-based as `--shard i/n` writes it: it keeps the seed indexes i
 * with i % count === index - 1, so the shards together run exactly the seeds of one unsharded run. */
export interface Shard {
  index: number;
  count: number;
}

export interface RunCaseOptions {
  strategy: StrategySpec;
  baseSeed: number;
  /** Run exactly these seeds, in this order (one --seed); the strategy is not consulted. */
  seeds?: number[];
  /** Run exactly this timeline (--recipe); the strategy is not consulted. */
  recipe?: Recipe;
  /** `--strategy explore`: the explorer's energy, over the defaults for its budget. */
  energy?: Partial<ExploreEnergy>;
  shard?: Shard;
  /** Seeds running at once, for example the worker count (default 1). A new seed starts as
   * soon as one finishes, so one slow seed never idles the other workers. A function is asked
   * before each new seed: a runner whose capacity changes with the seeds' pace keeps no more in
   * flight than it can use, since seeds past a stop point (--bail, a strategy) still run. */
  concurrency?: number | (() => number);
  /** Stop after the first failing seed (in seed order). */
  bail?: boolean;
  /** The sometimes/reachable sites the case's source holds: reported (and awaited by
   * until-all-sometimes) even when no seed reaches them. */
  sites?: readonly CoverageSite[];
}

/** What the seed loop needs of a case: its id and names (a CasePlan, or the plain data a runner got from a worker). */
export interface CaseRef {
  caseId: string;
  topology: { name: string };
  layout: { name: string };
}

/** Runs one seed (or one timeline of it) and resolves with its result. */
export type ExecuteSeed = (seed: number, timeline?: BranchOptions) => Promise<SeedResult>;

interface InFlight {
  index: number;
  seed: number;
  result: Promise<SeedResult>;
}

/** `1 seed`, `3 seeds`. */
function seedCount(n: number): string {
  return `${n} seed${n === 1 ? '' : 's'}`;
}

function fail(caseId: string, problem: string): never {
  throw new RangeError(`runCase(${caseId}): ${problem}`);
}

export function check(condition: boolean, caseId: string, problem: string): void {
  if (!condition) fail(caseId, problem);
}

/** The options every seed loop checks first; returns the shard and a reader of the concurrency. */
export function checkCaseOptions(caseId: string, options: RunCaseOptions): { shard: Shard; concurrencyNow: () => number } {
  const shard = options.shard ?? { index: 1, count: 1 };
  const { concurrency = 1 } = options;
  const concurrencyNow = (): number => {
    const value = typeof concurrency === 'function' ? concurrency() : concurrency;
    check(Number.isInteger(value) && value >= 1, caseId, `concurrency ${value} is not a positive integer`);
    return value;
  };
  validateStrategy(options.strategy);
  check(isValidSeed(options.baseSeed), caseId, `base seed ${options.baseSeed} is not an unsigned 32-bit integer`);
  check(Number.isInteger(shard.count) && shard.count >= 1 && Number.isInteger(shard.index) && shard.index >= 1 && shard.index <= shard.count,
    caseId, `shard ${shard.index}/${shard.count} is invalid: the index is 1-based and at most the count`);
  concurrencyNow();
  check(options.seeds === undefined || options.seeds.every(isValidSeed), caseId, `seeds ${JSON.stringify(options.seeds)} are not all unsigned 32-bit integers`);
  check(options.seeds === undefined || options.recipe === undefined, caseId, 'give seeds or a recipe, not both');
  return { shard, concurrencyNow };
}

/** Seed indexes below `limit` that belong to the shard (all of them without one). */
export function shardSeedCount(limit: number, shard: Shard | undefined): number {
  if (shard === undefined) return limit;
  const first = shard.index - 1;
  return limit > first ? Math.floor((limit - first - 1) / shard.count) + 1 : 0;
}

/**
 * The seed loop of one case, shared by runSimulation (in-process) and the runner (workers).
 * Up to `concurrency` seeds run at once, but results are recorded in seed order and the strategy
 * decides before each seed on exactly that ordered prefix, so results, coverage and the stop
 * point are the same whatever the concurrency; results computed past the stop point are
 * discarded. `clock` (wall milliseconds) is read only by the time-budget strategy. An explore
 * strategy runs the exploration's loop (explore-case.ts) instead.
 */
export async function runCase(
  plan: CaseRef,
  options: RunCaseOptions,
  executeSeed: ExecuteSeed,
  onResult?: (result: SeedResult) => void,
  clock: () => number = () => 0,
): Promise<{ results: SeedResult[]; summary: CaseSummary }> {
  const { caseId } = plan;
  const { shard, concurrencyNow } = checkCaseOptions(caseId, options);
  const recipe = options.recipe;
  const explicit = recipe !== undefined ? [recipe.seed] : options.seeds;
  if (options.strategy.kind === 'explore' && explicit === undefined) return exploreCase(plan, options, executeSeed, onResult);
  const timeline: BranchOptions | undefined = recipe !== undefined && recipe.splits.length > 0 ? { splits: recipe.splits } : undefined;

  const limit = explicit?.length ?? plannedSeeds(options.strategy);
  const coverage = new CoverageTable();
  coverage.declare(options.sites ?? []);
  const results: SeedResult[] = [];
  const start = clock();
  let sinceNewCoverage = 0;
  let failures = 0;
  const seedOf = (index: number) => (explicit ? explicit[index] : seedAt(options.baseSeed, index));
  // Asked before the seed at `index` is recorded: the strategy counts every index before it as done.
  const decide = (index: number): StrategyDecision => {
    if (options.bail && failures > 0) return { stop: true, reason: `stopped at the first failing seed (bail) after ${seedCount(results.length)}` };
    if (recipe) return { stop: index >= 1, reason: `ran the timeline of recipe ${formatRecipe(recipe)}` };
    if (explicit) return { stop: index >= explicit.length, reason: `ran the ${seedCount(explicit.length)} given` };
    // A shard's next index can pass the strategy's bound; the seeds done are at most the bound.
    return strategyDecision(options.strategy, { seedsDone: Math.min(index, limit), coverage, seedsSinceNewCoverage: sinceNewCoverage, elapsedMs: clock() - start });
  };

  // In seed order: the head is the next result to record.
  const inFlight: InFlight[] = [];
  let nextIndex = shard.index - 1;
  let decision = decide(nextIndex);
  try {
    while (!decision.stop) {
      while (inFlight.length < concurrencyNow() && nextIndex < limit) {
        const seed = seedOf(nextIndex);
        const result = executeSeed(seed, timeline);
        // Marked handled: a seed abandoned past the stop point (or behind a failed head) must
        // not surface as an unhandled rejection; the head's own await still throws.
        result.catch(() => undefined);
        inFlight.push({ index: nextIndex, seed, result });
        nextIndex += shard.count;
      }
      const head = inFlight.shift();
      if (head === undefined) fail(caseId, `the strategy ran past its own bound of ${limit} seeds`);
      const result = await head.result;
      // The message is built only on failure: this runs once per seed.
      if (result?.seed !== head.seed) fail(caseId, `executeSeed(${head.seed}) returned ${result === undefined ? 'nothing' : `the result of seed ${result.seed}`}; return the result of the seed asked for`);
      results.push(result);
      if (!result.ok) failures++;
      sinceNewCoverage = coverage.add(result.coverage) ? 0 : sinceNewCoverage + 1;
      onResult?.(result);
      decision = decide(head.index + shard.count);
    }
  } finally {
    // Seeds started past the stop point finish before the case ends: no work leaks into the next case.
    await Promise.allSettled(inFlight.map((f) => f.result));
  }
  let stopReason = decision.reason;
  if (shard.count > 1) stopReason += ` (shard ${shard.index}/${shard.count}: ${seedCount(results.length)} here)`;
  return {
    results,
    summary: summarizeCase(
      { caseId, topology: plan.topology.name, layout: plan.layout.name, seedsPlanned: shardSeedCount(limit, shard) },
      results,
      coverage.rows(),
      stopReason,
    ),
  };
}

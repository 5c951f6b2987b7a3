import { summarizeCase } from './case-summary.js';
import { CoverageTable } from '../chaos/coverage-table.js';
import { seedAt } from '../chaos/seed-at.js';
import { plannedSeeds, strategyDecision, validateStrategy, type StrategyDecision, type StrategySpec } from '../chaos/strategy.js';
import { isValidSeed } from '../core/rng.js';
import type { CasePlan } from './layouts.js';
import type { CaseSummary, SeedResult } from './report.js';

export interface Shard {
  /** Zero-based: this shard keeps the seed indexes with index % count === index. */
  index: number;
  count: number;
}

export interface RunCaseOptions {
  strategy: StrategySpec;
  baseSeed: number;
  /** Run exactly these seeds, in this order (one --seed); the strategy is not consulted. */
  seeds?: number[];
  shard?: Shard;
  /** Seeds handed to executeBatch at once, for example the worker count (default 1). */
  batchSize?: number;
  /** Stop after the first failing seed (in seed order). */
  bail?: boolean;
}

export type ExecuteBatch = (seeds: number[]) => Promise<SeedResult[]>;

function fail(caseId: string, problem: string): never {
  throw new RangeError(`runCase(${caseId}): ${problem}`);
}

function check(condition: boolean, caseId: string, problem: string): void {
  if (!condition) fail(caseId, problem);
}

/** Seed indexes below `limit` that belong to the shard. */
function ownedCount(limit: number, shard: Shard): number {
  return limit > shard.index ? Math.floor((limit - shard.index - 1) / shard.count) + 1 : 0;
}

/**
 * The seed loop of one case, shared by runSimulation (in-process) and the runner (workers).
 * Batches may run in parallel, but results are recorded in seed order and the strategy decides
 * before each seed on exactly that ordered prefix, so results, coverage and the stop point are
 * the same whatever the batch size; results computed past the stop point are discarded.
 * `clock` (wall milliseconds) is read only by the time-budget strategy.
 */
export async function runCase(
  plan: CasePlan,
  options: RunCaseOptions,
  executeBatch: ExecuteBatch,
  onResult?: (result: SeedResult) => void,
  clock: () => number = () => 0,
): Promise<{ results: SeedResult[]; summary: CaseSummary }> {
  const { caseId } = plan;
  const shard = options.shard ?? { index: 0, count: 1 };
  const batchSize = options.batchSize ?? 1;
  const explicit = options.seeds;
  validateStrategy(options.strategy);
  check(isValidSeed(options.baseSeed), caseId, `base seed ${options.baseSeed} is not an unsigned 32-bit integer`);
  check(Number.isInteger(shard.count) && shard.count >= 1 && Number.isInteger(shard.index) && shard.index >= 0 && shard.index < shard.count,
    caseId, `shard ${shard.index}/${shard.count} is invalid: the index is zero-based and below the count`);
  check(Number.isInteger(batchSize) && batchSize >= 1, caseId, `batchSize ${batchSize} is not a positive integer`);
  check(explicit === undefined || explicit.every(isValidSeed), caseId, `seeds ${JSON.stringify(explicit)} are not all unsigned 32-bit integers`);

  const limit = explicit?.length ?? plannedSeeds(options.strategy);
  const coverage = new CoverageTable();
  const results: SeedResult[] = [];
  const start = clock();
  let sinceNewCoverage = 0;
  let failures = 0;
  const seedOf = (index: number) => (explicit ? explicit[index] : seedAt(options.baseSeed, index));
  // Asked before the seed at `index` runs: the strategy counts every index before it as done.
  const decide = (index: number): StrategyDecision => {
    if (options.bail && failures > 0) return { stop: true, reason: `stopped at the first failing seed (bail) after ${results.length} seed(s)` };
    if (explicit) return { stop: index >= explicit.length, reason: `ran the ${explicit.length} seed(s) given` };
    return strategyDecision(options.strategy, { seedsDone: index, coverage, seedsSinceNewCoverage: sinceNewCoverage, elapsedMs: clock() - start });
  };

  let stopReason = '';
  let next = shard.index;
  while (stopReason === '') {
    const first = decide(next);
    if (first.stop) {
      stopReason = first.reason;
      break;
    }
    const indexes: number[] = [];
    for (let i = next; indexes.length < batchSize && i < limit; i += shard.count) indexes.push(i);
    check(indexes.length > 0, caseId, `the strategy ran past its own bound of ${limit} seeds`);
    const seeds = indexes.map(seedOf);
    const batch = await executeBatch(seeds);
    // The message is built only on failure: this runs once per batch (per seed in runSimulation).
    if (!(batch.length === seeds.length && batch.every((r, i) => r.seed === seeds[i]))) {
      fail(caseId, `executeBatch returned seeds ${JSON.stringify(batch.map((r) => r.seed))} for ${JSON.stringify(seeds)}; return one result per seed, in order`);
    }
    for (let b = 0; b < batch.length; b++) {
      const decision = b === 0 ? first : decide(indexes[b]);
      if (decision.stop) {
        stopReason = decision.reason;
        break;
      }
      results.push(batch[b]);
      if (!batch[b].ok) failures++;
      sinceNewCoverage = coverage.add(batch[b].coverage) ? 0 : sinceNewCoverage + 1;
      onResult?.(batch[b]);
    }
    next = indexes[indexes.length - 1] + shard.count;
  }
  if (shard.count > 1) stopReason += ` (shard ${shard.index + 1}/${shard.count}: ${results.length} seed(s) here)`;
  return {
    results,
    summary: summarizeCase(
      { caseId, topology: plan.topology.name, layout: plan.layout.name, seedsPlanned: ownedCount(limit, shard) },
      results,
      coverage.rows(),
      stopReason,
    ),
  };
}

// Runs the seeds of one case on the worker pool through the library's seed loop (runCase), which
// records results in seed order: the same results whatever the worker count.
import type { CaseSummary, CoverageSite, SeedResult, BranchOptions } from '../../src/internal.js';
import { CoverageTable, REAL_RUN_SEED, runCase, seedReplays, summarizeCase } from '../../src/internal.js';
import type { SelectedCase } from './case-selection.js';
import type { RunnerEvent } from './events.js';
import type { RunOptions } from '../cli/run-options.js';
import { caseJobs, seedRunOptions } from './seed-job.js';
import { isShrinkable, shrinkFailure, type ShrinkRuns } from '../shrink/shrink-failure.js';
import { PoolClosedError, type WorkerPool } from '../pool/worker-pool.js';

export interface CaseSeedsContext {
  options: RunOptions;
  pool: WorkerPool;
  emit: (event: RunnerEvent) => void;
  /** Seeds in flight on the pool at once, asked before each new seed (WorkerPool.inFlightMax). */
  concurrency: () => number;
  /** The sometimes/reachable sites the case's source holds (sites/site-catalog.ts). */
  sites: readonly CoverageSite[];
  /** --shrink: the run's first failure is shrunk (claimed once per run). */
  shrink?: { claimed: boolean };
}

/** A case cut short (Ctrl-C): summarized from the seeds that finished. */
function partialSummary(entry: SelectedCase, results: SeedResult[], sites: readonly CoverageSite[], stopReason: string): CaseSummary {
  const coverage = new CoverageTable();
  coverage.declare(sites);
  for (const r of results) coverage.add(r.coverage);
  const { caseId, topology, layout, seedsPlanned } = entry.info;
  return summarizeCase({ caseId, topology, layout, seedsPlanned }, results, coverage.rows(), stopReason);
}

/** The runs of a shrink of `seed`: its jobs with only some faults, describing them. */
function shrinkRuns(entry: SelectedCase, options: RunOptions, pool: WorkerPool, jobOf: ReturnType<typeof caseJobs>, seed: number, branch: BranchOptions | undefined): ShrinkRuns {
  return {
    run: (onlyFaults) => {
      const [job, failed] = jobOf(seed, branch);
      const { timelineEntriesMax: _timeline, checkDeterminism: _twice, ...rest } = job.options;
      return pool.run({ ...job, options: { ...rest, onlyFaults, describeFaults: true, recentEntries: 0 } }, failed);
    },
    replayOf: (onlyFaults) => seedReplays(entry.topology.replayBase, entry.info.layout, { ...seedRunOptions(options), onlyFaults })(seed, branch?.splits),
    budget: options.shrinkBudget,
    parallel: options.workers,
  };
}

/** Runs one case; `interrupted` when the pool was closed under it (Ctrl-C). */
export async function runCaseSeeds(entry: SelectedCase, context: CaseSeedsContext): Promise<{ summary: CaseSummary; interrupted: boolean }> {
  const { options, pool, emit } = context;
  const alwaysSites = context.sites.filter((site) => site.kind === 'always').map((site) => site.message);
  const jobOf = caseJobs(entry, options, alwaysSites);
  const run = async (seed: number, branch?: BranchOptions): Promise<SeedResult> => {
    const result = await pool.run(...jobOf(seed, branch));
    const shrink = context.shrink;
    if (result.failure !== undefined && shrink !== undefined && !shrink.claimed && isShrinkable(result.failure)) {
      shrink.claimed = true;
      const shrunk = await shrinkFailure(result.failure, shrinkRuns(entry, options, pool, jobOf, seed, branch));
      if (shrunk !== undefined) result.failure.shrunk = shrunk;
    }
    return result;
  };
  const results: SeedResult[] = [];
  // By recipe: the timelines of one seed (--strategy explore) are results of their own.
  const emitted = new Set<string>();
  const done = (result: SeedResult) => {
    results.push(result);
    const key = result.recipe ?? String(result.seed);
    if (emitted.has(key)) return;
    emitted.add(key);
    emit({ type: 'seed-done', result });
  };
  emit({ type: 'case-start', caseId: entry.info.caseId, seedsPlanned: entry.info.seedsPlanned });
  // Watch mode reruns the seeds that failed last time first; the seed loop reuses their results.
  const early = new Map<number, SeedResult>();
  try {
    const first = options.seed === undefined && !options.real ? options.seedsFirst?.[entry.info.caseId] ?? [] : [];
    for (const result of await Promise.all(first.map((seed) => run(seed)))) {
      early.set(result.seed, result);
      emitted.add(String(result.seed));
      emit({ type: 'seed-done', result });
    }
    const { caseId, topology, layout } = entry.info;
    const { summary } = await runCase(
      { caseId, topology: { name: topology }, layout: { name: layout } },
      {
        strategy: entry.strategy,
        baseSeed: options.baseSeed,
        seeds: options.real ? [REAL_RUN_SEED] : options.seed !== undefined ? [options.seed] : undefined,
        recipe: options.recipe,
        shard: options.shard,
        concurrency: context.concurrency,
        bail: options.bail,
        sites: context.sites,
      },
      (seed, branch) => {
        const result = branch?.splits === undefined || branch.splits.length === 0 ? early.get(seed) : undefined;
        return result !== undefined && branch?.discoveries !== true ? Promise.resolve(result) : run(seed, branch);
      },
      done,
      () => performance.now(),
    );
    return { summary, interrupted: false };
  } catch (error) {
    if (!(error instanceof PoolClosedError)) throw error;
    return { summary: partialSummary(entry, results, context.sites, `interrupted after ${results.length} seed${results.length === 1 ? '' : 's'}`), interrupted: true };
  }
}

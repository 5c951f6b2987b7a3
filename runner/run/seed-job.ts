// What the pool needs to run one seed of a case: the job for the worker (plain data) and the
// context to report it if the seed never returns (watchdog, crash).
import { formatRecipe, seedReplays, TIMELINE_ENTRIES_MAX, type SeedRunOptions, type BranchOptions } from '../../src/internal.js';
import type { SelectedCase } from './case-selection.js';
import type { RunOptions } from '../cli/run-options.js';
import type { LostSeedContext } from '../protocol/lost-seed.js';
import type { SeedJob } from '../protocol/messages.js';

/** The library's per-seed options from the run's options (unset ones: the topology's own), with
 * the alwaysAssert messages the case's source holds as literals (the coverage sites they are). */
export function seedRunOptions(options: RunOptions, alwaysSites?: string[]): SeedRunOptions {
  const out: SeedRunOptions = {
    network: options.network,
    swarm: options.swarm || undefined,
    buggify: options.buggify,
    attrition: options.attrition,
    storage: options.storage,
    guard: options.guard,
    checkDeterminism: options.checkDeterminism || undefined,
    eventsMax: options.eventsMax,
    simTimeMsMax: options.simTimeMsMax,
    livenessTimeoutMs: options.livenessTimeoutMs,
    projectRoot: options.loaded.root,
    timelineEntriesMax: options.trace || options.timelineFile !== undefined ? TIMELINE_ENTRIES_MAX : undefined,
    onlyFaults: options.onlyFaults,
    alwaysSites: alwaysSites !== undefined && alwaysSites.length > 0 ? alwaysSites : undefined,
  };
  for (const key of Object.keys(out) as (keyof SeedRunOptions)[]) if (out[key] === undefined) delete out[key];
  return out;
}

/** The job of each seed (or timeline) of a case: what every seed shares (the options, the quoted
 * replay flags) is built once per case, not once per seed on the pool's thread. */
export function caseJobs(entry: SelectedCase, options: RunOptions, alwaysSites?: string[]): (seed: number, timeline?: BranchOptions) => [Omit<SeedJob, 'id'>, LostSeedContext] {
  const { classes } = entry;
  const { caseId, topology, layout } = entry.info;
  const runOptions = seedRunOptions(options, alwaysSites);
  // The library's one rule, against what the topology declares (as its worker reported it).
  const replayOf = seedReplays(entry.topology.replayBase, layout, runOptions, options.real);
  return (seed, timeline) => {
    const replay = replayOf(seed, timeline?.splits);
    const job: Omit<SeedJob, 'id'> = { caseId, topology, layout, seed, options: runOptions, real: options.real };
    if (options.keepStorage) job.keepStorage = true;
    if (timeline?.splits !== undefined && timeline.splits.length > 0) job.splits = [...timeline.splits];
    if (timeline?.discoveries === true) job.discoveries = true;
    const context: LostSeedContext = { caseId, topology, layout, seed, classes, file: entry.topology.file, replay };
    if (job.splits !== undefined) context.recipe = formatRecipe({ seed, splits: job.splits });
    return [job, context];
  };
}

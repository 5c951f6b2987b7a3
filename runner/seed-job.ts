// What the pool needs to run one seed of a case: the job for the worker (plain data) and the
// context to report it if the seed never returns (watchdog, crash).
import { replayCommands, type SeedRunOptions } from '../src/index.js';
import type { RunCase } from './case-list.js';
import type { RunOptions } from './run-options.js';
import type { FailedSeedContext } from './seed-failures.js';
import type { SeedJob } from './worker-protocol.js';

/** The library's per-seed options from the run's options (unset ones: the topology's own). */
export function seedRunOptions(options: RunOptions): SeedRunOptions {
  const out: SeedRunOptions = {
    network: options.network,
    swarm: options.swarm || undefined,
    buggify: options.buggify,
    attrition: options.attrition,
    storage: options.storage,
    guard: options.guard,
    checkDeterminism: options.checkDeterminism || undefined,
    maxEvents: options.maxEvents,
    maxSimTimeMs: options.maxSimTimeMs,
    livenessTimeoutMs: options.livenessTimeoutMs,
    projectRoot: options.loaded.root,
  };
  for (const key of Object.keys(out) as (keyof SeedRunOptions)[]) if (out[key] === undefined) delete out[key];
  return out;
}

/** The command that reruns a seed of the case alone with the flags that shaped it, by seed. */
function replaysOf(entry: RunCase, options: RunOptions): (seed: number) => string {
  const { topology, layout } = entry.info;
  if (options.real) {
    const real = `npx moonpool-test ${topology} --layout ${layout} --real${options.attrition ? ` --attrition ${options.attrition}` : ''}`;
    return () => real;
  }
  const flags = {
    network: options.network,
    swarm: options.swarm,
    buggify: options.buggify,
    attrition: options.attrition,
    storage: options.storage,
    guard: options.guard === 'reject' ? 'reject' : undefined,
    maxEvents: options.maxEvents,
    maxSimTimeMs: options.maxSimTimeMs,
    livenessTimeoutMs: options.livenessTimeoutMs !== entry.case.livenessTimeoutMs ? options.livenessTimeoutMs : undefined,
    checkDeterminism: options.checkDeterminism,
  };
  return replayCommands(topology, layout, flags);
}

/** The seed number a --real run reports: it draws nothing from a seed. */
export const REAL_RUN_SEED = 0;

/** The job of each seed of a case, by seed: what every seed shares (the options, the quoted
 * replay flags) is built once per case, not once per seed on the pool's thread. */
export function caseJobs(entry: RunCase, options: RunOptions): (seed: number) => [Omit<SeedJob, 'id'>, FailedSeedContext] {
  const { classes } = entry.case;
  const { caseId, topology, layout } = entry.info;
  const runOptions = seedRunOptions(options);
  const replayOf = replaysOf(entry, options);
  return (seed) => {
    const replay = replayOf(seed);
    const job: Omit<SeedJob, 'id'> = { caseId, topology, layout, seed, options: runOptions, real: options.real, replay };
    if (options.keepStorage) job.keepStorage = true;
    return [job, { caseId, topology, layout, seed, classes, file: entry.topology.file, replay }];
  };
}

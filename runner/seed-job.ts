// What the pool needs to run one seed of a case: the job for the worker (plain data) and the
// context to report it if the seed never returns (watchdog, crash).
import { replayCommand, type SeedRunOptions } from '../src/index.js';
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

/** The command that reruns this seed alone with the flags that shaped it. */
function replayOf(entry: RunCase, seed: number, options: RunOptions): string {
  const { topology, layout } = entry.info;
  if (options.real) return `npx moonpool-test ${topology} --layout ${layout} --real`;
  const flags = {
    network: options.network,
    swarm: options.swarm,
    buggify: options.buggify,
    guard: options.guard === 'reject' ? 'reject' : undefined,
    maxEvents: options.maxEvents,
    maxSimTimeMs: options.maxSimTimeMs,
    livenessTimeoutMs: options.livenessTimeoutMs !== entry.case.livenessTimeoutMs ? options.livenessTimeoutMs : undefined,
    checkDeterminism: options.checkDeterminism,
  };
  return replayCommand(topology, layout, seed, flags);
}

/** The seed number a --real run reports: it draws nothing from a seed. */
export const REAL_RUN_SEED = 0;

export function seedJob(entry: RunCase, seed: number, options: RunOptions): [Omit<SeedJob, 'id'>, FailedSeedContext] {
  const { classes } = entry.case;
  const job: Omit<SeedJob, 'id'> = {
    caseId: entry.info.caseId,
    topology: entry.info.topology,
    layout: entry.info.layout,
    seed,
    options: seedRunOptions(options),
    real: options.real,
    replay: replayOf(entry, seed, options),
  };
  return [job, { caseId: job.caseId, topology: job.topology, layout: job.layout, seed, classes, file: entry.topology.file, replay: job.replay }];
}

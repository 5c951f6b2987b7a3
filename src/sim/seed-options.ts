import type { Split } from '../core/rng.js';
import type { GuardMode } from '../core/guard.js';
import type { StorageSetting } from '../storage/storage-config.js';
import type { BuggifyMode, NetworkSetting } from '../model/definitions.js';

/** Per-seed options (plain data: the runner sends them to its workers). Unset ones come from the
 * topology's declaration or the defaults. */
export interface SeedRunOptions {
  /** Network preset name or config, overriding the topology's. */
  network?: NetworkSetting;
  /** Swarm testing: each seed enables a random subset of fault families. Default false. */
  swarm?: boolean;
  /** buggify() sites, overriding the topology's mode. */
  buggify?: BuggifyMode;
  /** Real clocks, timers and Math.random in workloads: virtualized (default) or a failure. */
  guard?: Exclude<GuardMode, 'off'>;
  /** Run the seed twice and fail on the first divergent event. */
  checkDeterminism?: boolean;
  eventsMax?: number;
  simTimeMsMax?: number;
  /** Simulated ms that check() and the services' shutdown get once faults stop, overriding the
   * topology's `livenessTimeoutMs`. */
  livenessTimeoutMs?: number;
  /** Call-site files are named relative to it (default process.cwd()). */
  projectRoot?: string;
  /** 'off' disables the topology's attrition; 'on' enables it, with DEFAULT_ATTRITION for a
   * topology that declares none. Undefined: the topology's own. */
  attrition?: 'on' | 'off';
  /** Storage preset name or config, overriding the topology's. */
  storage?: StorageSetting;
  /** Record the seed's whole timeline into `SeedResult.timeline`, keeping at most this many
   * entries (the oldest are dropped past it). Unset: not recorded. */
  timelineEntriesMax?: number;
  /** A failing seed is run again with recording on, and its failure carries this many of the
   * last timeline entries (`FailureInfo.recent`). Default 20; 0: not re-run. */
  recentEntries?: number;
  /** Apply only the injected faults (network, storage, process stops, buggify firings) with
   * these ordinals; the others make their random draws and do not happen (--only-faults). */
  onlyFaults?: number[];
  /** Describe every applied fault in `SeedResult.faultsApplied` (--shrink). */
  describeFaults?: boolean;
  /** The messages of the project's alwaysAssert calls with a literal message (the runner's site
   * catalogue): only these are counted as coverage sites, since a message built per call would
   * make a site per call. Unset: alwaysAssert counts nothing. */
  alwaysSites?: string[];
}

/** Timeline entries a failure carries by default (`recentEntries`). */
export const RECENT_ENTRIES_DEFAULT = 20;

/** Which branch (explored timeline) of a seed to run (`--strategy explore`, `--recipe`): plain
 * data, per seed. */
export interface BranchOptions {
  /** Where it split from its parents (recipe.ts); none: the seed's own timeline. */
  splits?: readonly Split[];
  /** Report what it found first after its last split (SeedResult.discoveries). */
  discoveries?: boolean;
}

const KEYS = new Set([
  'network', 'swarm', 'buggify', 'guard', 'checkDeterminism', 'eventsMax', 'simTimeMsMax', 'livenessTimeoutMs', 'projectRoot', 'attrition', 'storage',
  'timelineEntriesMax', 'recentEntries', 'onlyFaults', 'describeFaults', 'alwaysSites',
]);

/** Throws a RangeError naming the bad option and its allowed values. */
export function validateSeedOptions(options: SeedRunOptions, caseId: string): void {
  const fail = (problem: string) => {
    throw new RangeError(`runSeed(${caseId}): ${problem}`);
  };
  for (const key of Object.keys(options)) if (!KEYS.has(key)) fail(`unknown option "${key}"; the options are ${[...KEYS].join(', ')}`);
  if (options.guard !== undefined && options.guard !== 'virtualize' && options.guard !== 'reject') fail(`guard "${String(options.guard)}" must be 'virtualize' or 'reject'`);
  if (options.buggify !== undefined && !['auto', 'on', 'off'].includes(options.buggify)) fail(`buggify "${String(options.buggify)}" must be 'auto', 'on' or 'off'`);
  for (const key of ['eventsMax', 'simTimeMsMax'] as const) {
    const value = options[key];
    if (value !== undefined && !(Number.isInteger(value) && value >= 1)) fail(`${key} ${String(value)} must be an integer >= 1`);
  }
  const entriesMax = options.timelineEntriesMax;
  if (entriesMax !== undefined && !(Number.isInteger(entriesMax) && entriesMax >= 1)) fail(`timelineEntriesMax ${String(entriesMax)} must be an integer >= 1`);
  const recent = options.recentEntries;
  if (recent !== undefined && !(Number.isInteger(recent) && recent >= 0)) fail(`recentEntries ${String(recent)} must be an integer >= 0`);
  const only = options.onlyFaults;
  if (only !== undefined && !(Array.isArray(only) && only.every((n) => Number.isInteger(n) && n >= 1))) {
    fail(`onlyFaults ${JSON.stringify(only)} must be an array of fault ordinals (integers >= 1), for example [3, 17]`);
  }
  if (options.attrition !== undefined && options.attrition !== 'on' && options.attrition !== 'off') fail(`attrition "${String(options.attrition)}" must be 'on' or 'off'`);
  if (options.alwaysSites !== undefined && !(Array.isArray(options.alwaysSites) && options.alwaysSites.every((m) => typeof m === 'string'))) {
    fail('alwaysSites must be an array of alwaysAssert messages (strings)');
  }
  const liveness = options.livenessTimeoutMs;
  if (liveness !== undefined && !(typeof liveness === 'number' && Number.isFinite(liveness) && liveness > 0)) {
    fail(`livenessTimeoutMs ${String(liveness)} must be a positive number of simulated milliseconds, for example 60000`);
  }
}

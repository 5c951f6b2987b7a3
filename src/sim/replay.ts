import type { Split } from '../core/rng.js';
import { formatRecipe } from '../chaos/recipe.js';
import type { StorageSetting } from '../storage/storage-config.js';
import type { BuggifyMode, NetworkSetting, TopologyDefinition } from '../model/definitions.js';
import type { SeedRunOptions } from './seed-options.js';

/** Flags that change what a seed does (only the non-default ones are printed). */
export type ReplayFlags = Record<string, string | number | boolean | undefined>;

/** What a topology declares that a replay's flags are measured against: a TopologyDefinition,
 * or the plain data the runner gets of it from a worker (replayBaseOf). */
export interface ReplayBase {
  name: string;
  network?: NetworkSetting;
  storage?: StorageSetting;
  buggify?: BuggifyMode;
  /** Declared attrition (only whether there is one matters here). */
  attrition?: unknown;
  livenessTimeoutMs: number;
}

/** The part of a topology's definition its replay commands depend on, as plain data. */
export function replayBaseOf(topology: TopologyDefinition): ReplayBase {
  const { name, network, storage, buggify, attrition, livenessTimeoutMs } = topology;
  return { name, network, storage, buggify, attrition: attrition === undefined ? undefined : true, livenessTimeoutMs };
}

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function quote(value: string): string {
  return /^[A-Za-z0-9_.,:/=+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The flags of a seed run with `options` that make it differ from what the topology declares:
 * only those a replay needs. With `real`, only those a --real run reads. */
export function replayFlags(topology: ReplayBase, options: SeedRunOptions, real = false): ReplayFlags {
  // Only a setting that changes what the topology would do by default.
  const attrition =
    options.attrition === 'off' ? (topology.attrition !== undefined ? 'off' : undefined)
    : options.attrition === 'on' && topology.attrition === undefined ? 'on'
    : undefined;
  const livenessTimeoutMs = options.livenessTimeoutMs !== topology.livenessTimeoutMs ? options.livenessTimeoutMs : undefined;
  if (real) return { real: true, livenessTimeoutMs, attrition };
  return {
    network: typeof options.network === 'string' && options.network !== (topology.network ?? 'default') ? options.network : undefined,
    storage: typeof options.storage === 'string' && options.storage !== (topology.storage ?? 'default') ? options.storage : undefined,
    swarm: options.swarm,
    buggify: options.buggify !== undefined && options.buggify !== topology.buggify ? options.buggify : undefined,
    guard: options.guard === 'reject' ? 'reject' : undefined,
    eventsMax: options.eventsMax,
    simTimeMsMax: options.simTimeMsMax,
    livenessTimeoutMs,
    attrition,
    checkDeterminism: options.checkDeterminism,
    onlyFaults: options.onlyFaults === undefined ? undefined : options.onlyFaults.length === 0 ? 'none' : options.onlyFaults.join(','),
  };
}

/**
 * The one rule for every replay command moonpool prints: a failing seed's (simulated, or lost
 * with its worker) and a --real run's, for example
 * `npx moonpool-test ping-pong --layout 2x10 --seed 3735928559 --network hostile`. Seed by seed
 * for a simulated case (a child timeline by its recipe: `--recipe 123@4567/89`); one command for
 * a --real run, which draws from no seed.
 */
export function seedReplays(topology: ReplayBase, layout: string, options: SeedRunOptions, real = false): (seed: number, splits?: readonly Split[]) => string {
  // The name, layout and flags are quoted once per case, not once per seed.
  const head = `npx moonpool-test ${quote(topology.name)} --layout ${quote(layout)}`;
  if (real) {
    const command = `${head}${flagText(replayFlags(topology, options, true))}`;
    return () => command;
  }
  const tail = flagText(replayFlags(topology, options));
  return (seed, splits) => (splits === undefined || splits.length === 0 ? `${head} --seed ${seed}${tail}` : `${head} --recipe ${formatRecipe({ seed, splits })}${tail}`);
}

function flagText(flags: ReplayFlags): string {
  let text = '';
  for (const [key, value] of Object.entries(flags)) {
    if (value === undefined || value === false) continue;
    text += ` --${kebab(key)}`;
    if (value !== true) text += ` ${quote(String(value))}`;
  }
  return text;
}

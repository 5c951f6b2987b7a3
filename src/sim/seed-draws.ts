// What a seed drew beyond the presets it ran under, for the top of its failure report. The full
// record (SeedResult.options, ~30 keys) is nearly all fixed by the presets the run named; this
// keeps what the seed itself decided: the fault families swarm switched off, a `random`
// preset's severities, buggify, a random layout's sizes. Computed from the presets' own data.
import type { NetworkConfig } from '../network/network-config.js';
import { networkPreset } from '../network/presets.js';
import { describeRandomDraws } from '../network/random-preset.js';
import type { StorageConfig } from '../storage/storage-config.js';
import { storagePreset } from '../storage/storage-presets.js';
import { describeRandomStorageDraws } from '../storage/storage-random-preset.js';
import type { NetworkSetting } from '../model/definitions.js';
import type { CasePlan } from '../model/layouts.js';
import type { BuiltCluster } from './seed-cluster.js';
import type { SeedRunOptions } from './seed-options.js';
import type { StorageSetting } from '../storage/storage-config.js';

/** Calls `differs` with the path of every leaf where `actual` and `preset` differ. */
function walk(actual: unknown, preset: unknown, path: string[], differs: (path: string[]) => void): void {
  if (typeof actual === 'object' && actual !== null && typeof preset === 'object' && preset !== null) {
    for (const key of Object.keys(actual)) walk((actual as Record<string, unknown>)[key], (preset as Record<string, unknown>)[key], [...path, key], differs);
    return;
  }
  if (!Object.is(actual, preset)) differs(path);
}

/** The keys of the flat description (`network.faults.partition`, `storage.latencyMs.sync`) whose
 * config values differ between `actual` and `preset`, in the config's order. */
function differingKeys(actual: NetworkConfig | StorageConfig, preset: NetworkConfig | StorageConfig, prefix: 'network' | 'storage'): string[] {
  const keys: string[] = [];
  walk(actual, preset, [], (path) => {
    // The name and the swarm switch are the run's choice; what swarm changed shows in `faults`.
    if (path[0] === 'preset' || path[0] === 'swarm') return;
    const depth = path[0] === 'latencyMs' || path[0] === 'faults' ? 2 : 1;
    const key = `${prefix}.${path.slice(0, depth).join('.')}`;
    if (!keys.includes(key)) keys.push(key);
  });
  return keys;
}

function networkDraws(config: NetworkConfig, setting: NetworkSetting, options: Record<string, unknown>, out: Record<string, unknown>): void {
  if (setting === 'random') {
    out['network.random'] = describeRandomDraws(config, networkPreset('default'), networkPreset('hostile'));
    return;
  }
  const preset = typeof setting === 'string' ? networkPreset(setting) : setting;
  for (const key of differingKeys(config, preset, 'network')) out[key] = options[key];
}

function storageDraws(config: StorageConfig, setting: StorageSetting, options: Record<string, unknown>, out: Record<string, unknown>): void {
  if (setting === 'random') {
    out['storage.random'] = describeRandomStorageDraws(config, storagePreset('default'), storagePreset('hostile'));
    return;
  }
  const preset = typeof setting === 'string' ? storagePreset(setting) : setting;
  for (const key of differingKeys(config, preset, 'storage')) out[key] = options[key];
}

/** The entries of `options` (the seed's full record) the presets do not fix, plus a `random`
 * preset's draws as severities. Attrition, the guard and the buggify site probability are the
 * same for every seed of a case: never listed. */
export function beyondPresets(built: BuiltCluster, plan: CasePlan, run: SeedRunOptions, options: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const role in built.counts) if (Array.isArray(plan.layout.counts[role])) out[`layout.${role}`] = built.counts[role];
  networkDraws(built.network.config, run.network ?? plan.topology.network ?? 'default', options, out);
  const disks = built.disks.config;
  if (disks !== undefined) storageDraws(disks, built.disks.setting, options, out);
  // Under `auto` each seed draws whether buggify is on; the enabled sites are drawn per seed.
  if ((run.buggify ?? plan.topology.buggify) === 'auto') out['chaos.buggify'] = options['chaos.buggify'];
  if (Array.isArray(options['chaos.enabledSites']) && options['chaos.enabledSites'].length > 0) out['chaos.enabledSites'] = options['chaos.enabledSites'];
  return out;
}

import type { RngStream } from '../core/rng.js';
import type { Range } from '../network/network-config.js';
import {
  STORAGE_FAULT_FAMILIES,
  STORAGE_PRESET_NAMES,
  type StorageConfig,
  type StorageFaultFamily,
  type StorageFaultSetting,
  type StoragePresetName,
  type StorageSetting,
} from './storage-config.js';
import { StorageConfigError } from './storage-config-error.js';
import { validateStorageConfig } from './storage-config-validation.js';
import { drawRandomStorageConfig } from './storage-random-preset.js';

const range = (min: number, max: number): Range => ({ min, max });
const uniform = (min: number, max: number) => ({ kind: 'uniform' as const, min, max });
const fault = (probability: number, min = 0, max = 0): StorageFaultSetting => ({ enabled: true, probability, durationMs: range(min, max) });
const faultsOff = () =>
  Object.fromEntries(STORAGE_FAULT_FAMILIES.map((f) => [f, { enabled: false, probability: 0, durationMs: range(0, 0) }])) as Record<
    StorageFaultFamily,
    StorageFaultSetting
  >;

const GIB = 2 ** 30;

/** No injected faults and a tiny fixed latency (fixed: it draws nothing from the stream). The
 * crash model still applies. */
const PERFECT: StorageConfig = {
  preset: 'perfect',
  swarm: false,
  latencyMs: { read: uniform(0.01, 0.01), write: uniform(0.01, 0.01), sync: uniform(0.05, 0.05) },
  faults: faultsOff(),
  capacityBytes: GIB,
};

/** A healthy SSD: writes land in the page cache (fast), reads usually do, fsync costs about a
 * millisecond; rare slow tails and rare faults. Probabilities are per operation (see
 * STORAGE_OP_FAULT_FAMILIES); durations in milliseconds. */
const DEFAULT: StorageConfig = {
  preset: 'default',
  swarm: false,
  latencyMs: {
    read: { kind: 'bimodal', fast: range(0.02, 0.1), slow: range(0.5, 5), slowProbability: 0.01 },
    write: { kind: 'bimodal', fast: range(0.01, 0.05), slow: range(0.5, 5), slowProbability: 0.01 },
    sync: { kind: 'bimodal', fast: range(0.2, 1), slow: range(5, 20), slowProbability: 0.02 },
  },
  faults: {
    readCorruption: fault(0.0001),
    writeCorruption: fault(0.0001),
    misdirectedWrite: fault(0.00005),
    lostWrite: fault(0.00005),
    syncFailure: fault(0.0005),
    stall: fault(0.001, 1, 50),
  },
  capacityBytes: GIB,
};

/** Ten times worse than `default` on every latency, probability and stall duration, and a
 * quarter of its space. */
const HOSTILE: StorageConfig = {
  preset: 'hostile',
  swarm: false,
  latencyMs: {
    read: { kind: 'bimodal', fast: range(0.2, 1), slow: range(5, 50), slowProbability: 0.1 },
    write: { kind: 'bimodal', fast: range(0.1, 0.5), slow: range(5, 50), slowProbability: 0.1 },
    sync: { kind: 'bimodal', fast: range(2, 10), slow: range(50, 200), slowProbability: 0.2 },
  },
  faults: {
    readCorruption: fault(0.001),
    writeCorruption: fault(0.001),
    misdirectedWrite: fault(0.0005),
    lostWrite: fault(0.0005),
    syncFailure: fault(0.005),
    stall: fault(0.01, 10, 500),
  },
  capacityBytes: GIB / 4,
};

const FIXED_PRESETS: Record<Exclude<StoragePresetName, 'random'>, StorageConfig> = {
  perfect: PERFECT,
  default: DEFAULT,
  hostile: HOSTILE,
};

/** A fresh copy of a fixed preset (`random` has no fixed values: resolve it per seed). */
export function storagePreset(name: Exclude<StoragePresetName, 'random'>): StorageConfig {
  const preset = Object.hasOwn(FIXED_PRESETS, name) ? FIXED_PRESETS[name] : undefined;
  if (preset === undefined) {
    throw new StorageConfigError('storagePreset', name, `unknown preset, expected one of ${Object.keys(FIXED_PRESETS).join(', ')}`);
  }
  return structuredClone(preset);
}

export interface ResolveStorageOptions {
  /** Swarm testing: switch each enabled fault family on or off for this seed. */
  swarm?: boolean;
}

/** Turns a preset name or a config into this seed's concrete values. Every draw comes from
 * `rng` (the seed's `storage` stream, so topologies without storage draw as before). */
export function resolveStorageConfig(setting: StorageSetting, rng: RngStream, options: ResolveStorageOptions = {}): StorageConfig {
  let config: StorageConfig;
  if (typeof setting !== 'string') config = validateStorageConfig(structuredClone(setting), 'resolveStorageConfig');
  else if (setting === 'random') config = drawRandomStorageConfig(storagePreset('default'), storagePreset('hostile'), rng);
  else if (Object.hasOwn(FIXED_PRESETS, setting)) config = storagePreset(setting);
  else throw new StorageConfigError('resolveStorageConfig', setting, `unknown preset, expected one of ${STORAGE_PRESET_NAMES.join(', ')}`);
  if (options.swarm === true) {
    config.swarm = true;
    for (const family of STORAGE_FAULT_FAMILIES) {
      if (config.faults[family].enabled) config.faults[family].enabled = rng.bool(0.5);
    }
  }
  return config;
}

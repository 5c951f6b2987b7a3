import type { RngStream } from '../core/rng.js';
import { NetworkConfigError, validateNetworkConfig } from './config-validation.js';
import { FAULT_FAMILIES, type FaultFamily, type FaultSetting, type NetworkConfig, type Range } from './network-config.js';
import { drawRandomConfig } from './random-preset.js';

export const NETWORK_PRESET_NAMES = ['perfect', 'default', 'hostile', 'random'] as const;
export type NetworkPresetName = (typeof NETWORK_PRESET_NAMES)[number];

const range = (min: number, max: number): Range => ({ min, max });
const uniform = (min: number, max: number) => ({ kind: 'uniform' as const, min, max });
const fault = (probability: number, min = 0, max = 0): FaultSetting => ({ enabled: true, probability, durationMs: range(min, max) });
const faultsOff = () =>
  Object.fromEntries(FAULT_FAMILIES.map((f) => [f, { enabled: false, probability: 0, durationMs: range(0, 0) }])) as Record<FaultFamily, FaultSetting>;

/** No faults and a small fixed latency: for debugging logic before chaos. */
const PERFECT: NetworkConfig = {
  preset: 'perfect',
  swarm: false,
  latencyMs: { connect: uniform(0.1, 0.1), delivery: uniform(0.1, 0.1), close: uniform(0.1, 0.1), accept: uniform(0.01, 0.01) },
  pairBaseMs: range(0, 0),
  sendBufferBytesMax: 1 << 20,
  clockDrift: { offsetMsMax: 0, rateMax: 0 },
  faults: faultsOff(),
};

/** A healthy data centre: about 0.1 to 1 ms per hop with a rare slow tail, rare faults.
 * Probabilities are per operation (see OP_FAULT_FAMILIES); durations in milliseconds. */
const DEFAULT: NetworkConfig = {
  preset: 'default',
  swarm: false,
  latencyMs: {
    connect: uniform(0.1, 1),
    delivery: { kind: 'bimodal', fast: range(0.05, 0.3), slow: range(1, 5), slowProbability: 0.01 },
    close: uniform(0.05, 0.5),
    accept: uniform(0.01, 0.1),
  },
  pairBaseMs: range(0.05, 0.5),
  sendBufferBytesMax: 1 << 20,
  clockDrift: { offsetMsMax: 5, rateMax: 0.01 },
  faults: {
    writeClog: fault(0.0005, 1, 10),
    readClog: fault(0.0005, 1, 10),
    partition: fault(0.0001, 10, 100),
    isolate: fault(0.0001, 10, 100),
    oneWayPartition: fault(0.0001, 10, 100),
    connectionClose: fault(0.0001),
    connectionReset: fault(0.0001),
    connectFail: fault(0.005, 1, 10),
    connectHang: fault(0.005, 10, 100),
    partialRead: fault(0.005),
    partialWrite: fault(0.005),
    bitFlip: fault(0.0001),
    clockDrift: fault(0.0005, 100, 1000),
  },
};

/** Ten times worse than `default` on every latency, probability, duration and drift bound. */
const HOSTILE: NetworkConfig = {
  preset: 'hostile',
  swarm: false,
  latencyMs: {
    connect: uniform(1, 10),
    delivery: { kind: 'bimodal', fast: range(0.5, 3), slow: range(10, 50), slowProbability: 0.1 },
    close: uniform(0.5, 5),
    accept: uniform(0.1, 1),
  },
  pairBaseMs: range(0.5, 5),
  sendBufferBytesMax: 64 * 1024,
  clockDrift: { offsetMsMax: 50, rateMax: 0.1 },
  faults: {
    writeClog: fault(0.005, 10, 100),
    readClog: fault(0.005, 10, 100),
    partition: fault(0.001, 100, 1000),
    isolate: fault(0.001, 100, 1000),
    oneWayPartition: fault(0.001, 100, 1000),
    connectionClose: fault(0.001),
    connectionReset: fault(0.001),
    connectFail: fault(0.05, 10, 100),
    connectHang: fault(0.05, 100, 1000),
    partialRead: fault(0.05),
    partialWrite: fault(0.05),
    bitFlip: fault(0.001),
    clockDrift: fault(0.005, 1000, 10000),
  },
};

const FIXED_PRESETS: Record<Exclude<NetworkPresetName, 'random'>, NetworkConfig> = {
  perfect: PERFECT,
  default: DEFAULT,
  hostile: HOSTILE,
};

/** A fresh copy of a fixed preset (`random` has no fixed values: resolve it per seed). */
export function networkPreset(name: Exclude<NetworkPresetName, 'random'>): NetworkConfig {
  const preset = FIXED_PRESETS[name];
  if (preset === undefined) {
    throw new NetworkConfigError('networkPreset', name, `unknown preset, expected one of ${Object.keys(FIXED_PRESETS).join(', ')}`);
  }
  return structuredClone(preset);
}

export interface ResolveNetworkOptions {
  /** Swarm testing: switch each enabled fault family on or off for this seed. */
  swarm?: boolean;
}

/** Turns a preset name or a config into this seed's concrete values. Every draw comes from
 * `rng`, which should be the seed's config stream (`world.rng.config`). */
export function resolveNetworkConfig(
  preset: NetworkPresetName | NetworkConfig,
  rng: RngStream,
  options: ResolveNetworkOptions = {},
): NetworkConfig {
  let config: NetworkConfig;
  if (typeof preset !== 'string') config = validateNetworkConfig(structuredClone(preset), 'resolveNetworkConfig');
  else if (preset === 'random') config = drawRandomConfig(networkPreset('default'), networkPreset('hostile'), rng);
  else if (preset in FIXED_PRESETS) config = networkPreset(preset);
  else throw new NetworkConfigError('resolveNetworkConfig', preset, `unknown preset, expected one of ${NETWORK_PRESET_NAMES.join(', ')}`);
  if (options.swarm === true) {
    config.swarm = true;
    for (const family of FAULT_FAMILIES) {
      if (config.faults[family].enabled) config.faults[family].enabled = rng.bool(0.5);
    }
  }
  return config;
}

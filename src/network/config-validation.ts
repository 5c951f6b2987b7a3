import {
  FAULT_FAMILIES,
  LATENCY_OPS,
  OP_FAULT_FAMILIES,
  type NetworkConfig,
  type NetworkOp,
} from './network-config.js';

/** A network configuration that cannot be used, with the offending field and the fix. */
export class NetworkConfigError extends Error {
  constructor(where: string, preset: unknown, problem: string) {
    super(
      `invalid network config "${String(preset)}" (${where}): ${problem}. Fix the network option of the ` +
        'topology or .moonpoolrc.json, or start from a preset: perfect, default, hostile, random.',
    );
    this.name = 'NetworkConfigError';
  }
}

type Check = (path: string, value: unknown, expected: string, ok: boolean) => void;

function checkRange(check: Check, path: string, value: unknown): void {
  const r = value as { min?: unknown; max?: unknown } | undefined;
  const min = r?.min;
  const max = r?.max;
  const valid = typeof min === 'number' && typeof max === 'number' && Number.isFinite(max) && min >= 0 && min <= max;
  check(path, value, '{ min, max } with 0 <= min <= max (finite)', valid);
}

function checkLatency(check: Check, path: string, value: unknown): void {
  const d = value as Record<string, unknown> | undefined;
  if (d?.kind === 'uniform') return checkRange(check, path, d);
  if (d?.kind === 'exponential') {
    const { mean, max } = d;
    const valid = typeof mean === 'number' && typeof max === 'number' && mean >= 0 && Number.isFinite(max) && max >= mean;
    return check(path, value, '{ kind: "exponential", mean, max } with 0 <= mean <= max', valid);
  }
  if (d?.kind === 'bimodal') {
    checkRange(check, `${path}.fast`, d.fast);
    checkRange(check, `${path}.slow`, d.slow);
    return checkProbability(check, `${path}.slowProbability`, d.slowProbability);
  }
  check(`${path}.kind`, d?.kind, '"uniform", "exponential" or "bimodal"', false);
}

function checkProbability(check: Check, path: string, value: unknown): void {
  check(path, value, 'a number in [0, 1]', typeof value === 'number' && value >= 0 && value <= 1);
}

/** Throws a NetworkConfigError naming the first bad field; returns the config unchanged. */
export function validateNetworkConfig(config: NetworkConfig, where: string): NetworkConfig {
  const preset = (config as Partial<NetworkConfig> | undefined)?.preset;
  const check: Check = (path, value, expected, ok) => {
    if (!ok) throw new NetworkConfigError(where, preset, `${path} is ${JSON.stringify(value)}, expected ${expected}`);
  };
  check('config', config, 'an object', typeof config === 'object' && config !== null);
  check('preset', preset, 'a string', typeof preset === 'string');
  check('swarm', config.swarm, 'a boolean', typeof config.swarm === 'boolean');
  check('latencyMs', config.latencyMs, 'an object', typeof config.latencyMs === 'object' && config.latencyMs !== null);
  for (const op of LATENCY_OPS) checkLatency(check, `latencyMs.${op}`, config.latencyMs[op]);
  checkRange(check, 'pairBaseMs', config.pairBaseMs);
  const buffer = config.sendBufferBytesMax;
  check('sendBufferBytesMax', buffer, 'a positive integer', Number.isInteger(buffer) && buffer > 0);
  const drift = config.clockDrift;
  const offset = drift?.offsetMsMax;
  check('clockDrift.offsetMsMax', offset, 'a finite number >= 0', typeof offset === 'number' && Number.isFinite(offset) && offset >= 0);
  // A rate of 1 or more could stop or reverse a host's clock.
  check('clockDrift.rateMax', drift?.rateMax, 'a number in [0, 1)', typeof drift?.rateMax === 'number' && drift.rateMax >= 0 && drift.rateMax < 1);
  check('faults', config.faults, 'an object', typeof config.faults === 'object' && config.faults !== null);
  for (const family of FAULT_FAMILIES) {
    const setting = config.faults[family];
    check(`faults.${family}`, setting, '{ enabled, probability, durationMs }', typeof setting === 'object' && setting !== null);
    check(`faults.${family}.enabled`, setting.enabled, 'a boolean', typeof setting.enabled === 'boolean');
    checkProbability(check, `faults.${family}.probability`, setting.probability);
    checkRange(check, `faults.${family}.durationMs`, setting.durationMs);
  }
  for (const op of Object.keys(OP_FAULT_FAMILIES) as NetworkOp[]) {
    const families = OP_FAULT_FAMILIES[op].filter((f) => config.faults[f].enabled);
    const total = families.reduce((sum, f) => sum + config.faults[f].probability, 0);
    check(`the probabilities of ${families.join(', ')} (one ${op} can trigger only one)`, total, 'a sum of at most 1', total <= 1);
  }
  return config;
}

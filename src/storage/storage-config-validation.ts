import { STORAGE_FAULT_FAMILIES, STORAGE_LATENCY_OPS, STORAGE_OP_FAULT_FAMILIES, type StorageConfig, type StorageOp } from './storage-config.js';
import { StorageConfigError } from './storage-config-error.js';

type Check = (path: string, value: unknown, expected: string, ok: boolean) => void;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Rejects keys outside `allowed` (a typo would otherwise be silently ignored). */
function checkKeys(check: Check, path: string, value: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    const where = path === '' ? key : `${path}.${key}`;
    check(where, value[key], `no such key (the keys${path === '' ? '' : ` of ${path}`} are ${allowed.join(', ')})`, allowed.includes(key));
  }
}

function checkRange(check: Check, path: string, value: unknown): void {
  const r = value as { min?: unknown; max?: unknown } | undefined;
  check(path, value, '{ min, max } with 0 <= min <= max (finite)', isObject(value));
  checkKeys(check, path, value as Record<string, unknown>, ['min', 'max']);
  const { min, max } = r as { min: unknown; max: unknown };
  const valid = typeof min === 'number' && typeof max === 'number' && Number.isFinite(max) && min >= 0 && min <= max;
  check(path, value, '{ min, max } with 0 <= min <= max (finite)', valid);
}

function checkProbability(check: Check, path: string, value: unknown): void {
  check(path, value, 'a number in [0, 1]', typeof value === 'number' && value >= 0 && value <= 1);
}

function checkLatency(check: Check, path: string, value: unknown): void {
  check(path, value, 'a latency distribution ({ kind: "uniform" | "exponential" | "bimodal", ... })', isObject(value));
  const d = value as Record<string, unknown>;
  if (d.kind === 'uniform') {
    checkKeys(check, path, d, ['kind', 'min', 'max']);
    const valid = typeof d.min === 'number' && typeof d.max === 'number' && Number.isFinite(d.max) && d.min >= 0 && d.min <= d.max;
    return check(path, value, '{ kind: "uniform", min, max } with 0 <= min <= max (finite)', valid);
  }
  if (d.kind === 'exponential') {
    checkKeys(check, path, d, ['kind', 'mean', 'max']);
    const valid = typeof d.mean === 'number' && typeof d.max === 'number' && d.mean >= 0 && Number.isFinite(d.max) && d.max >= d.mean;
    return check(path, value, '{ kind: "exponential", mean, max } with 0 <= mean <= max (finite)', valid);
  }
  if (d.kind === 'bimodal') {
    checkKeys(check, path, d, ['kind', 'fast', 'slow', 'slowProbability']);
    checkRange(check, `${path}.fast`, d.fast);
    checkRange(check, `${path}.slow`, d.slow);
    return checkProbability(check, `${path}.slowProbability`, d.slowProbability);
  }
  check(`${path}.kind`, d.kind, '"uniform", "exponential" or "bimodal"', false);
}

/** Throws a StorageConfigError (a RangeError) naming the first bad key, what it holds and the
 * valid form; returns the config unchanged. */
export function validateStorageConfig(config: StorageConfig, where: string): StorageConfig {
  const preset = (config as Partial<StorageConfig> | undefined)?.preset;
  const check: Check = (path, value, expected, ok) => {
    if (!ok) throw new StorageConfigError(where, preset, `${path} is ${show(value)}, expected ${expected}`);
  };
  check('config', config, 'an object', isObject(config));
  checkKeys(check, '', config as unknown as Record<string, unknown>, ['preset', 'swarm', 'latencyMs', 'faults', 'capacityBytes']);
  check('preset', preset, 'a string', typeof preset === 'string');
  check('swarm', config.swarm, 'a boolean', typeof config.swarm === 'boolean');
  check('latencyMs', config.latencyMs, `an object with ${STORAGE_LATENCY_OPS.join(', ')}`, isObject(config.latencyMs));
  checkKeys(check, 'latencyMs', config.latencyMs, STORAGE_LATENCY_OPS);
  for (const op of STORAGE_LATENCY_OPS) checkLatency(check, `latencyMs.${op}`, config.latencyMs[op]);
  check('faults', config.faults, `an object with ${STORAGE_FAULT_FAMILIES.join(', ')}`, isObject(config.faults));
  checkKeys(check, 'faults', config.faults, STORAGE_FAULT_FAMILIES);
  for (const family of STORAGE_FAULT_FAMILIES) {
    const path = `faults.${family}`;
    const setting = config.faults[family];
    check(path, setting, '{ enabled, probability, durationMs }', isObject(setting));
    checkKeys(check, path, setting as unknown as Record<string, unknown>, ['enabled', 'probability', 'durationMs']);
    check(`${path}.enabled`, setting.enabled, 'a boolean', typeof setting.enabled === 'boolean');
    checkProbability(check, `${path}.probability`, setting.probability);
    checkRange(check, `${path}.durationMs`, setting.durationMs);
  }
  for (const op of Object.keys(STORAGE_OP_FAULT_FAMILIES) as StorageOp[]) {
    const families = STORAGE_OP_FAULT_FAMILIES[op].filter((f) => config.faults[f].enabled);
    const total = families.reduce((sum, f) => sum + config.faults[f].probability, 0);
    check(`the probabilities of ${families.join(', ')} (one ${op} operation can trigger only one)`, total, 'a sum of at most 1', total <= 1);
  }
  const capacity = config.capacityBytes;
  check('capacityBytes', capacity, 'a positive safe integer (bytes)', Number.isSafeInteger(capacity) && capacity > 0);
  return config;
}

/** JSON.stringify turns NaN and Infinity into null; say what they are. */
function show(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
  } catch {
    return String(value);
  }
}

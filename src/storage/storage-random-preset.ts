import { invariant } from '../core/assert.js';
import type { RngStream } from '../core/rng.js';
import { PAGE_SIZE } from './disk-geometry.js';
import { STORAGE_FAULT_FAMILIES, type StorageConfig } from './storage-config.js';
import { validateStorageConfig } from './storage-config-validation.js';

/** Between `low` and `high` at `t` in [0, 1]: geometric for positive pairs (a probability spread
 * over decades is explored evenly), linear otherwise. Both trees must share a shape. */
function interpolate<T>(low: T, high: T, t: number): T {
  if (typeof low === 'number' && typeof high === 'number') {
    return (low > 0 && high > 0 ? low * (high / low) ** t : low + (high - low) * t) as T;
  }
  if (typeof low === 'object' && low !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(low)) out[key] = interpolate(value, (high as Record<string, unknown>)[key], t);
    return out as T;
  }
  invariant(low === high, `random storage preset: default and hostile differ in a non-numeric field (${String(low)} vs ${String(high)})`);
  return low;
}

/** The `random` preset: one severity for the latencies; for each fault family (in their fixed
 * order) whether it is on (1/2) and its severity; then the capacity. Severities lie between
 * `low` (default) and `high` (hostile). Always the same number of draws. */
export function drawRandomStorageConfig(low: StorageConfig, high: StorageConfig, rng: RngStream): StorageConfig {
  const config: StorageConfig = {
    preset: 'random',
    swarm: false,
    latencyMs: interpolate(low.latencyMs, high.latencyMs, rng.float()),
    faults: { ...low.faults },
    capacityBytes: 0,
  };
  for (const family of STORAGE_FAULT_FAMILIES) {
    const enabled = rng.bool(0.5);
    config.faults[family] = { ...interpolate(low.faults[family], high.faults[family], rng.float()), enabled };
  }
  const capacity = interpolate(low.capacityBytes, high.capacityBytes, rng.float());
  config.capacityBytes = Math.max(PAGE_SIZE, Math.round(capacity / PAGE_SIZE) * PAGE_SIZE);
  return validateStorageConfig(config, 'random storage preset');
}

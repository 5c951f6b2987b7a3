import { invariant } from '../core/assert.js';
import type { RngStream } from '../core/rng.js';
import { latencyMsMax } from '../network/latency.js';
import { drawnSeverity } from '../network/random-preset.js';
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

/** What a `random` config drew, as severities from 0 (default) to 1 (hostile), one per draw of
 * drawRandomStorageConfig read back from the values; a family drawn (or swarmed) off is `off`.
 * `capacity` is approximate (the drawn size was rounded to pages). */
export function describeRandomStorageDraws(config: StorageConfig, low: StorageConfig, high: StorageConfig): string {
  const two = (t: number) => t.toFixed(2);
  const latency = drawnSeverity(latencyMsMax(config.latencyMs.read), latencyMsMax(low.latencyMs.read), latencyMsMax(high.latencyMs.read));
  const parts = [`latency ${two(latency)}`];
  for (const family of STORAGE_FAULT_FAMILIES) {
    const drawn = config.faults[family];
    parts.push(`${family} ${drawn.enabled ? two(drawnSeverity(drawn.probability, low.faults[family].probability, high.faults[family].probability)) : 'off'}`);
  }
  parts.push(`capacity ${two(drawnSeverity(config.capacityBytes, low.capacityBytes, high.capacityBytes))}`);
  return `severity from 0 (default) to 1 (hostile): ${parts.join(', ')}`;
}

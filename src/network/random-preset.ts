import { invariant } from '../core/assert.js';
import type { RngStream } from '../core/rng.js';
import { validateNetworkConfig } from './config-validation.js';
import { FAULT_FAMILIES, type NetworkConfig } from './network-config.js';

/** Between `low` and `high` at `t` in [0, 1]: geometric for positive pairs (so a probability
 * spread over decades is explored evenly), linear otherwise. Both trees must share a shape. */
function interpolate<T>(low: T, high: T, t: number): T {
  if (typeof low === 'number' && typeof high === 'number') {
    const value = low > 0 && high > 0 ? low * (high / low) ** t : low + (high - low) * t;
    return value as T;
  }
  if (typeof low === 'object' && low !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(low)) {
      out[key] = interpolate(value, (high as Record<string, unknown>)[key], t);
    }
    return out as T;
  }
  invariant(low === high, `random preset: default and hostile differ in a non-numeric field (${String(low)} vs ${String(high)})`);
  return low;
}

/** The `random` preset: each seed draws a severity between `low` (default) and `high` (hostile)
 * for the latencies, for the drift bounds and for each fault family separately. */
export function drawRandomConfig(low: NetworkConfig, high: NetworkConfig, rng: RngStream): NetworkConfig {
  const latency = rng.float();
  const config: NetworkConfig = {
    preset: 'random',
    swarm: false,
    latencyMs: interpolate(low.latencyMs, high.latencyMs, latency),
    pairBaseMs: interpolate(low.pairBaseMs, high.pairBaseMs, latency),
    sendBufferBytesMax: Math.round(interpolate(low.sendBufferBytesMax, high.sendBufferBytesMax, rng.float())),
    clockDrift: interpolate(low.clockDrift, high.clockDrift, rng.float()),
    faults: { ...low.faults },
  };
  for (const family of FAULT_FAMILIES) {
    config.faults[family] = interpolate(low.faults[family], high.faults[family], rng.float());
  }
  return validateNetworkConfig(config, 'random preset');
}

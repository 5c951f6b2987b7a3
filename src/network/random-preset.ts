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

/** The `t` that `interpolate` drew `value` at between `low` and `high`, in [0, 1] (0 when they
 * are equal): how severe a `random` draw was, 0 being default and 1 hostile. */
export function drawnSeverity(value: number, low: number, high: number): number {
  if (low === high) return 0;
  const t = low > 0 && high > 0 && value > 0 ? Math.log(value / low) / Math.log(high / low) : (value - low) / (high - low);
  return Math.min(1, Math.max(0, t));
}

/** What a `random` config drew, as severities (`latency 0.42, sendBuffer 0.70, ..., partition
 * off`): one per draw of drawRandomConfig, read back from the values; a family swarm switched
 * off is `off`. `sendBuffer` is approximate (the drawn size was rounded to bytes). */
export function describeRandomDraws(config: NetworkConfig, low: NetworkConfig, high: NetworkConfig): string {
  const two = (t: number) => t.toFixed(2);
  const parts = [
    `latency ${two(drawnSeverity(config.pairBaseMs.max, low.pairBaseMs.max, high.pairBaseMs.max))}`,
    `sendBuffer ${two(drawnSeverity(config.sendBufferBytesMax, low.sendBufferBytesMax, high.sendBufferBytesMax))}`,
    `clockDrift ${two(drawnSeverity(config.clockDrift.rateMax, low.clockDrift.rateMax, high.clockDrift.rateMax))}`,
  ];
  for (const family of FAULT_FAMILIES) {
    const drawn = config.faults[family];
    parts.push(`${family} ${drawn.enabled ? two(drawnSeverity(drawn.probability, low.faults[family].probability, high.faults[family].probability)) : 'off'}`);
  }
  return `severity from 0 (default) to 1 (hostile): ${parts.join(', ')}`;
}

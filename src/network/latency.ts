import type { RngStream } from '../core/rng.js';
import type { LatencyDistribution, Range } from './network-config.js';

/** A uniform draw in the range; a fixed range (min = max) draws nothing. */
export function drawInRange(range: Range, rng: RngStream): number {
  return range.min === range.max ? range.min : rng.between(range.min, range.max);
}

export function sampleLatencyMs(distribution: LatencyDistribution, rng: RngStream): number {
  switch (distribution.kind) {
    case 'uniform':
      return drawInRange(distribution, rng);
    case 'exponential':
      // Inverse CDF, capped so one draw cannot stall a seed for ever.
      return Math.min(distribution.max, -distribution.mean * Math.log(1 - rng.float()));
    case 'bimodal':
      return drawInRange(rng.bool(distribution.slowProbability) ? distribution.slow : distribution.fast, rng);
  }
}

/** The distribution's mean (the exponential one ignoring its cap), for comparing presets. */
export function latencyMeanMs(distribution: LatencyDistribution): number {
  switch (distribution.kind) {
    case 'uniform':
      return (distribution.min + distribution.max) / 2;
    case 'exponential':
      return distribution.mean;
    case 'bimodal': {
      const { fast, slow, slowProbability: p } = distribution;
      return (1 - p) * ((fast.min + fast.max) / 2) + p * ((slow.min + slow.max) / 2);
    }
  }
}

/** The largest value the distribution can draw. */
export function latencyMsMax(distribution: LatencyDistribution): number {
  return distribution.kind === 'bimodal' ? Math.max(distribution.fast.max, distribution.slow.max) : distribution.max;
}

export function describeLatency(distribution: LatencyDistribution): string {
  switch (distribution.kind) {
    case 'uniform':
      return `uniform ${distribution.min}..${distribution.max}`;
    case 'exponential':
      return `exponential mean ${distribution.mean} max ${distribution.max}`;
    case 'bimodal': {
      const { fast, slow, slowProbability } = distribution;
      return `bimodal fast ${fast.min}..${fast.max} slow ${slow.min}..${slow.max} p(slow)=${slowProbability}`;
    }
  }
}

import type { RandomProvider } from '../providers/random-provider.js';

export interface BackoffOptions {
  /** Delay before the first retry, and the floor of every delay. */
  backoffMsMin?: number;
  /** Ceiling of every delay. */
  backoffMsMax?: number;
  /** Growth factor of the delay per consecutive failure. */
  backoffMultiplier?: number;
  /** Each delay is spread by up to this fraction either way, so many clients do not retry in step. */
  backoffJitter?: number;
}

export const BACKOFF_DEFAULTS: Required<BackoffOptions> = {
  backoffMsMin: 10,
  backoffMsMax: 2000,
  backoffMultiplier: 2,
  backoffJitter: 0.2,
};

/** Exponential backoff with jitter: the n-th consecutive delay is
 * `min(max, min * multiplier^n)` spread by ±jitter, then clamped to [min, max]. */
export class Backoff {
  readonly msMin: number;
  readonly msMax: number;
  readonly multiplier: number;
  readonly jitter: number;
  /** Consecutive failures since the last reset. */
  attempts = 0;

  constructor(private readonly random: RandomProvider, options: BackoffOptions = {}) {
    const o = { ...BACKOFF_DEFAULTS, ...options };
    if (!(o.backoffMsMin >= 0 && o.backoffMsMax >= o.backoffMsMin && Number.isFinite(o.backoffMsMax))) {
      throw new RangeError(
        `ClientTransport options: expected 0 <= backoffMsMin <= backoffMsMax (finite), got ${o.backoffMsMin} and ${o.backoffMsMax}`,
      );
    }
    if (!(o.backoffMultiplier >= 1) || !(o.backoffJitter >= 0 && o.backoffJitter <= 1)) {
      throw new RangeError(
        `ClientTransport options: expected backoffMultiplier >= 1 and 0 <= backoffJitter <= 1, got ${o.backoffMultiplier} and ${o.backoffJitter}`,
      );
    }
    this.msMin = o.backoffMsMin;
    this.msMax = o.backoffMsMax;
    this.multiplier = o.backoffMultiplier;
    this.jitter = o.backoffJitter;
  }

  /** The delay before the next retry; counts one more failure. */
  next(): number {
    // Iterated rather than `min * multiplier ** attempts`, which overflows to NaN when min is 0.
    let base = this.msMin;
    for (let i = 0; i < this.attempts && base > 0 && base < this.msMax; i++) base *= this.multiplier;
    base = Math.min(this.msMax, base);
    this.attempts++;
    const spread = 1 + this.jitter * (2 * this.random.random() - 1);
    return Math.min(this.msMax, Math.max(this.msMin, base * spread));
  }

  reset(): void {
    this.attempts = 0;
  }
}

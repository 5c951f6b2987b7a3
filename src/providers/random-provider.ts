import { pickWith, shuffleWith } from '../core/sampling.js';

/** Randomness as the application sees it: seeded in a SimWorld, crypto in production. */
export abstract class RandomProvider {
  /** Uniform float in [0, 1). */
  abstract random(): number;

  /** Uniform integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    if (!(Number.isInteger(lo) && Number.isInteger(hi) && lo <= hi)) {
      throw new RangeError(`int(${lo}, ${hi}): expected integers with lo <= hi`);
    }
    return lo + Math.floor(this.random() * (hi - lo + 1));
  }

  /** True with probability `p`. */
  bool(p = 0.5): boolean {
    return this.random() < p;
  }

  pick<T>(items: readonly T[]): T {
    return pickWith((lo, hi) => this.int(lo, hi), items);
  }

  /** A shuffled copy (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    return shuffleWith((lo, hi) => this.int(lo, hi), items);
  }
}

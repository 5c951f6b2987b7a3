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
    if (items.length === 0) throw new RangeError('pick(): the array is empty');
    return items[this.int(0, items.length - 1)];
  }

  /** A shuffled copy (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

import type { RngStream } from '../core/rng.js';
import { RandomProvider } from './random-provider.js';

/** Seeded randomness: one of the world's independent streams (pure-rand xoroshiro128+). */
export class SimRandomProvider extends RandomProvider {
  constructor(private readonly stream: RngStream) {
    super();
  }

  random(): number {
    return this.stream.float();
  }

  override int(lo: number, hi: number): number {
    if (!(Number.isInteger(lo) && Number.isInteger(hi) && lo <= hi)) {
      throw new RangeError(`int(${lo}, ${hi}): expected integers with lo <= hi`);
    }
    return this.stream.int(lo, hi);
  }
}

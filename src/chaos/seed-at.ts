import { isValidSeed, SEED_MAX } from '../core/rng.js';
import { fmix32 } from './hash.js';

const GOLDEN_GAMMA_32 = 0x9e3779b9;

/** The `index`-th seed of a run started from `baseSeed` (splitmix style: a Weyl step then a
 * finalizer). For one base seed the first 2^32 indices give distinct unsigned 32-bit seeds,
 * because both steps are bijections. Part of the replay contract: pinned by a snapshot test. */
export function seedAt(baseSeed: number, index: number): number {
  if (!isValidSeed(baseSeed)) {
    throw new RangeError(`seedAt: base seed ${baseSeed} is not an integer in 0..${SEED_MAX}; pass an unsigned 32-bit seed.`);
  }
  if (!Number.isSafeInteger(index) || index < 0) {
    throw new RangeError(`seedAt: index ${index} is not a non-negative integer; seeds are numbered 0, 1, 2, ...`);
  }
  return fmix32(baseSeed + Math.imul(index + 1, GOLDEN_GAMMA_32));
}

// Which value of a numeric assertion is the best seen: the one closest to failing an always-form
// (so an exploration can push it over), and the one closest to, or furthest past, holding a
// sometimes-form. Compared by margin to the bound, so calls with different bounds compare too.
import type { CoverageKind, NumericBest } from './coverage.js';

/** +1 where a larger value is better, -1 where a smaller one is. */
const DIRECTION: Partial<Record<CoverageKind, 1 | -1>> = {
  'always-less-than': 1,
  'always-less-than-or-equal': 1,
  'always-greater-than': -1,
  'always-greater-than-or-equal': -1,
  'sometimes-less-than': -1,
  'sometimes-greater-than': 1,
};

/** Higher is better; NaN (a NaN value or bound) is never better than anything. */
export function bestScore(kind: CoverageKind, value: number, bound: number): number {
  const direction = DIRECTION[kind];
  if (direction === undefined) throw new RangeError(`bestScore: ${kind} is not a numeric assertion kind`);
  return direction * (value - bound);
}

/** Whether `candidate` beats `incumbent` (undefined: nothing yet). */
export function isBetter(kind: CoverageKind, candidate: NumericBest, incumbent: NumericBest | undefined): boolean {
  if (incumbent === undefined) return !Number.isNaN(bestScore(kind, candidate.value, candidate.bound));
  return bestScore(kind, candidate.value, candidate.bound) > bestScore(kind, incumbent.value, incumbent.bound);
}

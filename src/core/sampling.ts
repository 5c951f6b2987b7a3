// Picking and shuffling on top of any uniform integer source, shared by the RNG streams and the
// random providers so both draw identically.

/** A uniform integer in [lo, hi], both included. */
export type IntSource = (lo: number, hi: number) => number;

export function pickWith<T>(int: IntSource, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('pick(): the array is empty');
  return items[int(0, items.length - 1)];
}

/** A shuffled copy (Fisher-Yates). */
export function shuffleWith<T>(int: IntSource, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// Array.prototype.map returns a PACKED array when its builtin runs and a HOLEY one when TurboFan
// inlines it, so an array a seed builds with map changes elements kind (its hidden map) when the
// function building it tiers up or deopts, hundreds of seeds into a run, and every optimized
// function reading it then deopts with "wrong map" and is compiled again. Arrays built per seed
// and read by hot code use mapPacked: push makes a PACKED array either way.

/** `items.map(fn)`, always with PACKED elements. */
export function mapPacked<T, U>(items: readonly T[], fn: (item: T, index: number) => U): U[] {
  const out: U[] = [];
  for (let index = 0; index < items.length; index++) out.push(fn(items[index], index));
  return out;
}

// Engine-internal assertions (TigerBeetle style): a failed one is a bug in moonpool itself,
// never in the user's workload, so it throws a plain Error with the broken invariant named.
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`moonpool internal invariant broken: ${message}`);
}

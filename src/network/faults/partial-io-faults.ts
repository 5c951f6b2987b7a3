import type { NetworkCore } from '../network-core.js';

const PIECES_MAX = 4;

/** Partial write: the bytes of one write leave as 2 to 4 pieces, each with its own latency.
 * Returns the bytes whole when they are too short to split. */
export function splitWrite(bytes: Uint8Array, core: NetworkCore, fromIp: string, toIp: string): Uint8Array | Uint8Array[] {
  if (bytes.length < 2) return bytes;
  const pieces = core.rng.int(2, Math.min(PIECES_MAX, bytes.length));
  const cuts = new Set<number>();
  while (cuts.size < pieces - 1) cuts.add(core.rng.int(1, bytes.length - 1));
  const out: Uint8Array[] = [];
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    out.push(bytes.subarray(start, cut));
    start = cut;
  }
  out.push(bytes.subarray(start));
  const text = () => `partialWrite ${fromIp} → ${toIp} ${bytes.length} B in ${out.length} pieces`;
  return core.chaos.admit('partialWrite', fromIp, text) ? out : bytes;
}

/** Partial read: how many of `length` buffered bytes this read returns (1 to length - 1), or
 * `length` when a single byte cannot be split. */
export function partialReadLength(length: number, core: NetworkCore, toIp: string): number {
  if (length < 2) return length;
  const taken = core.rng.int(1, length - 1);
  return core.chaos.admit('partialRead', toIp, () => `partialRead at ${toIp}: ${taken} of ${length} B`) ? taken : length;
}

import type { NetworkCore } from '../network-core.js';

/** Corrupts one bit of a delivered chunk in place (the chunk is the network's own copy). */
export function flipRandomBit(bytes: Uint8Array, core: NetworkCore): void {
  if (bytes.length === 0) return;
  const index = core.rng.int(0, bytes.length - 1);
  bytes[index] ^= 1 << core.rng.int(0, 7);
  core.chaos.count('bitFlip');
}

import type { NetworkCore } from '../network-core.js';

/** Corrupts one bit of a delivered chunk in place (the chunk is the network's own copy). */
export function flipRandomBit(bytes: Uint8Array, core: NetworkCore, fromIp: string, toIp: string): void {
  if (bytes.length === 0) return;
  const index = core.rng.int(0, bytes.length - 1);
  const bit = core.rng.int(0, 7);
  if (core.chaos.admit('bitFlip', toIp, () => `bitFlip ${fromIp} → ${toIp} byte ${index} of ${bytes.length}, bit ${bit}`)) bytes[index] ^= 1 << bit;
}

import type { RngStream } from '../core/rng.js';
import { sampleLatencyMs } from './latency.js';
import type { LatencyOp, NetworkConfig } from './network-config.js';

/** FNV-1a of the pair and the salt, as a fraction in [0, 1). */
function pairFraction(salt: number, a: string, b: string): number {
  let hash = 0x811c9dc5 ^ salt;
  const key = a < b ? `${a}|${b}` : `${b}|${a}`;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 15;
  hash = Math.imul(hash, 0x2c1b3c6d);
  hash ^= hash >>> 12;
  return (hash >>> 0) / 0x1_0000_0000;
}

/** Latency of one operation between two hosts: the pair's fixed base plus a draw from the
 * operation's distribution. The base comes from a hash of the pair and a salt drawn once per
 * seed, so it does not depend on which pair happens to talk first. */
export class LatencyModel {
  /** Bases by one host, then the other: nested maps, so a lookup builds no key string. */
  private readonly pairBases = new Map<string, Map<string, number>>();

  constructor(
    private readonly config: NetworkConfig,
    readonly pairSalt: number,
    private readonly rng: RngStream,
  ) {}

  pairBaseMs(a: string, b: string): number {
    let bases = this.pairBases.get(a);
    if (bases === undefined) {
      bases = new Map();
      this.pairBases.set(a, bases);
    }
    let base = bases.get(b);
    if (base === undefined) {
      const { min, max } = this.config.pairBaseMs;
      base = min + (max - min) * pairFraction(this.pairSalt, a, b);
      bases.set(b, base);
    }
    return base;
  }

  sampleMs(op: LatencyOp, from: string, to: string): number {
    return this.pairBaseMs(from, to) + this.drawMs(op);
  }

  /** The operation's draw alone, for callers that keep the pair's base (a pipe has one pair).
   * Named reads, not latencyMs[op]: a keyed read is recompiled whenever a new op first shows up. */
  drawMs(op: LatencyOp): number {
    const latency = this.config.latencyMs;
    switch (op) {
      case 'delivery':
        return sampleLatencyMs(latency.delivery, this.rng);
      case 'close':
        return sampleLatencyMs(latency.close, this.rng);
      case 'connect':
        return sampleLatencyMs(latency.connect, this.rng);
      case 'accept':
        return sampleLatencyMs(latency.accept, this.rng);
    }
  }
}

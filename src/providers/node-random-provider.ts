import { randomBytes } from 'node:crypto';
import { RandomProvider } from './random-provider.js';

const POOL_WORDS = 1024;

/** Cryptographic randomness (production), drawn from a pooled crypto buffer. */
export class NodeRandomProvider extends RandomProvider {
  private pool = new Uint32Array(0);
  private next = 0;

  random(): number {
    if (this.next + 2 > this.pool.length) {
      const bytes = randomBytes(POOL_WORDS * 4);
      this.pool = new Uint32Array(bytes.buffer, bytes.byteOffset, POOL_WORDS);
      this.next = 0;
    }
    // 53 random bits: 27 from one word and 26 from the next, as in fast-check's uniformFloat64.
    const high = this.pool[this.next++] >>> 5;
    const low = this.pool[this.next++] >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }
}

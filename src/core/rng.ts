import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';
import { invariant } from './assert.js';
import { pickWith, shuffleWith } from './sampling.js';
import type { TraceHash } from './trace.js';

/** Seeds are unsigned 32-bit integers: pure-rand's xoroshiro128plus folds wider seeds. */
export const SEED_MAX = 0xffffffff;

export function isValidSeed(seed: number): boolean {
  return Number.isInteger(seed) && seed >= 0 && seed <= SEED_MAX;
}

/** splitmix32: expands a seed into well-mixed state words (pure-rand's own seeding puts the raw
 * seed in the state, which leaves the first draws of nearby seeds correlated). */
function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [next, (z ^ (z >>> 16)) | 0];
}

function seededGenerator(seed: number): JumpableRandomGenerator {
  const words: number[] = [];
  let state = seed | 0;
  for (let i = 0; i < 4; i++) {
    const [next, word] = splitmix32(state);
    state = next;
    words.push(word);
  }
  // xoroshiro's state must not be all zero; splitmix32 outputs never all are for one seed.
  invariant(words.some((w) => w !== 0), `seed ${seed} expanded to an all-zero state`);
  return xoroshiro128plusFromState(words);
}

/** The purposes with their own independent stream, each at its fixed slot: stream k is the base
 * generator jumped k times, and k is mixed into the trace with every draw. A new stream takes the
 * next free slot, so every existing stream (and so every old seed) draws as before. Slots 3 and 5
 * belonged to streams nothing drew from and stay empty for the same reason. */
const STREAM_SLOTS = { user: 0, network: 1, buggify: 2, config: 4, attrition: 6, storage: 7, mathRandom: 8, crypto: 9 } as const;
export type StreamName = keyof typeof STREAM_SLOTS;
export const STREAM_NAMES = Object.keys(STREAM_SLOTS) as readonly StreamName[];
const SLOTS = 10;

/** After event `afterEvent` (its index), the SPLIT_STREAMS draw from `seed`. */
export interface Split {
  afterEvent: number;
  seed: number;
}

/** The streams a child timeline draws afresh from its own seed once it splits from its parent
 * (`--strategy explore`): the chaos (network, buggify, attrition, storage) and the workload's
 * randomness (its RandomProvider, the guard's Math.random and crypto). `config` (drawn once per
 * seed) goes on as in the parent. */
export const SPLIT_STREAMS: readonly StreamName[] = ['user', 'network', 'buggify', 'attrition', 'storage', 'mathRandom', 'crypto'];

/** One generator per slot: the seed's base generator jumped k times for slot k. */
function streamGenerators(seed: number): JumpableRandomGenerator[] {
  const base = seededGenerator(seed);
  const generators: JumpableRandomGenerator[] = [];
  for (let slot = 0; slot < SLOTS; slot++) {
    generators.push(base.clone());
    base.jump();
  }
  return generators;
}

/** One independent stream of a seed; every draw is mixed into the world's trace. */
export class RngStream {
  draws = 0;

  constructor(
    readonly name: string,
    private generator: JumpableRandomGenerator,
    private readonly trace: TraceHash | undefined,
    private readonly streamId: number,
  ) {}

  /** Draws from `generator` from now on (a child timeline's split); the stream object stays, so
   * whoever holds it (the network, a RandomProvider) draws the new values. */
  redirect(generator: JumpableRandomGenerator): void {
    this.generator = generator;
  }

  private note(value: number): number {
    this.draws++;
    if (this.trace !== undefined) {
      this.trace.mixInt(this.streamId);
      this.trace.mixFloat(value);
    }
    return value;
  }

  /** Uniform float in [0, 1). */
  float(): number {
    return this.note(uniformFloat64(this.generator));
  }

  /** Uniform integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    invariant(Number.isInteger(lo) && Number.isInteger(hi) && lo <= hi, `int(${lo}, ${hi}) needs integers lo <= hi`);
    return this.note(uniformInt(this.generator, lo, hi));
  }

  bool(probability = 0.5): boolean {
    return this.float() < probability;
  }

  /** Uniform float in [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.float();
  }

  pick<T>(items: readonly T[]): T {
    return pickWith((lo, hi) => this.int(lo, hi), items);
  }

  /** Fisher-Yates shuffle of a copy. */
  shuffle<T>(items: readonly T[]): T[] {
    return shuffleWith((lo, hi) => this.int(lo, hi), items);
  }
}

/** The streams of one seed. Each is the base generator jumped k times, so a draw added in one
 * stream never reshuffles another. */
export class RngStreams {
  private readonly streams = new Map<string, RngStream>();

  constructor(readonly seed: number, trace?: TraceHash) {
    invariant(isValidSeed(seed), `seed ${seed} is not an unsigned 32-bit integer`);
    const generators = streamGenerators(seed);
    for (const name of STREAM_NAMES) this.streams.set(name, new RngStream(name, generators[STREAM_SLOTS[name]], trace, STREAM_SLOTS[name]));
  }

  /** A child timeline splits off here: each of SPLIT_STREAMS draws from now on what the same
   * stream of `childSeed` draws from its start; the other streams go on unchanged. */
  split(childSeed: number): void {
    invariant(isValidSeed(childSeed), `child seed ${childSeed} is not an unsigned 32-bit integer`);
    const generators = streamGenerators(childSeed);
    for (const name of SPLIT_STREAMS) this.get(name).redirect(generators[STREAM_SLOTS[name]]);
  }

  get(name: StreamName): RngStream {
    const stream = this.streams.get(name);
    invariant(stream !== undefined, `unknown stream ${name}`);
    return stream;
  }

  get user(): RngStream { return this.get('user'); }
  get network(): RngStream { return this.get('network'); }
  get buggify(): RngStream { return this.get('buggify'); }
  get config(): RngStream { return this.get('config'); }
  /** Process attrition: which process goes down, when, how and for how long. */
  get attrition(): RngStream { return this.get('attrition'); }
  /** Simulated disks: their config (random, swarm), faults, latencies and crash outcomes. */
  get storage(): RngStream { return this.get('storage'); }
  /** The guard's Math.random: its own stream, so a dependency calling it leaves the providers' draws alone. */
  get mathRandom(): RngStream { return this.get('mathRandom'); }
  /** The guard's node:crypto and Web Crypto randomness (randomBytes, randomUUID, getRandomValues...). */
  get crypto(): RngStream { return this.get('crypto'); }
}

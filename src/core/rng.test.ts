import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RngStreams, SEED_MAX, SPLIT_STREAMS, STREAM_NAMES, isValidSeed } from './rng.js';

// Pinned output: a change here changes what every printed seed replays, so it must be deliberate.
// `attrition`, `storage`, then `mathRandom` and `crypto` (the guard's) were added after the others:
// the streams pinned before them kept their values. Slots 3 and 5 (`scheduling`, `workload`, never
// drawn from) were retired without moving the others.
const SNAPSHOT: Record<number, Record<string, number[]>> = {
  0: {
    user: [832542,  797433,  49228,  936892,  837753],
    network: [107566,  172390,  789132,  95159,  309895],
    buggify: [872807,  703290,  823086,  443964,  729841],
    config: [247303,  657225,  210770,  712154,  522341],
    attrition: [981985,  693499,  685363,  457338,  780562],
    storage: [176796,  624989,  938816,  455034,  310017],
    mathRandom: [523097,  945658,  256050,  715934,  15855],
    crypto: [860764,  702993,  959575,  136007,  285313],
  },
  42: {
    user: [597706,  499560,  989119,  960667,  125409],
    network: [603380,  289899,  420023,  7793,  547984],
    buggify: [626341,  176487,  774181,  528617,  499342],
    config: [259940,  618151,  349607,  577899,  240968],
    attrition: [871751,  38118,  838375,  476826,  931895],
    storage: [622700,  596777,  174987,  683462,  759518],
    mathRandom: [826927,  754997,  605158,  713760,  100422],
    crypto: [263995,  68613,  373982,  368970,  494784],
  },
  3735928559: {
    user: [220428,  372123,  177104,  680036,  359345],
    network: [610191,  467545,  811270,  321274,  583707],
    buggify: [619404,  180339,  44852,  586616,  655829],
    config: [766051,  925121,  529599,  499620,  360846],
    attrition: [972353,  903514,  506133,  803157,  786346],
    storage: [340420,  119995,  149,  789724,  679835],
    mathRandom: [19214,  384310,  323955,  350262,  33249],
    crypto: [518273,  551526,  787566,  638837,  874562],
  },
};

function draw(seed: number): Record<string, number[]> {
  const streams = new RngStreams(seed);
  const out: Record<string, number[]> = {};
  for (const name of ['user', 'network', 'buggify', 'config', 'attrition', 'storage', 'mathRandom', 'crypto'] as const) {
    out[name] = Array.from({ length: 5 }, () => streams.get(name).int(0, 1_000_000));
  }
  return out;
}

test('RNG output per seed and stream is pinned', () => {
  for (const seed of Object.keys(SNAPSHOT).map(Number)) {
    assert.deepEqual(draw(seed), SNAPSHOT[seed], `seed ${seed}: RNG output changed; every printed seed would replay differently`);
  }
});

test('a draw added in one stream does not reshuffle another', () => {
  const a = new RngStreams(7);
  const b = new RngStreams(7);
  for (let i = 0; i < 100; i++) b.user.float();
  assert.deepEqual(
    Array.from({ length: 10 }, () => a.network.int(0, 1e9)),
    Array.from({ length: 10 }, () => b.network.int(0, 1e9)),
  );
});

test('streams of one seed differ, and seeds differ', () => {
  const s = new RngStreams(1);
  const t = new RngStreams(2);
  const first = (x: RngStreams, n: 'user' | 'network') => Array.from({ length: 4 }, () => x.get(n).int(0, 1e9));
  assert.notDeepEqual(first(new RngStreams(1), 'user'), first(new RngStreams(1), 'network'));
  assert.notDeepEqual(first(s, 'user'), first(t, 'user'));
});

test('the seed width is unsigned 32-bit and enforced', () => {
  assert.ok(isValidSeed(0) && isValidSeed(SEED_MAX));
  assert.ok(!isValidSeed(-1) && !isValidSeed(SEED_MAX + 1) && !isValidSeed(1.5));
  assert.throws(() => new RngStreams(SEED_MAX + 1), /unsigned 32-bit/);
});

test('nearby seeds give uncorrelated first draws', () => {
  const firsts = Array.from({ length: 64 }, (_, seed) => new RngStreams(seed).user.int(0, 99));
  const ascending = firsts.filter((v, i) => i > 0 && v > firsts[i - 1]).length;
  assert.ok(new Set(firsts).size > 30, `first draws of seeds 0..63 barely vary: ${firsts}`);
  assert.ok(ascending > 15 && ascending < 48, `first draws of seeds 0..63 follow the seed: ${firsts}`);
});

test('distributions stay in range', () => {
  const r = new RngStreams(99).user;
  for (let i = 0; i < 10_000; i++) {
    const v = r.int(-3, 3);
    assert.ok(v >= -3 && v <= 3);
    const f = r.float();
    assert.ok(f >= 0 && f < 1);
  }
  assert.deepEqual(r.shuffle([1, 2, 3, 4, 5]).sort(), [1, 2, 3, 4, 5]);
});

test('a split redirects the chaos and workload streams to the child seed; config goes on', () => {
  const parent = new RngStreams(42);
  const untouched = new RngStreams(42);
  const child = new RngStreams(7);
  // The parent's history before the split: the split streams draw the child's from its start.
  for (const name of STREAM_NAMES) {
    parent.get(name).int(0, 1_000_000);
    untouched.get(name).int(0, 1_000_000);
  }
  parent.split(7);
  for (const name of STREAM_NAMES) {
    const expected = SPLIT_STREAMS.includes(name) ? child.get(name) : untouched.get(name);
    assert.deepEqual(
      Array.from({ length: 5 }, () => parent.get(name).int(0, 1_000_000)),
      Array.from({ length: 5 }, () => expected.int(0, 1_000_000)),
      `stream ${name} after a split to seed 7`,
    );
  }
  assert.deepEqual([...SPLIT_STREAMS].sort(), ['attrition', 'buggify', 'crypto', 'mathRandom', 'network', 'storage', 'user'], 'which streams split is part of every recipe: changing it changes what recipes replay');
  // Pinned: a recipe printed today replays the same draws tomorrow.
  const pinned = new RngStreams(0);
  pinned.split(3735928559);
  assert.deepEqual(Array.from({ length: 3 }, () => pinned.user.int(0, 1_000_000)), SNAPSHOT[3735928559].user.slice(0, 3));
  assert.throws(() => pinned.split(-1), /unsigned 32-bit/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RngStreams } from '../core/rng.js';
import { latencyMsMax, latencyMeanMs, sampleLatencyMs } from './latency.js';
import { LatencyModel } from './latency-model.js';
import type { LatencyDistribution } from './network-config.js';
import { networkPreset } from './presets.js';

const range = fc
  .tuple(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }))
  .map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) }));

const distribution: fc.Arbitrary<LatencyDistribution> = fc.oneof(
  range.map((r) => ({ kind: 'uniform' as const, ...r })),
  range.map((r) => ({ kind: 'exponential' as const, mean: r.min, max: r.max })),
  fc.tuple(range, range, fc.double({ min: 0, max: 1, noNaN: true })).map(([fast, slow, slowProbability]) => ({
    kind: 'bimodal' as const,
    fast,
    slow,
    slowProbability,
  })),
);

test('property: every draw lies between 0 and the distribution maximum', () => {
  fc.assert(
    fc.property(distribution, fc.integer({ min: 0, max: 0xffffffff }), (d, seed) => {
      const rng = new RngStreams(seed).network;
      for (let i = 0; i < 50; i++) {
        const ms = sampleLatencyMs(d, rng);
        assert.ok(ms >= 0 && ms <= latencyMsMax(d), `seed ${seed}: ${ms} ms outside [0, ${latencyMsMax(d)}]`);
      }
    }),
  );
});

test('sample means match the declared means; the bimodal tail shows up at its rate', () => {
  const rng = new RngStreams(7).network;
  const cases: LatencyDistribution[] = [
    { kind: 'uniform', min: 1, max: 3 },
    { kind: 'exponential', mean: 2, max: 1000 },
    { kind: 'bimodal', fast: { min: 0.5, max: 3 }, slow: { min: 10, max: 50 }, slowProbability: 0.1 },
  ];
  for (const d of cases) {
    let sum = 0;
    let slow = 0;
    for (let i = 0; i < 20_000; i++) {
      const ms = sampleLatencyMs(d, rng);
      sum += ms;
      if (ms >= 10) slow++;
    }
    const mean = sum / 20_000;
    assert.ok(Math.abs(mean - latencyMeanMs(d)) < 0.05 * latencyMeanMs(d), `${d.kind}: sample mean ${mean}, declared ${latencyMeanMs(d)}`);
    if (d.kind === 'bimodal') assert.ok(slow > 1600 && slow < 2400, `slow tail drawn ${slow} times of 20000`);
  }
});

test('fixed distributions draw nothing from the stream', () => {
  const rng = new RngStreams(1).network;
  assert.equal(sampleLatencyMs({ kind: 'uniform', min: 0.1, max: 0.1 }, rng), 0.1);
  assert.equal(rng.draws, 0);
});

test('each host pair has one base latency, the same both ways and independent of who asks first', () => {
  const config = networkPreset('hostile');
  const a = new LatencyModel(config, 1234, new RngStreams(1).network);
  const b = new LatencyModel(config, 1234, new RngStreams(2).network);
  const ab = a.pairBaseMs('10.0.0.1', '10.0.0.2');
  b.pairBaseMs('10.0.0.3', '10.0.0.4');
  assert.equal(b.pairBaseMs('10.0.0.2', '10.0.0.1'), ab);
  assert.ok(ab >= config.pairBaseMs.min && ab <= config.pairBaseMs.max);
  const bases = new Set(Array.from({ length: 20 }, (_, i) => a.pairBaseMs('10.0.0.1', `10.0.0.${i + 2}`)));
  assert.ok(bases.size > 15, 'pairs get different bases');
  assert.notEqual(new LatencyModel(config, 99, new RngStreams(1).network).pairBaseMs('10.0.0.1', '10.0.0.2'), ab);
});

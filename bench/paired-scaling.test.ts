import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { pairedFactors, type PairedRound } from './paired-scaling.js';

const round = (seeds: number, solo: [number, number], a: [number, number], b: [number, number]): PairedRound => ({
  seeds,
  solo: { cpuMs: solo[0], wallMs: solo[1] },
  pair: [{ cpuMs: a[0], wallMs: a[1] }, { cpuMs: b[0], wallMs: b[1] }],
});

test('pairedFactors: medians over rounds, so one slow round of the host does not move them', () => {
  const rounds = [
    round(100, [400, 410], [500, 520], [500, 500]), // the pair is 1.25x slower per seed
    round(100, [400, 400], [500, 500], [500, 510]),
    round(100, [900, 950], [500, 500], [500, 500]), // the host slowed the lone run
  ];
  const factors = pairedFactors(rounds);
  assert.equal(factors.workerCpu, 0.8);
  assert.equal(factors.soloCpuMsPerSeed, 4);
  assert.equal(factors.pairCpuMsPerSeed, 5);
  assert.equal(factors.wallRatio, (2 * 410) / 520);
  assert.throws(() => pairedFactors([]), RangeError);
  assert.throws(() => pairedFactors([round(0, [1, 1], [1, 1], [1, 1])]), RangeError);
});

test('pairedFactors: a pair that runs like the lone worker scales 2x with factor 1, for any figures', () => {
  const ms = fc.double({ min: 0.5, max: 1e5, noNaN: true });
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 1_000 }), ms, ms), { minLength: 1, maxLength: 9 }), (runs) => {
      const factors = pairedFactors(runs.map(([seeds, cpu, wall]) => round(seeds, [cpu, wall], [cpu, wall], [cpu, wall])));
      assert.ok(Math.abs(factors.workerCpu - 1) < 1e-12 && Math.abs(factors.wallRatio - 2) < 1e-12);
    }),
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { scalingAccount } from './scaling-account.js';

test('scalingAccount: a perfect machine scales N x, and the factors name what it lost', () => {
  const one = { seedsPerSec: 200, cpu: { workerMs: 5, mainMs: 0.2, helperMs: 0.5 } };
  const perfect = scalingAccount(2, one, { seedsPerSec: 400, cpu: { workerMs: 5, mainMs: 0, helperMs: 0 } });
  assert.deepEqual(perfect, { ratio: 2, helperShare: 1, workerCpu: 1, busy: 1 });
  // Helpers take 1 ms of every 6 ms a seed costs; both cores stay busy.
  const helped = scalingAccount(2, one, { seedsPerSec: 2000 / 6, cpu: { workerMs: 5, mainMs: 0.5, helperMs: 0.5 } });
  assert.ok(Math.abs(helped.helperShare - 5 / 6) < 1e-12 && Math.abs(helped.busy - 1) < 1e-12 && helped.workerCpu === 1);
});

test('scalingAccount: ratio = N x helperShare x workerCpu x busy for any figures', () => {
  const cpu = fc.record({ workerMs: fc.double({ min: 0.1, max: 50, noNaN: true }), mainMs: fc.double({ min: 0, max: 5, noNaN: true }), helperMs: fc.double({ min: 0, max: 5, noNaN: true }) });
  const run = fc.record({ seedsPerSec: fc.double({ min: 1, max: 5_000, noNaN: true }), cpu });
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 64 }), run, run, (workers, one, many) => {
      const a = scalingAccount(workers, one, many);
      const product = workers * a.helperShare * a.workerCpu * a.busy;
      assert.ok(Math.abs(product - a.ratio) <= 1e-9 * a.ratio, `${product} != ${a.ratio}`);
    }),
  );
});

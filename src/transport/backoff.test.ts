import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RandomProvider } from '../providers/random-provider.js';
import { Backoff } from './backoff.js';

/** Replays fixed draws, so the tests control the jitter exactly. */
class ScriptedRandom extends RandomProvider {
  private index = 0;
  constructor(private readonly draws: number[]) {
    super();
  }
  random(): number {
    return this.draws[this.index++ % this.draws.length];
  }
}

test('without jitter the delays double from the floor and stop at the ceiling', () => {
  const backoff = new Backoff(new ScriptedRandom([0.9]), { backoffMsMin: 10, backoffMsMax: 100, backoffMultiplier: 2, backoffJitter: 0 });
  assert.deepEqual(Array.from({ length: 6 }, () => backoff.next()), [10, 20, 40, 80, 100, 100]);
  backoff.reset();
  assert.equal(backoff.next(), 10);
});

test('jitter spreads each delay by up to the given fraction either way', () => {
  const low = new Backoff(new ScriptedRandom([0]), { backoffMsMin: 10, backoffMsMax: 1000, backoffJitter: 0.5 });
  const high = new Backoff(new ScriptedRandom([0.999999]), { backoffMsMin: 10, backoffMsMax: 1000, backoffJitter: 0.5 });
  low.next();
  high.next();
  assert.equal(low.next(), 10); // 20 * 0.5
  assert.ok(Math.abs(high.next() - 30) < 1e-3); // 20 * 1.5
});

test('property: every delay stays within [min, max] and the undithered base never shrinks', () => {
  fc.assert(
    fc.property(
      fc.double({ min: 0, max: 500, noNaN: true }),
      fc.double({ min: 0, max: 5000, noNaN: true }),
      fc.double({ min: 1, max: 10, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.array(fc.double({ min: 0, max: 0.9999999, noNaN: true }), { minLength: 1, maxLength: 40 }),
      (a, b, multiplier, jitter, draws) => {
        const [min, max] = a <= b ? [a, b] : [b, a];
        const jittered = new Backoff(new ScriptedRandom(draws), { backoffMsMin: min, backoffMsMax: max, backoffMultiplier: multiplier, backoffJitter: jitter });
        const plain = new Backoff(new ScriptedRandom([0.5]), { backoffMsMin: min, backoffMsMax: max, backoffMultiplier: multiplier, backoffJitter: 0 });
        let previous = 0;
        for (let i = 0; i < 60; i++) {
          const delay = jittered.next();
          assert.ok(delay >= min && delay <= max, `delay ${delay} outside [${min}, ${max}]`);
          const base = plain.next();
          assert.ok(base >= previous, `base shrank from ${previous} to ${base}`);
          previous = base;
        }
      },
    ),
  );
});

test('invalid bounds are rejected with the option names', () => {
  const random = new ScriptedRandom([0.5]);
  assert.throws(() => new Backoff(random, { backoffMsMin: 50, backoffMsMax: 10 }), /backoffMsMin <= backoffMsMax/);
  assert.throws(() => new Backoff(random, { backoffMultiplier: 0.5 }), /backoffMultiplier >= 1/);
  assert.throws(() => new Backoff(random, { backoffJitter: 2 }), /backoffJitter <= 1/);
  assert.throws(() => new Backoff(random, { backoffMsMax: Infinity }), /finite/);
});

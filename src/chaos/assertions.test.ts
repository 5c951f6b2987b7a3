import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInWorld } from '../core/run-world.js';
import { SimTimeProvider } from '../providers/sim-time-provider.js';
import { alwaysAssert, reachable, sometimesAssert, unreachable } from './assertions.js';
import { AssertionFailure } from './chaos-errors.js';
import { attachChaos } from './chaos-context.js';

const SITE = /at src\/chaos\/assertions\.test\.ts:\d+:\d+/;

test('outside a simulation: alwaysAssert and unreachable throw, sometimes and reachable do nothing', () => {
  const value: unknown = 'text';
  alwaysAssert(typeof value === 'string', 'value is a string');
  assert.equal(value.length, 4, 'alwaysAssert narrows the type');
  assert.throws(
    () => alwaysAssert(1 + 1 === 3, 'arithmetic works'),
    (e: unknown) => e instanceof AssertionFailure && e.seed === undefined && e.kind === 'always' && SITE.test(e.message) && /"arithmetic works"/.test(e.message),
  );
  assert.throws(() => unreachable('never here'), (e: unknown) => e instanceof AssertionFailure && /unreachable\("never here"\) was reached/.test(e.message));
  sometimesAssert(false, 'outside');
  reachable('outside');
});

test('a message given as a function is built only when the assertion fails, and reads the same', () => {
  let built = 0;
  const lazy = (): string => {
    built++;
    return 'arithmetic works';
  };
  for (let i = 0; i < 100; i++) alwaysAssert(i >= 0, lazy);
  assert.equal(built, 0, 'a holding assertion must not build its message');
  assert.throws(
    () => alwaysAssert(1 + 1 === 3, lazy),
    (e: unknown) => e instanceof AssertionFailure && e.kind === 'always' && SITE.test(e.message) && /"arithmetic works"/.test(e.message),
  );
  assert.equal(built, 1);
});

test('inside a simulation: a false alwaysAssert fails the seed at its event even when caught', async () => {
  let after = false;
  let eventIndex = -1;
  const error = await runInWorld({ seed: 99 }, async (world) => {
    await new SimTimeProvider(world).sleep(12.5);
    alwaysAssert(world.nowMs === 12.5, 'time is where we slept to');
    eventIndex = world.eventIndex;
    try {
      alwaysAssert(world.nowMs > 100, 'late enough');
      after = true;
    } catch {
      // Swallowed by user code: the seed must fail anyway.
    }
  }).then(() => assert.fail('the seed should fail'), (e: unknown) => e);
  assert.ok(error instanceof AssertionFailure);
  assert.equal(after, false, 'the code after a failed alwaysAssert does not run');
  assert.equal(error.seed, 99);
  assert.equal(error.eventIndex, eventIndex);
  assert.equal(error.simTimeMs, 12.5);
  assert.match(error.message, /alwaysAssert failed: "late enough" at src\/chaos\/assertions\.test\.ts:\d+:\d+ \(seed 99, event #\d+, sim time 12\.500 ms\)/);
});

test('inside a simulation: unreachable fails the seed like an always-violation', async () => {
  await assert.rejects(
    runInWorld({ seed: 5 }, () => {
      const mode = 'b' as string;
      if (mode === 'a') return;
      unreachable('mode is always a');
    }),
    (e: unknown) => e instanceof AssertionFailure && e.kind === 'unreachable' && e.seed === 5 && SITE.test(e.message) && /seed 5/.test(e.message),
  );
});

test('inside a simulation: sometimes and reachable count reached and satisfied per seed, sorted by message', async () => {
  let hits: unknown;
  await runInWorld({ seed: 3 }, (world) => {
    const chaos = attachChaos(world, { buggify: 'off' });
    for (let i = 0; i < 10; i++) {
      sometimesAssert(i % 3 === 0, 'z: every third');
      sometimesAssert(i > 100, 'b: never');
      if (i % 2 === 0) reachable('a: even');
    }
    hits = chaos.coverage();
  });
  assert.deepEqual(hits, [
    { message: 'a: even', kind: 'reachable', reached: 5, satisfied: 5 },
    { message: 'b: never', kind: 'sometimes', reached: 10, satisfied: 0 },
    { message: 'z: every third', kind: 'sometimes', reached: 10, satisfied: 4 },
  ]);
});

test('coverage belongs to its seed: a new world starts empty', async () => {
  const counts: number[] = [];
  for (const seed of [1, 2]) {
    await runInWorld({ seed }, (world) => {
      const chaos = attachChaos(world, { buggify: 'off' });
      sometimesAssert(true, 'once per seed');
      counts.push(chaos.coverage()[0].reached);
    });
  }
  assert.deepEqual(counts, [1, 1]);
});

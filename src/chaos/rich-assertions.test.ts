import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInWorld } from '../core/run-world.js';
import type { SimWorld } from '../core/world.js';
import { SimTimeProvider } from '../providers/sim-time-provider.js';
import type { CoverageHit, Discovery } from './coverage.js';
import {
  alwaysAssert,
  alwaysGreaterThan,
  alwaysGreaterThanOrEqual,
  alwaysLessThan,
  alwaysLessThanOrEqual,
  sometimesAll,
  sometimesEach,
  sometimesGreaterThan,
  sometimesLessThan,
} from './assertions.js';
import { AssertionFailure } from './chaos-errors.js';
import { BUCKETS_PER_SITE_MAX, coverageOf, DISCOVERIES_PER_TIMELINE_MAX } from './coverage-recorder.js';

/** Runs `body` in a world whose recorder records discoveries (and watches `always`), one event
 * per step (the main task's start is event 1, so the first step is event 2); returns the world's
 * hits and discoveries. */
async function recorded(body: (step: () => Promise<void>, world: SimWorld) => Promise<void> | void, always: string[] = []) {
  let hits: CoverageHit[] = [];
  let discoveries: Discovery[] | undefined;
  await runInWorld({ seed: 1 }, async (world) => {
    const recorder = coverageOf(world);
    recorder.watchAlways(always);
    recorder.recordDiscoveries(0);
    const time = new SimTimeProvider(world);
    await body(() => time.sleep(1), world);
    hits = recorder.hits();
    discoveries = recorder.discovered();
  });
  return { hits, discoveries: discoveries ?? [] };
}

const hitOf = (hits: CoverageHit[], message: string) => hits.find((h) => h.message === message);

test('outside a simulation the richer assertions record nothing, and the numeric always-forms still throw', () => {
  sometimesAll('nothing', { a: true });
  sometimesEach('nothing', 1);
  sometimesLessThan(1, 2, 'nothing');
  sometimesGreaterThan(1, 2, 'nothing');
  alwaysLessThan(1, 2, 'fine');
  assert.throws(() => alwaysLessThan(2, 2, 'strictly less'), (e: unknown) => e instanceof AssertionFailure && /alwaysLessThan failed: "strictly less" saw 2, not < 2/.test(e.message));
  assert.throws(() => alwaysGreaterThanOrEqual(Number.NaN, 0, 'a number'), /alwaysGreaterThanOrEqual failed: "a number" saw NaN, not >= 0/);
});

test('sometimesAll tracks the most conditions true at once, with their names, and holds when all are', async () => {
  const { hits, discoveries } = await recorded(async (step) => {
    await step();
    sometimesAll('all three', { a: false, b: false, c: false });
    await step();
    sometimesAll('all three', { a: true, b: false, c: true });
    await step();
    sometimesAll('all three', { a: true, b: false, c: false });
    await step();
    sometimesAll('all three', { a: true, b: true, c: true });
  });
  assert.deepEqual(hitOf(hits, 'all three'), { message: 'all three', kind: 'sometimes-all', reached: 4, satisfied: 1, conditions: 3, mostTrue: 3, mostTrueNames: ['a', 'b', 'c'] });
  assert.deepEqual(
    discoveries.map((d) => [d.eventIndex, d.what, d.mostTrue]),
    [[2, 'reached', undefined], [3, 'more-true', 2], [5, 'more-true', 3], [5, 'satisfied', undefined]],
  );
});

test('sometimesEach keeps one bucket per key (named values read as name=value), each satisfied on its own', async () => {
  const { hits, discoveries } = await recorded(async (step) => {
    await step();
    sometimesEach('depth', { lock: 1, gate: 2 });
    sometimesEach('depth', { lock: 1, gate: 2 }, false);
    await step();
    sometimesEach('depth', 'deep', false);
    await step();
    sometimesEach('depth', 'deep', true);
  });
  assert.deepEqual(hitOf(hits, 'depth'), {
    message: 'depth',
    kind: 'sometimes-each',
    reached: 4,
    satisfied: 2,
    buckets: [{ key: 'lock=1, gate=2', reached: 2, satisfied: 1 }, { key: 'deep', reached: 2, satisfied: 1 }],
  });
  assert.deepEqual(
    discoveries.map((d) => [d.eventIndex, d.what, d.bucket]),
    [[2, 'reached', undefined], [2, 'bucket', 'lock=1, gate=2'], [2, 'bucket-satisfied', 'lock=1, gate=2'], [3, 'bucket', 'deep'], [4, 'bucket-satisfied', 'deep']],
  );
});

test('sometimesEach refuses more keys than a site may hold, naming the key and the fix', async () => {
  await assert.rejects(
    recorded(() => {
      for (let i = 0; i <= BUCKETS_PER_SITE_MAX; i++) sometimesEach('per request', i);
    }),
    (e: unknown) => e instanceof Error && /sometimesEach\("per request"\): key "1024" would be bucket 1025 .* key by something with fewer values/.test(String((e as { cause?: unknown }).cause ?? e)),
  );
});

test('each numeric form holds or fails by its operator and keeps the best value: nearest failing for always, nearest holding for sometimes', async () => {
  const values = [3, 9, 5];
  const { hits, discoveries } = await recorded(async (step) => {
    for (const value of values) {
      await step();
      alwaysLessThan(value, 10, 'lt');
      alwaysLessThanOrEqual(value, 9, 'le');
      alwaysGreaterThan(value, 2, 'gt');
      alwaysGreaterThanOrEqual(value, 3, 'ge');
      sometimesLessThan(value, 4, 'some lt');
      sometimesGreaterThan(value, 8, 'some gt');
    }
  });
  const summary = (message: string) => {
    const hit = hitOf(hits, message);
    return [hit?.kind, hit?.reached, hit?.satisfied, hit?.best?.value];
  };
  assert.deepEqual(summary('lt'), ['always-less-than', 3, 3, 9]);
  assert.deepEqual(summary('le'), ['always-less-than-or-equal', 3, 3, 9]);
  assert.deepEqual(summary('gt'), ['always-greater-than', 3, 3, 3]);
  assert.deepEqual(summary('ge'), ['always-greater-than-or-equal', 3, 3, 3]);
  assert.deepEqual(summary('some lt'), ['sometimes-less-than', 3, 1, 3]);
  assert.deepEqual(summary('some gt'), ['sometimes-greater-than', 3, 1, 9]);
  // A better value is a discovery (the first value is the site's reach); 5 improves nothing.
  assert.deepEqual(
    discoveries.filter((d) => d.what === 'better').map((d) => [d.message, d.eventIndex, d.best?.value]),
    [['lt', 3, 9], ['le', 3, 9], ['some gt', 3, 9]],
  );
  for (const [assertion, message] of [
    [() => alwaysLessThan(10, 10, 'lt'), /alwaysLessThan failed: "lt" saw 10, not < 10/],
    [() => alwaysLessThanOrEqual(10, 9, 'le'), /alwaysLessThanOrEqual failed: "le" saw 10, not <= 9/],
    [() => alwaysGreaterThan(2, 2, 'gt'), /alwaysGreaterThan failed: "gt" saw 2, not > 2/],
    [() => alwaysGreaterThanOrEqual(2, 3, 'ge'), /alwaysGreaterThanOrEqual failed: "ge" saw 2, not >= 3/],
  ] as const) {
    await assert.rejects(
      recorded(async (step) => {
        await step();
        try {
          assertion();
        } catch {
          // Caught by user code: the seed fails anyway, at this event.
        }
      }),
      (e: unknown) => e instanceof AssertionFailure && e.eventIndex === 2 && message.test(e.message) && /rich-assertions\.test\.ts:\d+:\d+/.test(e.site),
    );
  }
});

test('alwaysAssert counts only the watched (literal) messages, and only when they hold', async () => {
  const { hits, discoveries } = await recorded(async (step) => {
    await step();
    alwaysAssert(true, 'watched');
    alwaysAssert(true, 'watched');
    alwaysAssert(true, 'built per call 17');
    alwaysAssert(true, () => 'lazy');
  }, ['watched']);
  assert.deepEqual(hits, [{ message: 'watched', kind: 'always', reached: 2, satisfied: 2 }]);
  assert.deepEqual(discoveries, [{ eventIndex: 2, kind: 'always', message: 'watched', what: 'reached' }]);
});

test('discoveries are recorded from the event given on (a child reports only what follows its split), and at most DISCOVERIES_PER_TIMELINE_MAX', async () => {
  let late: Discovery[] | undefined;
  await runInWorld({ seed: 1 }, async (world) => {
    const recorder = coverageOf(world);
    recorder.recordDiscoveries(4);
    const time = new SimTimeProvider(world);
    for (let i = 0; i < 4; i++) {
      await time.sleep(1);
      sometimesEach('step', i);
    }
    late = recorder.discovered();
  });
  assert.deepEqual(late?.map((d) => [d.eventIndex, d.what, d.bucket]), [[4, 'bucket', '2'], [4, 'bucket-satisfied', '2'], [5, 'bucket', '3'], [5, 'bucket-satisfied', '3']]);
  const { discoveries } = await recorded(async (step) => {
    await step();
    for (let i = 0; i < DISCOVERIES_PER_TIMELINE_MAX; i++) sometimesGreaterThan(i, 1e9, 'climbing');
  });
  assert.equal(discoveries.length, DISCOVERIES_PER_TIMELINE_MAX);
  // Without recordDiscoveries, none are kept (a plain seed pays nothing for them).
  await runInWorld({ seed: 1 }, (world) => {
    sometimesEach('step', 1);
    assert.equal(coverageOf(world).discovered(), undefined);
  });
});

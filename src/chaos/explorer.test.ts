import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CoverageHit, Discovery } from './coverage.js';
import type { SeedResult } from '../model/report.js';
import { childSeed, defaultEnergy, Explorer, type ExploreEnergy, type TimelineSpec } from './explorer.js';
import { formatRecipe } from './recipe.js';
import { seedAt } from './seed-at.js';

type Outcome = Pick<SeedResult, 'ok' | 'events' | 'coverage' | 'discoveries'>;

/** A reached-site discovery at `eventIndex`, and the hit a seed that reached it shows. */
function found(message: string, eventIndex: number): { discovery: Discovery; hit: CoverageHit } {
  return { discovery: { eventIndex, kind: 'reachable', message, what: 'reached' }, hit: { message, kind: 'reachable', reached: 1, satisfied: 1 } };
}

function outcome(finds: { discovery: Discovery; hit: CoverageHit }[], events = 100, ok = true): Outcome {
  return { ok, events, coverage: finds.map((f) => f.hit), discoveries: finds.map((f) => f.discovery) };
}

/** Runs an explorer to its end with `world` deciding each timeline's outcome; the timelines in
 * the order recorded. */
function explore(options: { timelines: number; energy?: Partial<ExploreEnergy> }, world: (spec: TimelineSpec) => Outcome): TimelineSpec[] {
  const explorer = new Explorer({ baseSeed: 0, ...options });
  const order: TimelineSpec[] = [];
  for (let spec = explorer.next(); spec !== undefined; spec = explorer.next()) {
    order.push(spec);
    explorer.record(spec, world(spec));
  }
  assert.ok(explorer.done);
  return order;
}

test('the defaults scale with the budget, and bad energy is refused by name', () => {
  assert.deepEqual(defaultEnergy(2000), { warmupRoots: 100, batch: 8, markMin: 24, markEnergy: 80, depthMax: 30 });
  assert.deepEqual(defaultEnergy(10), { warmupRoots: 1, batch: 8, markMin: 24, markEnergy: 24, depthMax: 30 });
  assert.throws(() => new Explorer({ timelines: 10, baseSeed: 0, energy: { batch: 0 } }), /batch 0 must be a positive integer/);
  assert.throws(() => new Explorer({ timelines: 10, baseSeed: 0, energy: { depthMax: 65 } }), /depthMax 65 exceeds SPLITS_MAX/);
});

test('the warm-up runs the sequence\'s seeds in order, as fixed does; a discovery only they never share becomes a mark explored depth first', () => {
  const energy = { warmupRoots: 4, batch: 2, markMin: 2, markEnergy: 2 };
  // Seed index 2 finds something rare at event 40; every root finds something common at event 10.
  const order = explore({ timelines: 12, energy }, (spec) => {
    const finds = [found('common', 10)];
    if (spec.splits.length === 0 && spec.seed === seedAt(0, 2)) finds.push(found('rare', 40));
    return outcome(finds);
  });
  const roots = order.filter((s) => s.splits.length === 0).map((s) => s.seed);
  assert.deepEqual(order.slice(0, 4).map((s) => s.seed), [0, 1, 2, 3].map((i) => seedAt(0, i)));
  // Then the rare mark's batch of two (its minimum: nothing new came of it), then seeds again.
  const rare = seedAt(0, 2);
  assert.deepEqual(order.slice(4, 6).map((s) => s.key), [0, 1].map((i) => formatRecipe({ seed: rare, splits: [{ afterEvent: 40, seed: childSeed(rare, 40, i) }] })));
  assert.deepEqual(roots, Array.from({ length: 10 }, (_, i) => seedAt(0, i)));
  assert.equal(order.length, 12);
});

test('after the warm-up, each timeline\'s new discoveries are marks at once, the latest first; a productive mark runs more batches, a barren one stops at markMin', () => {
  const energy = { warmupRoots: 1, batch: 2, markMin: 8, markEnergy: 100, depthMax: 30 };
  // A chain: a timeline split at event e finds `depth e+10` at event e+10 when its child seed is
  // even (half of the children go deeper), up to event 60.
  const order = explore({ timelines: 100, energy }, (spec) => {
    const last = spec.splits.at(-1);
    if (last === undefined) return outcome(spec.seed === seedAt(0, 1) ? [found('start', 5), found('depth 10', 10)] : []);
    const next = last.afterEvent + 10;
    return outcome(last.seed % 2 === 0 && next <= 60 ? [found(`depth ${next}`, next)] : []);
  });
  const deepest = Math.max(...order.map((s) => s.splits.at(-1)?.afterEvent ?? 0));
  assert.equal(deepest, 60, 'depth first: the chain is followed to its end within the budget');
  // The second root's two marks: the latest (event 10) is explored before the earlier (event 5).
  const firstChildren = order.filter((s) => s.splits.length === 1 && s.seed === seedAt(0, 1));
  assert.equal(firstChildren[0].splits[0].afterEvent, 10);
  for (const spec of order) {
    assert.ok(spec.splits.every((split, i) => i === 0 || split.afterEvent > spec.splits[i - 1].afterEvent), `splits increase: ${spec.key}`);
  }
  assert.equal(new Set(order.map((s) => s.key)).size, order.length, 'no timeline runs twice');
});

test('a barren mark gives its energy to the pool, which a productive mark draws on once its own is spent', () => {
  const energy = { warmupRoots: 1, batch: 2, markMin: 2, markEnergy: 4, depthMax: 30 };
  // Root 0 finds two things at events 10 and 20 (explored in that order); the mark at 10 stays
  // barren, the one at 20 finds something new in every child.
  let fresh = 0;
  const order = explore({ timelines: 20, energy }, (spec) => {
    if (spec.splits.length === 0) return outcome(spec.seed === seedAt(0, 0) ? [found('a', 10), found('b', 20)] : []);
    // Found at the timeline's last event (its 100th): nothing follows, so no mark of its own.
    if (spec.splits.length === 1 && spec.splits[0].afterEvent === 20) return outcome([found(`new ${fresh++}`, 100)]);
    return outcome([]);
  });
  const at10 = order.filter((s) => s.splits.length === 1 && s.splits[0].afterEvent === 10).length;
  const at20 = order.filter((s) => s.splits.length === 1 && s.splits[0].afterEvent === 20).length;
  assert.equal(at10, 2, 'barren after its minimum, 2 of its 4 unspent');
  assert.equal(at20, 6, 'its own 4, then the 2 the barren mark gave back');
  assert.ok(order.every((s) => s.splits.length <= 1), 'discoveries at a timeline\'s last event make no mark');
});

test('the depth bound stops branching; the budget is exact', () => {
  const order = explore({ timelines: 40, energy: { warmupRoots: 1, batch: 1, markMin: 1, depthMax: 2 } }, (spec) => {
    const last = spec.splits.at(-1)?.afterEvent ?? 0;
    return outcome([found(`at ${spec.key}`, last + 1)]);
  });
  assert.equal(order.length, 40);
  assert.equal(Math.max(...order.map((s) => s.splits.length)), 2);
});

test('upcoming() lists what next() gives while nothing new is found, whatever is asked', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 8 }), (timelines, ahead) => {
      const explorer = new Explorer({ timelines, baseSeed: 7, first: 1, step: 3, energy: { warmupRoots: 2 } });
      const predicted = explorer.upcoming(ahead).map((s) => s.key);
      const taken: string[] = [];
      for (let spec = explorer.next(); spec !== undefined && taken.length < ahead; spec = explorer.next()) {
        taken.push(spec.key);
        explorer.record(spec, outcome([]));
      }
      assert.deepEqual(predicted, taken);
      assert.ok(predicted.length === Math.min(ahead, timelines));
    }),
  );
});

test('failures are counted where they happened; the summary adds up', () => {
  const explorer = new Explorer({ timelines: 5, baseSeed: 0, energy: { warmupRoots: 5 } });
  for (let spec = explorer.next(), i = 1; spec !== undefined; spec = explorer.next(), i++) explorer.record(spec, outcome([], 100, i !== 3));
  assert.deepEqual(explorer.summary(), { roots: 5, children: 0, discoveries: 0, marks: 0, depthMax: 0, firstFailureAt: 3 });
});

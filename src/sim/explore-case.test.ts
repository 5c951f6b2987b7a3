import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { alwaysAssert, sometimesEach } from '../chaos/assertions.js';
import { parseRecipe } from '../chaos/recipe.js';
import { seedAt } from '../chaos/seed-at.js';
import { realGlobals } from '../core/real-globals.js';
import { RandomProvider } from '../providers/random-provider.js';
import { TimeProvider } from '../providers/time-provider.js';
import { Inject, Topology, Workload } from '../model/decorators.js';
import { expandLayouts } from '../model/layouts.js';
import { topologyOf } from '../model/metadata.js';
import type { SeedResult } from '../model/report.js';
import { runCase, type RunCaseOptions } from './run-case.js';
import { runSeed } from './run-seed.js';
import { runSimulation } from './run-simulation.js';
import type { BranchOptions } from './seed-options.js';

/** A small maze (fixtures/maze is the full one): three locks of three gates, each gate open one
 * time in five, fifteen tries; the bug is the third lock opening. */
@Workload('walker')
class SmallMazeWalker {
  constructor(
    @Inject(RandomProvider) private readonly random: RandomProvider,
    @Inject(TimeProvider) private readonly time: TimeProvider,
  ) {}

  async run(): Promise<void> {
    let locks = 0;
    for (let attempt = 0; attempt < 15 && locks < 3; attempt++) {
      let gate = 0;
      while (gate < 3) {
        await this.time.sleep(1);
        if (!this.random.bool(0.2)) break;
        gate++;
        sometimesEach('gate', { lock: locks, gate });
      }
      if (gate === 3) locks++;
      alwaysAssert(locks < 3, 'the small maze is never solved');
    }
  }
}

@Topology({ name: 'small-maze', roles: { walker: SmallMazeWalker }, layouts: [{ walker: 1 }], network: 'perfect' })
class SmallMaze {}

const plan = expandLayouts(topologyOf(SmallMaze)!)[0];

/** Seeds cannot share a thread at once: timelines run one after another here, while the loop
 * keeps several in flight (as the runner's workers would). */
let queue: Promise<unknown> = Promise.resolve();
function runInTurn(seed: number, timeline?: BranchOptions): Promise<SeedResult> {
  const result = queue.then(() => runSeed(plan, seed, {}, timeline));
  queue = result.catch(() => undefined);
  return result;
}

/** The exploration's timelines, in the order recorded, with `concurrency` in flight and each
 * finishing after a number of turns that depends on its recipe (so out of order). */
async function explore(options: Partial<RunCaseOptions>, concurrency: number) {
  const recorded: SeedResult[] = [];
  let running = 0;
  let runningMax = 0;
  const { summary } = await runCase(
    plan,
    { strategy: { kind: 'explore', timelines: 120 }, baseSeed: 3, concurrency, ...options },
    async (seed: number, timeline?: BranchOptions) => {
      runningMax = Math.max(runningMax, ++running);
      const result = await runInTurn(seed, timeline);
      // The real setImmediate: the next seed may be running, and the guard would make this a simulated timer of it.
      for (let turns = (result.traceHash.charCodeAt(0) + seed) % 5; turns > 0; turns--) await new Promise((resolve) => realGlobals.setImmediate(resolve));
      running--;
      return result;
    },
    (result) => recorded.push(result),
  );
  return { recorded, summary, runningMax };
}

const shape = (r: SeedResult) => ({ recipe: r.recipe ?? String(r.seed), ok: r.ok, events: r.events, traceHash: r.traceHash, discoveries: r.discoveries });

test('an exploration is the same whatever the concurrency: same timelines, same order, same summary', async () => {
  const one = await explore({}, 1);
  const four = await explore({}, 4);
  assert.equal(one.runningMax, 1);
  assert.ok(four.runningMax > 1, 'timelines ran ahead');
  assert.deepEqual(four.recorded.map(shape), one.recorded.map(shape));
  assert.deepEqual(four.summary, one.summary);
  assert.equal(one.recorded.length, 120);
  const explored = one.summary.exploration;
  assert.ok(explored !== undefined && explored.children > 0 && explored.marks > 0, JSON.stringify(explored));
  assert.equal(explored.roots + explored.children, 120);
  assert.match(one.summary.stopReason, /^explored 120 timeline\(s\): \d+ seed\(s\) and \d+ child timeline\(s\) split at \d+ of \d+ discoveries/);
});

test('explore finds the small maze within a budget where the same number of seeds does not', async () => {
  const explored = await explore({}, 2);
  const failing = explored.recorded.findIndex((r) => !r.ok);
  assert.ok(failing >= 0, 'explore found the bug');
  assert.equal(explored.summary.exploration?.firstFailureAt, failing + 1);
  const fixed = await runSimulation({ topology: SmallMaze, strategy: 'fixed:120', baseSeed: 3 });
  assert.equal(fixed.results.filter((r) => !r.ok).length, 0, 'no seed of the same budget solves it');
});

test('a child timeline replayed from its recipe is the timeline explored: same events, time, draws and failure', async () => {
  const { recorded } = await explore({}, 2);
  const failing = recorded.find((r) => !r.ok && r.recipe !== undefined);
  assert.ok(failing !== undefined && failing.recipe !== undefined);
  const recipe = parseRecipe(failing.recipe);
  const replayed = await runSeed(plan, recipe.seed, {}, { splits: recipe.splits });
  assert.deepEqual([replayed.events, replayed.simTimeMs, replayed.traceHash, replayed.failure?.eventIndex, replayed.failure?.simTimeMs], [failing.events, failing.simTimeMs, failing.traceHash, failing.failure?.eventIndex, failing.failure?.simTimeMs]);
  assert.equal(replayed.recipe, failing.recipe);
  assert.match(replayed.replay, new RegExp(`--recipe ${failing.recipe}$`));
  assert.match(replayed.failure?.message ?? '', new RegExp(`at timeline ${failing.recipe}, `));
  // runSimulation replays it too, by its text.
  const report = await runSimulation({ topology: SmallMaze, recipe: failing.recipe });
  assert.deepEqual(report.results.map((r) => [r.ok, r.events, r.traceHash]), [[false, failing.events, failing.traceHash]]);
});

test('bail stops at the first failing timeline; shards explore from their own seeds with their share of the budget', async () => {
  const bailed = await explore({ bail: true }, 2);
  assert.equal(bailed.recorded.filter((r) => !r.ok).length, 1);
  assert.equal(bailed.recorded.at(-1)?.ok, false);
  assert.match(bailed.summary.stopReason, /stopped at the first failing timeline \(bail\)/);
  const shares = await Promise.all([1, 2, 3].map(async (index) => (await explore({ shard: { index, count: 3 } }, 2)).recorded));
  assert.deepEqual(shares.map((s) => s.length), [40, 40, 40]);
  for (const [i, share] of shares.entries()) {
    const roots = share.filter((r) => r.recipe === undefined).map((r) => r.seed);
    assert.deepEqual(roots, roots.map((_, k) => seedAt(3, i + 3 * k)), `shard ${i + 1} runs seed indexes ${i + 1}, ${i + 4}, ... of the sequence`);
  }
});

test('explore runs with any budget and concurrency, and every timeline runs once', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 6 }), async (timelines, concurrency) => {
      const started: string[] = [];
      const { results, summary } = await runCase(plan, { strategy: { kind: 'explore', timelines }, baseSeed: 9, concurrency }, (seed, timeline) => {
        started.push(`${seed}${timeline?.splits?.map((s) => `@${s.afterEvent}/${s.seed}`).join('') ?? ''}`);
        return runInTurn(seed, timeline);
      });
      assert.equal(results.length, timelines);
      assert.equal(new Set(started).size, started.length, 'no timeline started twice');
      // Started ahead and then put behind the children of a sibling: at the end of the budget, up
      // to a concurrency of them per level of the depth-first stack is never recorded.
      const depth = summary.exploration?.depthMax ?? 0;
      assert.ok(started.length <= timelines + concurrency * (depth + 1), `${started.length} started for ${timelines} timelines, ${concurrency} at once, ${depth} deep`);
    }),
    { numRuns: 15 },
  );
});

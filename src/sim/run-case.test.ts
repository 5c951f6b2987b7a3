import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { seedAt } from '../chaos/seed-at.js';
import type { StrategySpec } from '../chaos/strategy.js';
import { Topology, Workload } from '../model/decorators.js';
import { expandLayouts } from '../model/layouts.js';
import { topologyOf } from '../model/metadata.js';
import type { SeedResult } from '../model/report.js';
import { runCase, type RunCaseOptions } from './run-case.js';

@Workload()
class Idle {
  async run(): Promise<void> {}
}

@Topology({ name: 'fake', roles: { node: Idle }, layouts: [{ node: 1 }] })
class Fake {}

const plan = expandLayouts(topologyOf(Fake)!)[0];

/** A stand-in SeedResult that is a pure function of the seed: coverage and outcome vary by seed. */
function fakeResult(seed: number): SeedResult {
  const hit = (message: string, satisfied: boolean) => ({ message, kind: 'sometimes' as const, reached: 1, satisfied: satisfied ? 1 : 0 });
  return {
    caseId: plan.caseId, topology: 'fake', layout: '1', seed, ok: seed % 13 !== 0, events: seed % 100, simTimeMs: seed % 1000,
    wallMs: 0, traceHash: seed.toString(16), faults: {}, options: {}, replay: '',
    coverage: [hit('rare', seed % 17 === 0), hit('common', seed % 2 === 0), ...(seed % 5 === 0 ? [hit('late', true)] : [])],
  };
}

/** Seeds finish out of order: each takes a number of macrotask turns that is a function of the seed. */
const finishLater = (seed: number) => new Promise<SeedResult>((resolve) => {
  let turns = (seed * 2654435761) % 7;
  const step = () => (turns-- > 0 ? setImmediate(step) : resolve(fakeResult(seed)));
  step();
});

async function run(options: RunCaseOptions) {
  const executed: number[] = [];
  const recorded: number[] = [];
  let running = 0;
  let runningMax = 0;
  const out = await runCase(plan, options, async (seed) => {
    executed.push(seed);
    runningMax = Math.max(runningMax, ++running);
    const result = await finishLater(seed);
    running--;
    return result;
  }, (r) => recorded.push(r.seed));
  assert.equal(running, 0, 'every started seed finished before runCase returned');
  if (typeof options.concurrency !== 'function') {
    assert.ok(runningMax <= (options.concurrency ?? 1), `at most ${options.concurrency ?? 1} seeds ran at once, saw ${runningMax}`);
  }
  assert.deepEqual(recorded, out.results.map((r) => r.seed), 'onResult sees the recorded results in order');
  return { ...out, executed, runningMax };
}

const strategies: StrategySpec[] = [
  { kind: 'fixed', seeds: 23 },
  { kind: 'until-all-sometimes', seedsMax: 200, seedsMin: 3 },
  { kind: 'until-coverage-plateau', window: 4, seedsMax: 60 },
];

test('results, coverage and the stop point do not depend on the concurrency (worker count)', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...strategies), fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 2, max: 9 }), async (strategy, baseSeed, concurrency) => {
      const one = await run({ strategy, baseSeed });
      const many = await run({ strategy, baseSeed, concurrency });
      assert.deepEqual(many.results, one.results);
      assert.deepEqual(many.summary, one.summary);
      assert.deepEqual(one.results.map((r) => r.seed), one.results.map((_, i) => seedAt(baseSeed, i)), 'seeds come from seedAt in order');
      assert.ok(many.executed.length - one.results.length < concurrency, 'fewer than `concurrency` speculative seeds are discarded');
      if (one.results.length >= concurrency) assert.equal(many.runningMax, concurrency, 'the window stays full while seeds remain');
    }),
    { numRuns: 60 },
  );
  for (const concurrency of [1, 3, 8]) {
    const { summary } = await run({ strategy: strategies[0], baseSeed: 5, concurrency });
    assert.equal(summary.seedsRun, 23);
    assert.equal(summary.stopReason, 'ran 23 seeds');
  }
});

test('shards together run exactly the seeds of the unsharded run', async () => {
  for (const count of [2, 3, 5]) {
    const strategy: StrategySpec = { kind: 'fixed', seeds: 23 };
    const whole = await run({ strategy, baseSeed: 99 });
    const parts = await Promise.all(Array.from({ length: count }, (_, index) => run({ strategy, baseSeed: 99, shard: { index: index + 1, count }, concurrency: 3 })));
    const union = parts.flatMap((p) => p.results.map((r) => r.seed));
    assert.deepEqual([...union].sort(), whole.results.map((r) => r.seed).sort());
    assert.equal(new Set(union).size, union.length, 'no seed runs in two shards');
    assert.equal(parts.reduce((n, p) => n + p.summary.seedsPlanned, 0), 23);
    assert.match(parts[1].summary.stopReason, new RegExp(`\\(shard 2/${count}: \\d+ seeds? here\\)`));
    // Each shard stopped where the whole run does: the strategy's count, not an index past it.
    for (const part of parts) assert.match(part.summary.stopReason, /^ran 23 seeds \(shard /);
  }
});

test('the summary counts passes, failures, events and coverage; bail stops at the first failure', async () => {
  const { summary, results } = await run({ strategy: { kind: 'fixed', seeds: 40 }, baseSeed: 1 });
  const failing = results.filter((r) => !r.ok).map((r) => r.seed);
  assert.ok(failing.length > 0, 'the fake fails some seeds');
  assert.deepEqual([summary.passed, summary.failed, summary.failingSeeds], [40 - failing.length, failing.length, failing]);
  assert.equal(summary.events, results.reduce((n, r) => n + r.events, 0));
  const common = summary.coverage.find((row) => row.message === 'common')!;
  assert.equal(common.seedsReached, 40);
  const bailed = await run({ strategy: { kind: 'fixed', seeds: 40 }, baseSeed: 1, bail: true, concurrency: 4 });
  assert.equal(bailed.results.at(-1)!.seed, failing[0]);
  assert.ok(bailed.results.slice(0, -1).every((r) => r.ok));
  assert.match(bailed.summary.stopReason, /first failing seed/);
});

test('declared sites no seed reaches are in the summary, and until-all-sometimes runs to its maximum for them', async () => {
  const spec: StrategySpec = { kind: 'until-all-sometimes', seedsMax: 60, seedsMin: 3 };
  const seen = await run({ strategy: spec, baseSeed: 1 });
  assert.ok(seen.results.length < 60, 'every site the seeds reach is satisfied early');
  const sites = [{ message: 'never', kind: 'reachable' as const, location: 'workloads/fake.ts:7' }];
  const { summary, results } = await run({ strategy: spec, baseSeed: 1, sites });
  assert.equal(results.length, 60);
  assert.deepEqual(summary.coverage.find((row) => row.message === 'never'), { message: 'never', kind: 'reachable', seedsReached: 0, seedsSatisfied: 0, timesReached: 0, timesSatisfied: 0, locations: ['workloads/fake.ts:7'] });
  assert.match(summary.stopReason, /1 of 4 sometimes\/reachable sites still unsatisfied/);
});

test('explicit seeds run exactly as given; a wrong answer from the executor is a clear error', async () => {
  const { results, summary } = await run({ strategy: { kind: 'fixed', seeds: 100 }, baseSeed: 0, seeds: [3735928559, 7] });
  assert.deepEqual(results.map((r) => r.seed), [3735928559, 7]);
  assert.equal(summary.stopReason, 'ran the 2 seeds given');
  await assert.rejects(runCase(plan, { strategy: { kind: 'fixed', seeds: 2 }, baseSeed: 0 }, async (seed) => fakeResult(seed + 1)), /returned the result of seed \d+; return the result of the seed asked for/);
  await assert.rejects(runCase(plan, { strategy: { kind: 'fixed', seeds: 2 }, baseSeed: 0, shard: { index: 3, count: 2 } }, async (seed) => fakeResult(seed)), /1-based/);
  await assert.rejects(runCase(plan, { strategy: { kind: 'fixed', seeds: 2 }, baseSeed: 0, concurrency: 0 }, async (seed) => fakeResult(seed)), /concurrency 0 is not a positive integer/);
});

test('a seed that rejects fails the case with its error, and the seeds beside it still settle', async () => {
  let settled = 0;
  const failing = seedAt(3, 2);
  const execute = async (seed: number) => {
    const result = await finishLater(seed);
    settled++;
    if (seed === failing) throw new Error(`worker lost seed ${seed}`);
    return result;
  };
  await assert.rejects(runCase(plan, { strategy: { kind: 'fixed', seeds: 10 }, baseSeed: 3, concurrency: 4 }, execute), new RegExp(`worker lost seed ${failing}`));
  assert.equal(settled, 6, 'the seeds in flight beside the failing one (indexes 3-5) finished before runCase rejected');
});

test('a concurrency function is asked before each new seed: the window follows it, and results do not depend on it', async () => {
  const strategy: StrategySpec = { kind: 'fixed', seeds: 30 };
  let recordedCount = 0;
  // One at a time for the first ten results, then six: a runner learning the seeds' pace.
  const window = () => (recordedCount < 10 ? 1 : 6);
  let running = 0;
  let runningMax = 0;
  const overruns: string[] = [];
  const out = await runCase(plan, { strategy, baseSeed: 3, concurrency: window }, async (seed) => {
    if (++running > window()) overruns.push(`${running} running after ${recordedCount} results`);
    runningMax = Math.max(runningMax, running);
    const result = await finishLater(seed);
    running--;
    return result;
  }, () => recordedCount++);
  assert.deepEqual(overruns, []);
  assert.equal(runningMax, 6, 'the window grew when the function said so');
  const fixed = await run({ strategy, baseSeed: 3, concurrency: 6 });
  assert.deepEqual(out.results, fixed.results);
  await assert.rejects(runCase(plan, { strategy, baseSeed: 3, concurrency: () => 0 }, async (seed) => fakeResult(seed)), /runCase\(fake\[1\]\): concurrency 0 is not a positive integer/);
});

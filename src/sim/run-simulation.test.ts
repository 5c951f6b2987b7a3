import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sometimesAssert } from '../chaos/assertions.js';
import { seedAt } from '../chaos/seed-at.js';
import { RandomProvider } from '../providers/random-provider.js';
import { TimeProvider } from '../providers/time-provider.js';
import { Inject, Topology, Workload } from '../model/decorators.js';
import { expandLayouts } from '../model/layouts.js';
import { topologyOf } from '../model/metadata.js';
import { runCase } from './run-case.js';
import { runSeed } from './run-seed.js';
import { runSimulation } from './run-simulation.js';
import { EchoClient, EchoServer } from './workloads.test-support.js';

@Workload()
class Roller {
  constructor(@Inject(TimeProvider) readonly time: TimeProvider, @Inject(RandomProvider) readonly random: RandomProvider) {}
  async run(): Promise<void> {
    const roll = this.random.int(1, 6);
    await this.time.sleep(roll);
    sometimesAssert(roll === 6, 'rolled a six');
    sometimesAssert(roll === 7, 'rolled a seven');
    if (roll === 1 && this.random.bool(0.5)) throw new Error('snake eyes');
  }
}

@Topology({ name: 'dice', roles: { player: Roller }, layouts: [{ player: 1 }, { player: 2 }], seeds: 12 })
class Dice {}

@Topology({ name: 'echo-sim', roles: { server: EchoServer, client: EchoClient }, layouts: [{ server: 1, client: 2 }], network: 'perfect' })
class EchoSim {}

test('runSimulation runs every layout with the topology default seed count and reports coverage', async () => {
  const report = await runSimulation({ topology: Dice });
  assert.deepEqual(report.cases.map((c) => [c.caseId, c.seedsRun]), [['dice[1]', 12], ['dice[2]', 12]]);
  assert.equal(report.results.length, 24);
  assert.deepEqual(report.results.slice(0, 12).map((r) => r.seed), Array.from({ length: 12 }, (_, i) => seedAt(0, i)));
  const failing = report.results.filter((r) => !r.ok);
  assert.equal(report.ok, failing.length === 0);
  for (const r of failing) assert.match(r.failure!.message, /snake eyes/);
  assert.deepEqual(report.coverage.map((row) => row.message), ['rolled a seven', 'rolled a six']);
  assert.deepEqual(report.unsatisfied.map((row) => row.message), ['rolled a seven']);
  const six = report.coverage.find((row) => row.message === 'rolled a six')!;
  assert.equal(six.seedsReached, report.results.filter((r) => r.coverage.length > 0).length);
});

test('runSimulation options: seed, layouts, seeds, strategy text and unknown names', async () => {
  const one = await runSimulation({ topology: Dice, seed: 3735928559, layouts: ['2'] });
  assert.deepEqual(one.results.map((r) => [r.caseId, r.seed]), [['dice[2]', 3735928559]]);
  const echo = await runSimulation({ topology: EchoSim, seeds: 4, baseSeed: 9 });
  assert.equal(echo.ok, true, echo.results.find((r) => !r.ok)?.failure?.message);
  assert.equal(echo.results.length, 4);
  const until = await runSimulation({ topology: Dice, layouts: ['1'], strategy: 'until-all-sometimes:2..30' });
  assert.equal(until.results.length, 30, 'rolled a seven is never satisfied, so the maximum runs');
  await assert.rejects(runSimulation({ topology: Dice, layouts: ['3x3'] }), /no layout named 3x3; the layouts are 1, 2/);
  await assert.rejects(runSimulation({ topology: class NotOne {} }), /NotOne is not a @Topology class/);
  const plan = expandLayouts(topologyOf(Dice)!)[0];
  const [first, second] = await Promise.allSettled([runSeed(plan, 1), runSeed(plan, 2)]);
  assert.equal(first.status, 'fulfilled');
  assert.match(String((second as PromiseRejectedResult).reason), /seed dice\[1\] 1 is still running in this thread/);
});

test('runCase over real seeds: concurrency 1, 3 and 8 record the same results; shards cover the run', async () => {
  const plan = expandLayouts(topologyOf(Dice)!)[1];
  const options = { strategy: { kind: 'until-coverage-plateau' as const, window: 5, seedsMax: 40 }, baseSeed: 77 };
  // One seed at a time per thread: concurrent seeds queue behind each other.
  let queue: Promise<unknown> = Promise.resolve();
  const execute = (seed: number) => {
    const result = queue.then(() => runSeed(plan, seed));
    queue = result.catch(() => undefined);
    return result;
  };
  const strip = <T extends { wallMs: number }>(results: T[]) => results.map(({ wallMs: _wall, ...rest }) => rest);
  const runs = [];
  for (const concurrency of [1, 3, 8]) runs.push(await runCase(plan, { ...options, concurrency }, execute));
  assert.deepEqual(strip(runs[1].results), strip(runs[0].results));
  assert.deepEqual(strip(runs[2].results), strip(runs[0].results));
  assert.deepEqual(runs[2].summary, runs[0].summary);
  const fixed = { strategy: { kind: 'fixed' as const, seeds: 10 }, baseSeed: 77 };
  const whole = await runCase(plan, fixed, execute);
  const shards = [];
  for (const index of [1, 2, 3]) shards.push(await runCase(plan, { ...fixed, shard: { index, count: 3 }, concurrency: 2 }, execute));
  const union = shards.flatMap((s) => strip(s.results)).sort((a, b) => a.seed - b.seed);
  assert.deepEqual(union, strip(whole.results).sort((a, b) => a.seed - b.seed));
});

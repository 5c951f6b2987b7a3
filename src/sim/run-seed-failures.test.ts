import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alwaysAssert } from '../chaos/assertions.js';
import { trace } from '../timeline/trace.js';
import { RandomProvider } from '../providers/random-provider.js';
import { TimeProvider } from '../providers/time-provider.js';
import { Inject, Topology, Workload } from './decorators.js';
import { failureOf, Sleeper } from './failing-seed.test-support.js';
import { expandLayouts } from './layouts.js';
import { topologyOf } from './metadata.js';
import { runSeed } from './run-seed.js';

const FILE = 'src/sim/run-seed-failures.test.ts';

test('a throwing constructor fails the seed as setup, naming the process, class and file', async () => {
  @Workload()
  class Exploding {
    constructor() {
      throw new Error('no config');
    }
    run(): void {}
  }
  const failure = await failureOf({ server: Sleeper, client: Exploding });
  assert.deepEqual([failure.kind, failure.where, failure.file], ['setup', 'client#0', FILE]);
  assert.match(failure.message, /the constructor of client#0 \(Exploding, src\/sim\/run-seed-failures\.test\.ts\) threw Error: no config/);
});

test('a failing setup() is a setup failure; the run phase never starts', async () => {
  let ran = false;
  @Workload()
  class BadSetup {
    async setup(): Promise<void> {
      throw new RangeError('port taken');
    }
    run(): void {
      ran = true;
    }
  }
  const failure = await failureOf({ node: BadSetup });
  assert.deepEqual([failure.kind, failure.where], ['setup', 'node#0']);
  assert.match(failure.message, /the setup\(\) of node#0 \(BadSetup, [^)]+\) threw RangeError: port taken/);
  assert.equal(ran, false);
});

test('a throwing run() is a task failure named client#0.run, at the event where it threw', async () => {
  @Workload()
  class Thrower {
    constructor(@Inject(TimeProvider) readonly time: TimeProvider) {}
    async run(): Promise<void> {
      await this.time.sleep(25);
      throw new TypeError('bad reply');
    }
  }
  const failure = await failureOf({ server: Sleeper, client: Thrower });
  assert.deepEqual([failure.kind, failure.where, failure.file, failure.simTimeMs], ['task', 'client#0.run', FILE, 25]);
  assert.match(failure.message, /task failure in client#0\.run \(Thrower, src\/sim\/run-seed-failures\.test\.ts\) at seed 3, 25\.000 ms simulated/);
  assert.match(failure.message, /TypeError: bad reply/);
  assert.match(failure.stack!, /bad reply/);
});

test('an alwaysAssert failure is kind assertion with its call site', async () => {
  @Workload()
  class Asserting {
    constructor(@Inject(RandomProvider) readonly random: RandomProvider) {}
    run(): void {
      alwaysAssert(this.random.int(1, 6) > 6, 'dice above six');
    }
  }
  const failure = await failureOf({ node: Asserting });
  assert.equal(failure.kind, 'assertion');
  assert.match(failure.where!, /^src\/sim\/run-seed-failures\.test\.ts:\d+:\d+$/);
  assert.match(failure.message, /alwaysAssert failed: "dice above six"/);
  assert.equal(failure.message.match(/replay the seed to reproduce it exactly/gi)?.length, 1, `the advice is given once: ${failure.message}`);
});

test('an unresolvable constructor parameter fails the seed as injection, not the process', async () => {
  @Workload()
  class Untokened {
    constructor(readonly time: TimeProvider) {}
    run(): void {}
  }
  const failure = await failureOf({ node: Untokened });
  assert.deepEqual([failure.kind, failure.where, failure.file], ['injection', 'node#0', FILE]);
  assert.match(failure.message, /cannot construct Untokened \(src\/sim\/run-seed-failures\.test\.ts\): constructor parameter 0/);
  assert.match(failure.message, /@Inject\(Token\).*emitDecoratorMetadata/);
});

test('budgets and the reject guard fail the seed with their kinds and replay flags', async () => {
  @Workload()
  class Spinner {
    constructor(@Inject(TimeProvider) readonly time: TimeProvider) {}
    async run(): Promise<void> {
      for (;;) await this.time.sleep(1);
    }
  }
  const budget = await failureOf({ node: Spinner }, {}, { maxEvents: 500 });
  assert.equal(budget.kind, 'budget');
  assert.match(budget.message, /--max-events 500$/);
  @Workload()
  class Clocky {
    run(): void {
      Date.now();
    }
  }
  const guard = await failureOf({ node: Clocky }, {}, { guard: 'reject' });
  assert.equal(guard.kind, 'nondeterminism');
  assert.match(guard.message, /Date\.now\(\) called at .*Inject TimeProvider.*--guard reject$/);
});

test("a failing seed's replay fails the same way at the same event", async () => {
  @Workload()
  class Flaky {
    constructor(@Inject(TimeProvider) readonly time: TimeProvider, @Inject(RandomProvider) readonly random: RandomProvider) {}
    async run(): Promise<void> {
      for (let i = 0; ; i++) {
        await this.time.sleep(this.random.int(1, 50));
        if (this.random.bool(0.1)) throw new Error(`unlucky at step ${i}`);
      }
    }
  }
  const target = class {};
  Topology({ name: 'flaky', roles: { node: Flaky }, layouts: [{ node: 3 }], network: 'hostile' })(target);
  const plan = expandLayouts(topologyOf(target)!)[0];
  for (const seed of [1, 2, 3]) {
    const first = await runSeed(plan, seed);
    const replay = await runSeed(plan, seed);
    assert.equal(first.ok, false);
    assert.deepEqual(replay.failure, first.failure);
    assert.equal(replay.traceHash, first.traceHash);
  }
});

test('a failure carries the last 20 timeline entries up to the failing event, the user\'s trace() among them', async () => {
  @Workload()
  class Tracer {
    constructor(@Inject(TimeProvider) readonly time: TimeProvider) {}
    async run(): Promise<void> {
      for (let i = 0; i < 30; i++) {
        await this.time.sleep(1);
        trace('tick', { i });
      }
      throw new Error('after 30 ticks');
    }
  }
  const failure = await failureOf({ node: Tracer });
  const recent = failure.recent!;
  assert.equal(recent.length, 20);
  assert.ok(recent.every((e) => (e.eventIndex ?? 0) <= failure.eventIndex!));
  const ticks = recent.filter((e) => e.kind === 'user').map((e) => e.text);
  assert.equal(ticks.at(-1), 'tick i=29');
  assert.ok(recent.some((e) => e.kind === 'task' && e.text === 'task node#0.run failed: after 30 ticks'), 'the task that threw, with its error');
});

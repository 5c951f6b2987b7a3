import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alwaysAssert } from '../chaos/assertions.js';
import { trace } from '../timeline/trace.js';
import { RandomProvider } from '../providers/random-provider.js';
import { TimeProvider } from '../providers/time-provider.js';
import { Inject, Topology, Workload } from '../model/decorators.js';
import { failureOf, Sleeper } from './failing-seed.test-support.js';
import { expandLayouts } from '../model/layouts.js';
import { topologyOf } from '../model/metadata.js';
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
  assert.deepEqual([failure.kind, failure.where, failure.className, failure.file], ['setup', 'client#0', 'Exploding', FILE]);
  assert.equal(failure.detail, 'Error: no config', 'the detail is what the constructor threw');
  assert.match(failure.fix!, /^The constructor of client#0 threw this: constructors and setup\(\) must succeed on every seed/);
  assert.match(failure.message, /^setup failure in client#0 \(Exploding, src\/sim\/run-seed-failures\.test\.ts\) at seed 3, 0\.000 ms simulated, event #\d+: Error: no config\. The constructor of client#0 threw this: .* Replay: npx moonpool-test /);
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
  assert.equal(failure.detail, 'RangeError: port taken');
  assert.match(failure.fix!, /^The setup\(\) of node#0 threw this/);
  assert.match(failure.message, /^setup failure in node#0 \(BadSetup, [^)]+\) at seed .*: RangeError: port taken\. The setup\(\) of node#0 threw this/);
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
  assert.equal(failure.detail, 'TypeError: bad reply', 'the detail is what the task threw, with its class');
  assert.match(failure.fix!, /follow the stack/);
  assert.equal(failure.message.match(/bad reply/g)?.length, 1, `said once: ${failure.message}`);
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
  assert.equal(failure.detail, 'dice above six', "the detail is the assertion's own message");
  assert.equal(failure.fix, 'A property the code asserts always holds was false: fix the code or the assertion.');
  assert.match(failure.message, /^assertion failure in src\/sim\/run-seed-failures\.test\.ts:\d+:\d+ at seed 3, [\d.]+ ms simulated, event #\d+: dice above six\. A property/);
  for (const once of [/dice above six/g, /replay/gi, /event #/g, / ms simulated/g]) assert.equal(failure.message.match(once)?.length, 1, `${once} said once: ${failure.message}`);
});

test('an unresolvable constructor parameter fails the seed as injection, not the process', async () => {
  @Workload()
  class Untokened {
    constructor(readonly time: TimeProvider) {}
    run(): void {}
  }
  const failure = await failureOf({ node: Untokened });
  assert.deepEqual([failure.kind, failure.where, failure.file], ['injection', 'node#0', FILE]);
  assert.match(failure.detail, /^cannot construct Untokened \(src\/sim\/run-seed-failures\.test\.ts\): constructor parameter 0/);
  assert.match(failure.fix!, /^Either put @Inject\(Token\) on that parameter .*emitDecoratorMetadata/);
  assert.match(failure.message, /constructor parameter 0 .*\. Either put @Inject\(Token\).*emitDecoratorMetadata/);
});

test('budgets and the reject guard fail the seed with their kinds and replay flags', async () => {
  @Workload()
  class Spinner {
    constructor(@Inject(TimeProvider) readonly time: TimeProvider) {}
    async run(): Promise<void> {
      for (;;) await this.time.sleep(1);
    }
  }
  const budget = await failureOf({ node: Spinner }, {}, { eventsMax: 500 });
  assert.equal(budget.kind, 'budget');
  assert.match(budget.message, /--events-max 500$/);
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

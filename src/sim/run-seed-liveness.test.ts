import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StateRegistry, type StateSnapshot } from '../chaos/state-registry.js';
import { currentWorld } from '../core/current.js';
import { NetworkProvider } from '../providers/network-provider.js';
import { TimeProvider } from '../providers/time-provider.js';
import { Inject, Invariant, Topology, Workload } from '../model/decorators.js';
import { failureOf, Sleeper } from './failing-seed.test-support.js';
import { expandLayouts } from '../model/layouts.js';
import { topologyOf } from '../model/metadata.js';
import { runSeed } from './run-seed.js';
import { TopologyInfo } from '../model/topology-info.js';

const FILE = 'src/sim/run-seed-liveness.test.ts';

test('a deadlock names every blocked task and what it awaits', async () => {
  @Workload('mute', { service: true })
  class MuteServer {
    constructor(@Inject(NetworkProvider) readonly net: NetworkProvider, @Inject(TopologyInfo) readonly info: TopologyInfo) {}
    async run(): Promise<void> {
      const listener = await this.net.listen(this.info.address);
      await listener.accept();
      await listener.accept(); // never replies, never returns
    }
  }
  @Workload()
  class Asker {
    constructor(@Inject(NetworkProvider) readonly net: NetworkProvider, @Inject(TopologyInfo) readonly info: TopologyInfo) {}
    async run(): Promise<void> {
      const conn = await this.net.connect(this.info.peers('server')[0]);
      await conn.write(Uint8Array.of(1));
      await conn.read();
    }
  }
  const failure = await failureOf({ server: MuteServer, client: Asker });
  assert.equal(failure.kind, 'deadlock');
  assert.match(failure.message, /client#0\.run awaiting read\(10\.0\.0\.2:\d+<-10\.0\.0\.1:4500\)/);
  assert.match(failure.message, /server#0\.run awaiting accept\(10\.0\.0\.1:4500\)/);
  assert.deepEqual([failure.where, failure.file], ['server#0.run', FILE], 'where is the first blocked task');
});

test('an invariant violation stops the seed at the event that broke it', async () => {
  let brokenAt = -1;
  @Workload()
  class Counter {
    constructor(@Inject(TimeProvider) readonly time: TimeProvider, @Inject(StateRegistry) readonly registry: StateRegistry) {}
    async run(): Promise<void> {
      for (let count = 1; count <= 5; count++) {
        await this.time.sleep(10);
        this.registry.set('count', count);
        if (count === 3) brokenAt = currentWorld()!.eventIndex;
      }
    }
  }
  @Invariant('count-below-3')
  class CountBelowThree {
    check(state: StateSnapshot): void {
      if ((state.get<number>('count') ?? 0) >= 3) throw new Error(`count is ${state.get('count')}`);
    }
  }
  const failure = await failureOf({ node: Counter }, { invariants: [CountBelowThree] });
  assert.deepEqual([failure.kind, failure.where, failure.file, failure.simTimeMs], ['invariant', 'invariant "count-below-3"', FILE, 30]);
  assert.ok(brokenAt > 0);
  assert.equal(failure.eventIndex, brokenAt);
  assert.equal(failure.detail, 'count is 3', "the detail is the invariant's own error");
  assert.match(failure.fix!, /^The registered state broke this property at this event \("sleep"\)/);
  assert.match(failure.message, /^invariant failure in invariant "count-below-3" \([^)]+\) at seed 3, 30\.000 ms simulated, event #\d+: count is 3\. The registered state broke/);
  assert.match(failure.stack!, /count is 3/);
});

test('a check() that never completes is a liveness failure at the bound, naming what it awaits', async () => {
  @Workload()
  class Patient {
    constructor(@Inject(TopologyInfo) readonly info: TopologyInfo, @Inject(TimeProvider) readonly time: TimeProvider) {}
    async run(): Promise<void> {
      await this.time.sleep(100);
    }
    async check(): Promise<void> {
      await this.time.sleep(1);
      await this.info.shutdown; // fires only after every check: never here
    }
  }
  const failure = await failureOf({ node: Patient }, { livenessTimeoutMs: 5000 });
  assert.deepEqual([failure.kind, failure.where, failure.simTimeMs], ['liveness', 'node#0.check', 5100]);
  assert.match(failure.message, /check\(\) did not complete within 5000 ms of simulated time after faults stopped; still running: node#0\.check awaiting topology\.shutdown/);
  assert.match(failure.message, /raise livenessTimeoutMs/);
});

test('a service that ignores topology.shutdown fails liveness; a well-behaved one returns', async () => {
  @Workload('stubborn', { service: true })
  class Stubborn {
    constructor(@Inject(TimeProvider) readonly time: TimeProvider) {}
    async run(): Promise<void> {
      for (;;) await this.time.sleep(1000);
    }
  }
  const failure = await failureOf({ server: Stubborn, client: Sleeper }, { livenessTimeoutMs: 3000 });
  assert.deepEqual([failure.kind, failure.where], ['liveness', 'server#0.run']);
  assert.match(failure.message, /services did not return from run\(\) within 3000 ms .* after topology\.shutdown fired; still running: server#0\.run awaiting sleep\(1000 ms\)/);

  @Workload('polite', { service: true })
  class Polite {
    constructor(@Inject(TimeProvider) readonly time: TimeProvider, @Inject(TopologyInfo) readonly info: TopologyInfo) {}
    async run(): Promise<void> {
      while (!this.info.shutdown.requested) await this.time.sleep(1000);
    }
  }
  const target = class {};
  Topology({ name: 'polite', roles: { server: Polite, client: Sleeper }, layouts: [{ server: 1, client: 1 }] })(target);
  const result = await runSeed(expandLayouts(topologyOf(target)!)[0], 3);
  assert.equal(result.ok, true, result.failure?.message);
  assert.equal(result.simTimeMs, 1000, 'the service returned at its next wake-up after shutdown');
});

/** check() waits for the shutdown that only comes after every check: it never completes. */
@Workload()
class NeverChecks {
  constructor(@Inject(TopologyInfo) readonly info: TopologyInfo, @Inject(TimeProvider) readonly time: TimeProvider) {}
  async run(): Promise<void> {
    await this.time.sleep(100);
  }
  async check(): Promise<void> {
    await this.info.shutdown;
  }
}

test('SeedRunOptions.livenessTimeoutMs overrides the topology bound, declared or default, and replays', async () => {
  const declared = await failureOf({ node: NeverChecks }, { livenessTimeoutMs: 5000 }, { livenessTimeoutMs: 2000 });
  assert.deepEqual([declared.kind, declared.simTimeMs], ['liveness', 2100]);
  assert.match(declared.message, /within 2000 ms of simulated time/);
  assert.match(declared.message, /Replay: npx moonpool-test \S+ --layout 1 --seed 3 --liveness-timeout-ms 2000$/);
  const defaulted = await failureOf({ node: NeverChecks }, {}, { livenessTimeoutMs: 700 });
  assert.deepEqual([defaulted.kind, defaulted.simTimeMs], ['liveness', 800]);
  // The topology's own bound given again changes nothing, so the replay does not repeat it.
  const same = await failureOf({ node: NeverChecks }, { livenessTimeoutMs: 900 }, { livenessTimeoutMs: 900 });
  assert.equal(same.simTimeMs, 1000);
  assert.doesNotMatch(same.message, /Replay: .*--liveness-timeout-ms/);
});

test('a livenessTimeoutMs that is no positive number is a RangeError naming the case', async () => {
  const target = class {};
  Topology({ name: 'liveness-option', roles: { node: Sleeper }, layouts: [{ node: 1 }] })(target);
  const plan = expandLayouts(topologyOf(target)!)[0];
  for (const bad of [0, -5, Number.NaN, Number.POSITIVE_INFINITY, '100' as unknown as number]) {
    await assert.rejects(runSeed(plan, 1, { livenessTimeoutMs: bad }), (error) =>
      error instanceof RangeError && /^runSeed\(liveness-option\[1\]\): livenessTimeoutMs \S+ must be a positive number/.test(error.message));
  }
});

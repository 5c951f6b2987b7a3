import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StateRegistry, type ProcessInfo, type StateSnapshot } from '../chaos/state-registry.js';
import { ConnectionResetError } from '../providers/network-errors.js';
import { NetworkProvider } from '../providers/network-provider.js';
import { TimeProvider } from '../providers/time-provider.js';
import { Inject, Invariant, Topology, Workload } from '../model/decorators.js';
import type { Constructor, WorkloadInstance } from '../model/definitions.js';
import { expandLayouts } from '../model/layouts.js';
import { topologyOf } from '../model/metadata.js';
import { ProcessFaults } from '../model/process-faults.js';
import type { SeedResult } from '../model/report.js';
import { runSeed } from '../sim/run-seed.js';
import type { SeedRunOptions } from '../sim/seed-options.js';
import { TopologyInfo } from '../model/topology-info.js';

let topologies = 0;

async function runTopology(
  roles: Record<string, Constructor<WorkloadInstance>>,
  counts: Record<string, number>,
  extra: object = {},
  seed = 1,
  options: SeedRunOptions = {},
): Promise<SeedResult> {
  const target = class {};
  Topology({ name: `reboot-${++topologies}`, roles, layouts: [counts], network: 'perfect', ...extra })(target);
  return runSeed(expandLayouts(topologyOf(target)!)[0], seed, options);
}

/** What the tests below watch: every life of the echo server, by incarnation. */
interface Life {
  incarnation: number;
  started: number;
  /** Set by code that must never run once the incarnation crashed. */
  resumedAfterDeath: boolean;
  signalled: boolean;
  returned: boolean;
}
let lives: Life[] = [];

/** A server that echoes one byte per read; it also sleeps in a side task, to prove that a
 * crashed incarnation's sleeps never resume. With `ignoreStop`, its first incarnation ignores
 * its stop signal. */
function echoServer(ignoreStop: boolean) {
  @Workload('echo-server', { service: true })
  class EchoServer {
    constructor(
      @Inject(NetworkProvider) readonly net: NetworkProvider,
      @Inject(TopologyInfo) readonly info: TopologyInfo,
      @Inject(TimeProvider) readonly time: TimeProvider,
      @Inject(StateRegistry) readonly state: StateRegistry,
    ) {}

    async run(): Promise<void> {
      const life: Life = { incarnation: this.info.incarnation, started: this.time.now(), resumedAfterDeath: false, signalled: false, returned: false };
      lives.push(life);
      this.state.set(`server/${this.info.incarnation}`, { started: life.started });
      const listener = await this.net.listen(this.info.address);
      void this.info.shutdown.then(() => {
        life.signalled = true;
        if (!ignoreStop || this.info.incarnation > 0) listener.close();
      });
      void this.time.sleep(10_000).then(() => {
        if (lives.at(-1) !== life || !this.info.shutdown.requested) life.resumedAfterDeath = true;
      });
      try {
        for (;;) {
          const conn = await listener.accept();
          void (async () => {
            for (let bytes = await conn.read(); bytes !== null; bytes = await conn.read()) await conn.write(bytes);
          })().catch(() => undefined);
        }
      } catch {
        // The listener closed: shutdown.
      }
      life.returned = true;
    }
  }
  return EchoServer;
}

/** Sends a byte every 50 ms for 3 s, reconnecting after any connection error; records errors. */
let clientErrors: string[] = [];
@Workload('echo-client')
class EchoClient {
  constructor(
    @Inject(NetworkProvider) readonly net: NetworkProvider,
    @Inject(TopologyInfo) readonly info: TopologyInfo,
    @Inject(TimeProvider) readonly time: TimeProvider,
  ) {}

  async run(): Promise<void> {
    const server = this.info.peers('server')[0];
    while (this.time.now() < 3_000) {
      try {
        const conn = await this.net.connect(server);
        while (this.time.now() < 3_000) {
          await conn.write(Uint8Array.of(7));
          if ((await conn.read()) === null) throw new Error('closed');
          await this.time.sleep(50);
        }
        conn.close();
      } catch (error) {
        clientErrors.push(error instanceof Error ? error.constructor.name : String(error));
        await this.time.sleep(20);
      }
    }
  }
}

let observed: { at: number; processes: readonly ProcessInfo[] }[] = [];
function nemesis(kind: 'crash' | 'graceful' | 'wipe', options: { downMs?: number; graceMs?: number }) {
  @Workload('nemesis')
  class Nemesis {
    constructor(
      @Inject(ProcessFaults) readonly faults: ProcessFaults,
      @Inject(TopologyInfo) readonly info: TopologyInfo,
      @Inject(TimeProvider) readonly time: TimeProvider,
    ) {}

    async run(): Promise<void> {
      const server = this.info.peers('server')[0];
      await this.time.sleep(1_000);
      assert.equal(this.faults.isUp(server), true);
      const stoppedAt = this.time.now();
      await this.faults.reboot(server, kind, options);
      observed.push({ at: this.time.now() - stoppedAt, processes: this.faults.processes() });
      assert.equal(this.faults.incarnation(server), 1);
    }
  }
  return Nemesis;
}

let downSeen: ProcessInfo[][] = [];
@Invariant('record who is down')
class RecordDown {
  check(state: StateSnapshot): void {
    const down = state.processes().filter((p) => !p.up);
    if (down.length > 0) downSeen.push([...down]);
  }
}

function reset(): void {
  lives = [];
  clientErrors = [];
  observed = [];
  downSeen = [];
}

test('a crashed server runs no more code, its peers see resets, and a fresh incarnation takes its address', async () => {
  reset();
  const result = await runTopology(
    { server: echoServer(false), client: EchoClient, nemesis: nemesis('crash', { downMs: 300 }) },
    { server: 1, client: 1, nemesis: 1 },
    { invariants: [RecordDown] },
  );
  assert.equal(result.ok, true, result.failure?.message);
  assert.deepEqual(lives.map((l) => l.incarnation), [0, 1]);
  assert.equal(lives[0].resumedAfterDeath, false, "the dead incarnation's sleep never resumed");
  assert.equal(lives[0].returned, false, 'a crashed run() never returns');
  assert.equal(lives[0].signalled, false, 'a crash fires no stop signal');
  assert.equal(lives[1].started, 1_300, 'restarted after its 300 ms down time');
  assert.ok(clientErrors.includes(ConnectionResetError.name), `the client saw the reset: ${clientErrors.join(', ')}`);
  assert.deepEqual(observed[0].at, 300, 'reboot() resolves once the new incarnation is set up');
  assert.deepEqual(observed[0].processes.find((p) => p.role === 'server'), { address: '10.0.0.1:4500', role: 'server', index: 0, zone: 0, up: true, incarnation: 1 });
  assert.ok(downSeen.length > 0 && downSeen.every((d) => d.length === 1 && d[0].address === '10.0.0.1:4500'), 'invariants saw the server down');
  assert.deepEqual(result.faults.rebootCrash, 1);
  assert.deepEqual(result.reboots, [{ timeMs: 1_000, address: '10.0.0.1:4500', kind: 'crash', downMs: 300 }]);
});

test("registry entries a process set survive its crash: they are the model's record", async () => {
  reset();
  let seen: string[] = [];
  @Invariant('server entries')
  class ServerEntries {
    check(state: StateSnapshot): void {
      seen = state.keys().filter((k) => k.startsWith('server/'));
    }
  }
  const result = await runTopology(
    { server: echoServer(false), client: EchoClient, nemesis: nemesis('crash', { downMs: 100 }) },
    { server: 1, client: 1, nemesis: 1 },
    { invariants: [ServerEntries] },
  );
  assert.equal(result.ok, true, result.failure?.message);
  assert.deepEqual(seen, ['server/0', 'server/1']);
});

test('a graceful stop fires the stop signal; a server that returns exits at once, and restarts after its down time', async () => {
  reset();
  const result = await runTopology(
    { server: echoServer(false), client: EchoClient, nemesis: nemesis('graceful', { downMs: 200, graceMs: 500 }) },
    { server: 1, client: 1, nemesis: 1 },
  );
  assert.equal(result.ok, true, result.failure?.message);
  assert.equal(lives[0].signalled, true);
  assert.equal(lives[0].returned, true, 'run() returned within its grace period');
  assert.equal(lives[0].resumedAfterDeath, false);
  assert.equal(lives[1].started, 1_200, 'it exited at once (no grace spent), then stayed down 200 ms');
  assert.equal(result.faults.rebootGraceful, 1);
});

test('a graceful stop that is ignored becomes a crash when the grace period ends', async () => {
  reset();
  const result = await runTopology(
    { server: echoServer(true), client: EchoClient, nemesis: nemesis('graceful', { downMs: 200, graceMs: 500 }) },
    { server: 1, client: 1, nemesis: 1 },
  );
  assert.equal(result.ok, true, result.failure?.message);
  assert.equal(lives[0].signalled, true);
  assert.equal(lives[0].returned, false);
  assert.equal(lives[1].started, 1_700, 'crashed after 500 ms of grace, then down 200 ms');
});

test('a process kept down (downMs Infinity) restarts when the liveness phase begins', async () => {
  reset();
  let backAt = -1;
  @Workload('keep-down')
  class KeepDown {
    constructor(
      @Inject(TimeProvider) readonly time: TimeProvider,
      @Inject(ProcessFaults) readonly faults: ProcessFaults,
    ) {}
    async run(): Promise<void> {
      await this.time.sleep(1_000);
      // Not awaited: this workload's run() must return for the safety phase to end.
      void this.faults.reboot('10.0.0.1:4500', 'crash', { downMs: Infinity }).then(() => (backAt = this.time.now()));
      await this.time.sleep(1_000);
    }
    async check(): Promise<void> {
      assert.equal(this.faults.isUp('10.0.0.1:4500'), true, 'every process is up before check()');
    }
  }
  const result = await runTopology({ server: echoServer(false), nemesis: KeepDown }, { server: 1, nemesis: 1 });
  assert.equal(result.ok, true, result.failure?.message);
  assert.deepEqual(lives.map((l) => [l.incarnation, l.started]), [[0, 0], [1, 2_000]], 'down from 1 s until the safety phase ended at 2 s');
  assert.equal(backAt, 2_000, 'reboot() resolved once the process was back');
  assert.deepEqual(result.reboots, [{ timeMs: 1_000, address: '10.0.0.1:4500', kind: 'crash', downMs: Infinity }]);
});

test('wipe is a crash that also erases the disk (reported as its own kind)', async () => {
  reset();
  const result = await runTopology(
    { server: echoServer(false), client: EchoClient, nemesis: nemesis('wipe', { downMs: 50 }) },
    { server: 1, client: 1, nemesis: 1 },
  );
  assert.equal(result.ok, true, result.failure?.message);
  assert.deepEqual(result.reboots?.map((r) => r.kind), ['wipe']);
  assert.equal(lives[0].resumedAfterDeath, false);
});

test('reboot() of an unknown address names the valid ones; bad kinds and options are RangeErrors', async () => {
  const messages: string[] = [];
  @Workload('bad-nemesis')
  class BadNemesis {
    constructor(@Inject(ProcessFaults) readonly faults: ProcessFaults) {}
    async run(): Promise<void> {
      for (const call of [
        () => this.faults.reboot('10.0.0.9:4500', 'crash'),
        () => this.faults.reboot('10.0.0.1:4500', 'explode' as 'crash'),
        () => this.faults.reboot('10.0.0.1:4500', 'crash', { downMs: -1 }),
        () => this.faults.reboot('10.0.0.1:4500', 'crash', { down: 5 } as object),
        () => this.faults.rebootZone(7, 'crash'),
      ]) {
        try {
          await call();
        } catch (error) {
          messages.push((error as Error).message);
        }
      }
    }
  }
  const result = await runTopology({ server: echoServer(false), nemesis: BadNemesis }, { server: 1, nemesis: 1 });
  assert.equal(result.ok, true, result.failure?.message);
  assert.equal(messages.length, 5);
  assert.match(messages[0], /no process has the address "10\.0\.0\.9:4500".*the addresses are 10\.0\.0\.1:4500, 10\.0\.0\.2:4500/);
  assert.match(messages[1], /kind "explode" is not one of 'graceful', 'crash', 'wipe'/);
  assert.match(messages[2], /downMs -1 must be a number of simulated ms >= 0/);
  assert.match(messages[3], /unknown option "down"; the options are downMs and graceMs/);
  assert.match(messages[4], /no process is in zone 7.*the zones are 0, 1/);
});

/** A service that never stops on its own, to be killed by attrition. */
@Workload('idle-service', { service: true })
class IdleService {
  constructor(@Inject(TopologyInfo) readonly info: TopologyInfo) {}
  async run(): Promise<void> {
    await this.info.shutdown;
  }
}

/** Keeps the safety phase going for 60 simulated seconds. */
@Workload('timer')
class Timer {
  constructor(@Inject(TimeProvider) readonly time: TimeProvider) {}
  async run(): Promise<void> {
    await this.time.sleep(60_000);
  }
}

let downMax = 0;
let downSets: string[] = [];
@Invariant('watch attrition')
class WatchAttrition {
  check(state: StateSnapshot): void {
    const down = state.processes().filter((p) => !p.up);
    downMax = Math.max(downMax, down.length);
    if (down.length > 0) downSets.push(down.map((p) => `${p.zone}:${p.address}`).join(' '));
  }
}

test('attrition keeps at most deadMax processes down, restarts them all before check(), and replays exactly', async () => {
  const hashes: string[] = [];
  for (const seed of [1, 2, 3]) {
    downMax = 0;
    const attrition = { deadMax: 2, kinds: { crash: 1, graceful: 1 }, intervalMs: [200, 800], downMs: [100, 3_000], roles: ['node'] };
    const run = () => runTopology({ node: IdleService, timer: Timer }, { node: 5, timer: 1 }, { attrition, invariants: [WatchAttrition] }, seed);
    const first = await run();
    assert.equal(first.ok, true, first.failure?.message);
    assert.ok(downMax >= 1 && downMax <= 2, `at most 2 down at once, saw ${downMax}`);
    const stops = (first.faults.rebootCrash ?? 0) + (first.faults.rebootGraceful ?? 0);
    assert.ok(stops >= 20, `about one stop per 500 ms over 60 s, saw ${stops}`);
    assert.ok(first.reboots!.every((r) => r.address !== '10.0.0.6:4500'), 'only the node role is attrited');
    assert.ok(first.reboots!.every((r) => r.timeMs <= 60_000), 'attrition runs in the safety phase only');
    const again = await run();
    assert.equal(again.traceHash, first.traceHash);
    assert.deepEqual(again.reboots, first.reboots);
    hashes.push(first.traceHash);
  }
  assert.equal(new Set(hashes).size, 3, 'seeds differ');
});

test('attrition with scope zone takes a whole zone down together', async () => {
  downMax = 0;
  downSets = [];
  const attrition = { deadMax: 2, intervalMs: [300, 900], downMs: [100, 500], roles: ['node'], scope: 'zone' };
  const result = await runTopology({ node: IdleService, timer: Timer }, { node: 6, timer: 1 }, { attrition, zones: 3, invariants: [WatchAttrition] }, 4);
  assert.equal(result.ok, true, result.failure?.message);
  assert.ok(downSets.length > 0);
  for (const set of downSets) {
    const zones = new Set(set.split(' ').map((entry) => entry.split(':')[0]));
    assert.equal(zones.size, 1, `one whole zone down at a time (zone 0 holds 3 processes, more than deadMax): ${set}`);
  }
});

test('--attrition off disables a topology\'s attrition; on adds the default one to a topology without', async () => {
  const attrition = { deadMax: 1, intervalMs: [200, 800], downMs: [100, 500] };
  const off = await runTopology({ node: IdleService, timer: Timer }, { node: 2, timer: 1 }, { attrition }, 1, { attrition: 'off' });
  assert.equal(off.reboots, undefined);
  assert.match(off.replay, /--attrition off/);
  const on = await runTopology({ node: IdleService, timer: Timer }, { node: 2, timer: 1 }, {}, 1, { attrition: 'on' });
  assert.ok((on.reboots?.length ?? 0) > 0);
  assert.match(on.replay, /--attrition on/);
  assert.match(String(on.options.attrition), /^deadMax 1 kinds graceful:1 crash:2 wipe:1/);
});

test('bad attrition and zones are DefinitionErrors naming the topology, the key and the valid form', () => {
  const define = (extra: object) => () =>
    Topology({ name: 'bad-attrition', roles: { node: IdleService, timer: Timer }, layouts: [{ node: 2, timer: 1 }], ...extra })(class BadAttrition {});
  const base = { deadMax: 1, intervalMs: [100, 200], downMs: [0, 10] };
  const cases: [object, RegExp][] = [
    [{ attrition: { ...base, maxdead: 1 } }, /unknown key "maxdead" \(the keys are deadMax, kinds/],
    [{ attrition: { ...base, maxDead: 1 } }, /give deadMax only \(maxDead is its first spelling\)/],
    [{ attrition: { ...base, deadMax: 3 } }, /deadMax 3 must be less than the process count of every layout \(the smallest has 3\)/],
    [{ attrition: { ...base, intervalMs: [200, 100] } }, /intervalMs \[200,100\] must be \[min, max\] simulated ms with 0 < min <= max/],
    [{ attrition: { ...base, downMs: [-5, 10] } }, /downMs \[-5,10\] must be \[min, max\]/],
    [{ attrition: { ...base, roles: ['server'] } }, /unknown role "server" in roles \(the roles are node, timer\)/],
    [{ attrition: { ...base, kinds: { explode: 1 } } }, /unknown kind "explode"/],
    [{ attrition: { ...base, scope: 'rack' } }, /scope "rack" must be 'process' or 'zone'/],
    [{ zones: 4 }, /zones 4 must be an integer from 1 to the process count of every layout \(the smallest has 3\)/],
  ];
  for (const [extra, message] of cases) {
    assert.throws(define(extra), (error: Error) => {
      assert.equal(error.name, 'DefinitionError');
      assert.match(error.message, /@Topology on BadAttrition/);
      assert.match(error.message, message);
      return true;
    });
  }
  // The first spelling of deadMax (API.md's) still works.
  class FirstSpelling {}
  Topology({ name: 'first-spelling', roles: { node: IdleService, timer: Timer }, layouts: [{ node: 2, timer: 1 }], attrition: { maxDead: 1, intervalMs: [100, 200], downMs: [0, 10] } })(FirstSpelling);
  assert.equal(topologyOf(FirstSpelling)?.attrition?.deadMax, 1);
  assert.throws(define({ attrition: { ...base, deadMax: 0 } }), /Write it as attrition: \{ deadMax: 1, kinds:/);
});

test('zones place processes round-robin; without zones each process is its own', async () => {
  const zonesSeen: number[][] = [];
  @Workload('zone-reporter')
  class ZoneReporter {
    constructor(@Inject(TopologyInfo) readonly info: TopologyInfo, @Inject(ProcessFaults) readonly faults: ProcessFaults) {}
    async run(): Promise<void> {
      if (this.info.index === 0) zonesSeen.push(this.faults.processes().map((p) => p.zone));
    }
  }
  await runTopology({ node: ZoneReporter }, { node: 5 }, { zones: 2 });
  await runTopology({ node: ZoneReporter }, { node: 3 });
  assert.deepEqual(zonesSeen, [[0, 1, 0, 1, 0], [0, 1, 2]]);
});

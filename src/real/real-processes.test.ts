// Processes crash and reboot in --real: ProcessFaults and attrition over real sockets on
// 127.0.0.1 and real timers. The topologies live here; each run records what its processes did
// in `probe`, and a stopped incarnation that resumes anyway is noted as a zombie.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StateSnapshot } from '../chaos/state-registry.js';
import type { Connection } from '../providers/network-provider.js';
import { NetworkProvider } from '../providers/network-provider.js';
import { TaskProvider } from '../providers/task-provider.js';
import { TimeProvider } from '../providers/time-provider.js';
import { Inject, Invariant, Topology, Workload } from '../model/decorators.js';
import { expandLayouts } from '../model/layouts.js';
import { topologyOf } from '../model/metadata.js';
import { ProcessFaults } from '../model/process-faults.js';
import { TopologyInfo } from '../model/topology-info.js';
import { runRealCase } from './run-real.js';

/** How long the probes of a stopped incarnation would take to resume (real ms). */
const PROBE_MS = 250;

function freshProbe() {
  return {
    /** `server#0@1` at each setup(). */
    started: [] as string[],
    /** Continuations of an incarnation after it was stopped (none may run). */
    zombies: [] as string[],
    /** When each incarnation armed its probes (real ms, performance.now()). */
    armedAt: new Map<string, number>(),
    /** When the client asked for each stop. */
    stopAskedAt: [] as number[],
    /** Incarnations whose run() returned because their shutdown fired. */
    returnedOnShutdown: [] as string[],
    stubbornSawShutdown: false,
    /** The server incarnation that answered each request. */
    replies: [] as number[],
    /** Codes of the connection errors the clients saw, in order. */
    errors: [] as string[],
    /** Most processes the invariant saw down at once. */
    downSeen: 0,
    /** Every process was up when the client's check() ran. */
    upAtCheck: undefined as boolean | undefined,
    /** How long the attrition client keeps asking (real ms). */
    windowMs: 500,
  };
}
let probe = freshProbe();

function nameOf(info: TopologyInfo): string {
  return `${info.role}#${info.index}@${info.incarnation}`;
}

/** Notes `what` as a zombie if the incarnation running it was stopped (its process is down, or
 * up as a later incarnation): the flag dead code would set. */
function resumed(faults: ProcessFaults, info: TopologyInfo, what: string): void {
  if (!faults.isUp(info.address) || faults.incarnation(info.address) !== info.incarnation) probe.zombies.push(`${nameOf(info)} ${what}`);
}

function errorCode(error: unknown): string {
  return (error as { code?: string }).code ?? String(error);
}

/** A service answering each byte with its incarnation, with a sleep, a timeout and a task armed
 * at start that a stop must leave pending forever. */
@Workload('reboot-server', { service: true })
class RebootServer {
  constructor(
    @Inject(NetworkProvider) private readonly net: NetworkProvider,
    @Inject(TopologyInfo) private readonly info: TopologyInfo,
    @Inject(TimeProvider) private readonly time: TimeProvider,
    @Inject(TaskProvider) private readonly tasks: TaskProvider,
    @Inject(ProcessFaults) private readonly faults: ProcessFaults,
  ) {}

  setup(): void {
    probe.started.push(nameOf(this.info));
  }

  async run(): Promise<void> {
    const listener = await this.net.listen(this.info.address);
    this.resumed('listen');
    this.armProbes();
    void this.info.shutdown.then(() => {
      this.resumed('shutdown');
      listener.close();
    });
    for (;;) {
      const connection = await listener.accept().catch(() => undefined);
      this.resumed('accept');
      if (connection === undefined) {
        probe.returnedOnShutdown.push(nameOf(this.info));
        return;
      }
      void this.serve(connection);
    }
  }

  private async serve(connection: Connection): Promise<void> {
    for (;;) {
      const bytes = await connection.read().catch(() => null);
      this.resumed('read');
      if (bytes === null) return connection.close();
      await connection.write(new Uint8Array([this.info.incarnation])).catch(() => undefined);
      this.resumed('write');
    }
  }

  private armProbes(): void {
    probe.armedAt.set(nameOf(this.info), this.time.now());
    void this.time.sleep(PROBE_MS).then(() => this.resumed('sleep'));
    void this.time.timeout(PROBE_MS, new Promise(() => undefined)).catch(() => this.resumed('timeout'));
    const task = this.tasks.spawn('probe', async () => {
      await this.time.sleep(PROBE_MS);
      this.resumed('task sleep');
    });
    void task.join().then(() => this.resumed('join'));
  }

  private resumed(what: string): void {
    resumed(this.faults, this.info, what);
  }
}

/** A service whose first incarnation ignores a graceful stop (it keeps sleeping), so the grace
 * period ends in a crash; later incarnations return when told. */
@Workload('stubborn', { service: true })
class Stubborn {
  constructor(
    @Inject(TopologyInfo) private readonly info: TopologyInfo,
    @Inject(TimeProvider) private readonly time: TimeProvider,
    @Inject(ProcessFaults) private readonly faults: ProcessFaults,
  ) {}

  setup(): void {
    probe.started.push(nameOf(this.info));
  }

  async run(): Promise<void> {
    await this.info.shutdown;
    if (this.info.incarnation === 0) {
      probe.stubbornSawShutdown = true;
      probe.armedAt.set(nameOf(this.info), this.time.now());
      await this.time.sleep(PROBE_MS);
      resumed(this.faults, this.info, 'sleep past its grace period');
    }
    probe.returnedOnShutdown.push(nameOf(this.info));
  }
}

/** The nemesis and the client in one: crashes the server, then stops it gracefully, then the
 * stubborn service, checking the server's answers in between. */
@Workload('reboot-client')
class RebootClient {
  constructor(
    @Inject(NetworkProvider) private readonly net: NetworkProvider,
    @Inject(TopologyInfo) private readonly info: TopologyInfo,
    @Inject(TimeProvider) private readonly time: TimeProvider,
    @Inject(ProcessFaults) private readonly faults: ProcessFaults,
  ) {}

  setup(): void {
    probe.started.push(nameOf(this.info));
  }

  async run(): Promise<void> {
    const [server] = this.info.peers('server');
    const [stubborn] = this.info.peers('stubborn');
    // Incarnation 0 answers, and waits in read() for more on the open connection.
    const first = await this.connect(server);
    await this.ask(first);
    probe.stopAskedAt.push(this.time.now());
    const back = this.faults.reboot(server, 'crash', { downMs: 100 });
    await first.read().then(
      () => probe.errors.push('read settled'),
      (error: unknown) => probe.errors.push(errorCode(error)),
    );
    // Down: refused.
    await this.net.connect(server).then(
      (c) => (probe.errors.push('connected while down'), c.reset()),
      (error: unknown) => probe.errors.push(errorCode(error)),
    );
    await back;
    const second = await this.connect(server);
    await this.ask(second);
    probe.stopAskedAt.push(this.time.now());
    await this.faults.reboot(server, 'graceful', { downMs: 20, graceMs: 5_000 });
    await second.read().then(
      () => probe.errors.push('read settled'),
      (error: unknown) => probe.errors.push(errorCode(error)),
    );
    const third = await this.connect(server);
    await this.ask(third);
    third.close();
    await this.faults.reboot(stubborn, 'graceful', { downMs: 20, graceMs: 50 });
  }

  /** Connects, retrying while the server is not listening yet. */
  private async connect(address: string): Promise<Connection> {
    for (;;) {
      try {
        return await this.net.connect(address);
      } catch {
        await this.time.sleep(2);
      }
    }
  }

  private async ask(connection: Connection): Promise<void> {
    await connection.write(new Uint8Array([1]));
    const reply = await connection.read();
    probe.replies.push(reply![0]);
  }
}

@Invariant('processes down')
class DownCounter {
  check(state: StateSnapshot): void {
    const down = state.processes().filter((p) => !p.up).length;
    probe.downSeen = Math.max(probe.downSeen, down);
    if (down > 1) throw new Error(`${down} processes down at once: ${JSON.stringify(state.processes())}`);
  }
}

@Topology({
  name: 'real-reboot',
  roles: { server: RebootServer, stubborn: Stubborn, client: RebootClient },
  layouts: [{ server: 1, stubborn: 1, client: 1 }],
  invariants: [DownCounter],
})
class RebootTopology {}

/** A service answering with its incarnation (no probes), stopped by attrition. */
@Workload('attrition-node', { service: true })
class AttritionNode {
  constructor(
    @Inject(NetworkProvider) private readonly net: NetworkProvider,
    @Inject(TopologyInfo) private readonly info: TopologyInfo,
    @Inject(TimeProvider) private readonly time: TimeProvider,
    @Inject(ProcessFaults) private readonly faults: ProcessFaults,
  ) {}

  async run(): Promise<void> {
    const listener = await this.net.listen(this.info.address);
    resumed(this.faults, this.info, 'listen');
    probe.armedAt.set(nameOf(this.info), this.time.now());
    void this.time.sleep(PROBE_MS).then(() => resumed(this.faults, this.info, 'sleep'));
    void this.info.shutdown.then(() => listener.close());
    for (;;) {
      const connection = await listener.accept().catch(() => undefined);
      resumed(this.faults, this.info, 'accept');
      if (connection === undefined) return;
      void (async () => {
        for (let bytes = await connection.read(); bytes !== null; bytes = await connection.read()) {
          resumed(this.faults, this.info, 'read');
          await connection.write(new Uint8Array([this.info.incarnation]));
        }
        connection.close();
      })().catch(() => resumed(this.faults, this.info, 'connection error'));
    }
  }
}

/** Asks the nodes in turn for `probe.windowMs`, shrugging off the errors of stopped ones. */
@Workload('attrition-client')
class AttritionClient {
  constructor(
    @Inject(NetworkProvider) private readonly net: NetworkProvider,
    @Inject(TopologyInfo) private readonly info: TopologyInfo,
    @Inject(TimeProvider) private readonly time: TimeProvider,
    @Inject(ProcessFaults) private readonly faults: ProcessFaults,
  ) {}

  async run(): Promise<void> {
    const nodes = this.info.peers('node');
    const endMs = this.time.now() + probe.windowMs;
    for (let i = 0; this.time.now() < endMs; i++) {
      try {
        const connection = await this.time.timeout(200, this.net.connect(nodes[i % nodes.length]));
        await connection.write(new Uint8Array([1]));
        const reply = await this.time.timeout(200, connection.read());
        if (reply !== null) probe.replies.push(reply[0]);
        connection.close();
      } catch (error) {
        probe.errors.push(errorCode(error));
        await this.time.sleep(1);
      }
    }
  }

  check(): void {
    probe.upAtCheck = this.faults.processes().every((p) => p.up);
  }
}

@Topology({
  name: 'real-attrition',
  roles: { node: AttritionNode, client: AttritionClient },
  layouts: [{ node: 3, client: 1 }],
  invariants: [DownCounter],
  attrition: { deadMax: 1, kinds: { crash: 2, graceful: 1, wipe: 1 }, intervalMs: [5, 20], downMs: [5, 30], roles: ['node'], graceMs: 20 },
})
class AttritionTopology {}

function planOf(topology: object) {
  return expandLayouts(topologyOf(topology)!)[0];
}

/** Waits until real time `atMs` (performance.now()) has passed: the deadline of the probes. */
async function pastProbes(): Promise<number> {
  const deadline = Math.max(...probe.armedAt.values()) + PROBE_MS + 20;
  const waitMs = Math.max(0, deadline - performance.now());
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  return waitMs;
}

test('--real: a server crashed, then stopped gracefully, comes back as incarnations 1 and 2 on its port; the client sees resets and refusals and recovers; no stopped incarnation resumes', async () => {
  probe = freshProbe();
  const result = await runRealCase(planOf(RebootTopology), { livenessTimeoutMs: 5_000 });
  assert.ok(result.ok, result.failure?.message);
  const { addresses } = result.options as { addresses: Record<string, string[]> };
  const [server] = addresses.server;
  const [stubborn] = addresses.stubborn;
  assert.deepEqual(
    result.reboots?.map((r) => [r.address, r.kind]),
    [[server, 'crash'], [server, 'graceful'], [stubborn, 'graceful']],
  );
  assert.deepEqual(result.faults, { rebootCrash: 1, rebootGraceful: 2 });
  assert.deepEqual(probe.started, ['server#0@0', 'stubborn#0@0', 'client#0@0', 'server#0@1', 'server#0@2', 'stubborn#0@1']);
  assert.deepEqual(probe.replies, [0, 1, 2], 'each incarnation answered on the same address');
  assert.deepEqual(probe.errors, ['ECONNRESET', 'ECONNREFUSED', 'ECONNRESET'], 'reset by the crash, refused while down, reset by the stop');
  // Graceful: the server returned from run() when told; the stubborn one was crashed after its grace period.
  assert.ok(probe.returnedOnShutdown.includes('server#0@1'));
  assert.ok(!probe.returnedOnShutdown.includes('server#0@0'), 'a crash gives no shutdown');
  assert.ok(probe.stubbornSawShutdown);
  assert.ok(!probe.returnedOnShutdown.includes('stubborn#0@0'), 'the stubborn incarnation never got past its sleep');
  assert.ok(probe.returnedOnShutdown.includes('server#0@2') && probe.returnedOnShutdown.includes('stubborn#0@1'), 'the final shutdown');
  assert.equal(probe.downSeen, 1, 'StateSnapshot.processes() showed the server down');
  // The stopped incarnations' probes were pending when they were stopped ...
  assert.ok(probe.armedAt.get('server#0@0')! + PROBE_MS > probe.stopAskedAt[0]);
  assert.ok(probe.armedAt.get('server#0@1')! + PROBE_MS > probe.stopAskedAt[1]);
  // ... and past their deadline none of them has resumed.
  await pastProbes();
  assert.deepEqual(probe.zombies, []);
});

test('--real attrition stops and restarts random servers, never more than deadMax at once, all up again before check()', async () => {
  probe = freshProbe();
  probe.windowMs = 600;
  const result = await runRealCase(planOf(AttritionTopology), { livenessTimeoutMs: 5_000 });
  assert.ok(result.ok, result.failure?.message);
  const { addresses } = result.options as { addresses: Record<string, string[]> };
  assert.match(String(result.options.attrition), /^deadMax 1 kinds graceful:1 crash:2 wipe:1 intervalMs 5\.\.20 downMs 5\.\.30 scope process roles node$/);
  const reboots = result.reboots ?? [];
  assert.ok(reboots.length >= 5, `only ${reboots.length} stops in ${probe.windowMs} ms`);
  assert.ok(reboots.every((r) => addresses.node.includes(r.address)), 'only the roles attrition names');
  assert.ok(reboots.every((r) => r.downMs >= 5 && r.downMs <= 30));
  assert.equal(probe.downSeen, 1, 'processes went down, one at a time (the invariant ran at every stop and restart)');
  assert.equal(probe.upAtCheck, true, 'every stopped process was back before check()');
  assert.ok(probe.replies.some((incarnation) => incarnation > 0), 'restarted incarnations answered');
  assert.ok(probe.errors.length > 0, 'the client saw stopped servers');
  await pastProbes();
  assert.deepEqual(probe.zombies, []);
});

test('--real with attrition off stops nothing', async () => {
  probe = freshProbe();
  probe.windowMs = 50;
  const result = await runRealCase(planOf(AttritionTopology), { attrition: 'off' });
  assert.ok(result.ok, result.failure?.message);
  assert.equal(result.reboots, undefined);
  assert.equal(probe.downSeen, 0);
  assert.deepEqual(probe.errors, []);
});

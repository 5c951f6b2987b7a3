// NetworkFaults in --real: a nemesis written for the simulation builds and runs, partitions and
// clogs hold real bytes (in order, none lost) until they end, a connect waits out a partition,
// killConnection resets a real socket, and a fault named by the bare IP is skipped and counted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ScriptedFaults as NetworkFaults } from '../network/scripted-faults.js';
import { ConnectionResetError } from '../providers/network-errors.js';
import { NetworkProvider, type Connection } from '../providers/network-provider.js';
import { TimeProvider } from '../providers/time-provider.js';
import { Inject, Topology, Workload } from '../model/decorators.js';
import { expandLayouts } from '../model/layouts.js';
import { topologyOf } from '../model/metadata.js';
import { TopologyInfo } from '../model/topology-info.js';
import { runRealCase } from './run-real.js';

/** How long each fault lasts (real ms). */
const FAULT_MS = 150;

let probe = { replies: [] as string[], heldMs: [] as number[], connectMs: 0, afterKill: '' };

@Workload('faults-echo', { service: true })
class Echo {
  constructor(
    @Inject(NetworkProvider) private readonly net: NetworkProvider,
    @Inject(TopologyInfo) private readonly info: TopologyInfo,
  ) {}

  async run(): Promise<void> {
    const listener = await this.net.listen(this.info.address);
    void this.info.shutdown.then(() => listener.close());
    for (;;) {
      const connection = await listener.accept().catch(() => undefined);
      if (connection === undefined) return;
      void (async () => {
        for (let bytes = await connection.read(); bytes !== null; bytes = await connection.read()) await connection.write(bytes);
        connection.close();
      })().catch(() => undefined);
    }
  }
}

/** The client is its own nemesis, so each fault is timed from where it starts. */
@Workload('faults-nemesis')
class Nemesis {
  constructor(
    @Inject(NetworkFaults) private readonly faults: NetworkFaults,
    @Inject(NetworkProvider) private readonly net: NetworkProvider,
    @Inject(TopologyInfo) private readonly info: TopologyInfo,
    @Inject(TimeProvider) private readonly time: TimeProvider,
  ) {}

  async run(): Promise<void> {
    const [server] = this.info.peers('server');
    const me = this.info.address;
    const connection = await this.net.connect(server);
    await this.ask(connection, 'a');
    // Both ways cut: the request waits at this end, then goes.
    this.faults.partition([me], [server], FAULT_MS);
    await this.ask(connection, 'b', 'c');
    // Only the way back: the server gets it at once, the echo waits.
    this.faults.clogPair(server, me, FAULT_MS);
    await this.ask(connection, 'd');
    // A connect waits out an isolation until heal().
    this.faults.isolate(server);
    void this.time.sleep(FAULT_MS).then(() => this.faults.heal());
    const startMs = this.time.now();
    const second = await this.net.connect(server);
    probe.connectMs = this.time.now() - startMs;
    await this.ask(second, 'e');
    // The bare IP names every process: skipped, counted, logged.
    this.faults.isolate(me.split(':')[0], FAULT_MS);
    this.faults.killConnection(second.localAddress, second.remoteAddress, 'rst');
    probe.afterKill = await second.read().then(
      () => 'read settled',
      (error: unknown) => (error instanceof ConnectionResetError ? 'reset' : String(error)),
    );
    connection.close();
  }

  /** Writes each text and records the echoes and how long the round trip took. */
  private async ask(connection: Connection, ...texts: string[]): Promise<void> {
    const startMs = this.time.now();
    for (const text of texts) await connection.write(new TextEncoder().encode(text));
    let got = '';
    while (got.length < texts.join('').length) got += new TextDecoder().decode((await connection.read())!);
    probe.replies.push(got);
    probe.heldMs.push(this.time.now() - startMs);
  }
}

@Topology({ name: 'real-faults', roles: { server: Echo, nemesis: Nemesis }, layouts: [{ server: 1, nemesis: 1 }] })
class FaultsTopology {}

test('--real: NetworkFaults hold real bytes through a partition and a clog, a connect waits out an isolation, killConnection resets; the bare IP is skipped', async () => {
  probe = { replies: [], heldMs: [], connectMs: 0, afterKill: '' };
  const result = await runRealCase(expandLayouts(topologyOf(FaultsTopology)!)[0], { livenessTimeoutMs: 5_000 });
  assert.ok(result.ok, result.failure?.message);
  assert.deepEqual(probe.replies, ['a', 'bc', 'd', 'e'], 'every byte arrived, in order');
  const [fast, partitioned, clogged] = probe.heldMs;
  assert.ok(fast < FAULT_MS / 2, `an open round trip took ${fast} ms`);
  assert.ok(partitioned >= FAULT_MS - 5, `the partitioned round trip took ${partitioned} ms`);
  assert.ok(clogged >= FAULT_MS - 5, `the clogged round trip took ${clogged} ms`);
  assert.ok(probe.connectMs >= FAULT_MS - 5, `the connect during the isolation took ${probe.connectMs} ms`);
  assert.equal(probe.afterKill, 'reset');
  assert.deepEqual(result.faults, { partition: 1, writeClog: 1, isolate: 1, isolateSkipped: 1, connectionReset: 1 });
});

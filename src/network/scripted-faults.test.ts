import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInWorld } from '../core/run-world.js';
import type { SimWorld } from '../core/world.js';
import { ConnectionResetError } from '../providers/network-errors.js';
import type { Connection } from '../providers/network-provider.js';
import { SimTimeProvider } from '../providers/sim-time-provider.js';
import { injectPartition } from './faults/partition-faults.js';
import { FAULT_FAMILIES } from './network-config.js';
import type { NetworkCore } from './network-core.js';
import { networkPreset } from './presets.js';
import { SimNetwork } from './sim-network.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (b: Uint8Array | null) => (b === null ? null : new TextDecoder().decode(b));

interface Scene {
  world: SimWorld;
  network: SimNetwork;
  client: Connection;
  server: Connection;
  sleep(ms: number): Promise<void>;
}

/** 10.0.0.2 connected to 10.0.0.1:4500 over a perfect network; 10.0.0.3 exists too. */
async function scene(seed: number, body: (s: Scene) => Promise<void>, preset: 'perfect' | 'hostile' = 'perfect'): Promise<void> {
  await runInWorld({ seed }, async (world) => {
    const network = new SimNetwork(world, networkPreset(preset));
    network.provider('10.0.0.3');
    const listener = await network.provider('10.0.0.1').listen('10.0.0.1:4500');
    const client = await network.provider('10.0.0.2').connect('10.0.0.1:4500');
    const server = await listener.accept();
    const time = new SimTimeProvider(world);
    await body({ world, network, client, server, sleep: (ms) => time.sleep(ms) });
  });
}

/** Resolves to the read's text and the simulated time it completed at. */
const timedRead = (world: SimWorld, conn: Connection) => conn.read().then((b) => ({ text: text(b), atMs: world.nowMs }));

test('a partition holds bytes until heal(), then delivers them intact', () =>
  scene(1, async ({ world, network, client, server, sleep }) => {
    network.faults.partition(['10.0.0.1'], ['10.0.0.2', '10.0.0.3']);
    await client.write(bytes('held'));
    const read = timedRead(world, server);
    await sleep(1000);
    const healedAtMs = world.nowMs;
    network.faults.heal();
    const { text: got, atMs } = await read;
    assert.equal(got, 'held');
    assert.ok(atMs > healedAtMs, `delivered at ${atMs} ms, before the heal at ${healedAtMs} ms`);
    assert.equal(network.faultCounts().partition, 1);
  }));

test('a host is also named by the address of its process, as a nemesis portable to --real names it', () =>
  scene(6, async ({ world, network, client, server, sleep }) => {
    network.faults.partitionOneWay('10.0.0.2:40000', '10.0.0.1:4500', 300);
    const read = timedRead(world, server);
    await client.write(bytes('late'));
    await sleep(10);
    assert.throws(() => network.faults.isolate('10.0.0.1:4500:1'), /unknown host 10\.0\.0\.1:4500:1/);
    assert.throws(() => network.faults.partition(['10.0.0.1'], ['10.0.0.1:4500']), /a host cannot be on both sides/);
    assert.ok((await read).atMs >= 300);
    assert.equal(network.faultCounts().oneWayPartition, 1);
  }));

test('a one-way partition stops one direction only', () =>
  scene(2, async ({ world, network, client, server, sleep }) => {
    network.faults.partitionOneWay('10.0.0.2', '10.0.0.1');
    await client.write(bytes('ping'));
    await server.write(bytes('pong'));
    assert.equal(text(await client.read()), 'pong');
    const read = timedRead(world, server);
    await sleep(500);
    network.faults.heal();
    assert.ok((await read).atMs >= 500);
    assert.equal(network.faultCounts().oneWayPartition, 1);
  }));

test('a timed isolation ends by itself; connects wait it out like SYN retransmits', () =>
  scene(3, async ({ world, network, client, server }) => {
    network.faults.isolate('10.0.0.1', 100);
    await client.write(bytes('late'));
    const connecting = network.provider('10.0.0.3').connect('10.0.0.1:4500').then(() => world.nowMs);
    assert.equal(text(await server.read()), 'late');
    assert.ok(world.nowMs >= 100);
    assert.ok((await connecting) >= 100);
  }));

test('clogs delay a host or one direction of a pair for their duration', () =>
  scene(4, async ({ world, network, client, server }) => {
    network.faults.clogPair('10.0.0.2', '10.0.0.1', 40);
    await client.write(bytes('up'));
    await server.write(bytes('down'));
    assert.equal(text(await client.read()), 'down');
    assert.ok(world.nowMs < 40, 'the other direction is not clogged');
    assert.equal(text(await server.read()), 'up');
    assert.ok(world.nowMs >= 40);
    const start = world.nowMs;
    network.faults.clogHost('10.0.0.1', 25);
    await server.write(bytes('x'));
    assert.equal(text(await client.read()), 'x');
    assert.ok(world.nowMs >= start + 25);
    assert.deepEqual([network.faultCounts().writeClog, network.faultCounts().readClog], [2, 1]);
  }));

test('killConnection closes (FIN) or resets (RST) one end as its process would', async () => {
  await scene(5, async ({ network, client, server }) => {
    await client.write(bytes('bye'));
    network.faults.killConnection(client.localAddress, client.remoteAddress, 'fin');
    assert.equal(text(await server.read()), 'bye');
    assert.equal(await server.read(), null);
    assert.equal(network.faultCounts().connectionClose, 1);
  });
  await scene(6, async ({ network, client, server }) => {
    const pending = server.read();
    network.faults.killConnection(server.localAddress, server.remoteAddress, 'rst');
    await assert.rejects(pending, ConnectionResetError);
    await assert.rejects(client.read(), /reset by its peer/);
    await assert.rejects(client.write(bytes('x')), ConnectionResetError);
    assert.equal(client.closed && server.closed, true);
    assert.equal(network.faultCounts().connectionReset, 1);
    assert.throws(() => network.faults.killConnection(server.localAddress, server.remoteAddress, 'rst'), /no open connection end/);
  });
});

test('setChaos(false) heals, lifts clogs and stops random faults', () =>
  scene(
    7,
    async ({ world, network, client, server }) => {
      network.setChaos(false);
      const before = network.faultCounts();
      network.faults.isolate('10.0.0.2');
      network.faults.clogHost('10.0.0.1', 10_000);
      await client.write(bytes('held'));
      const read = timedRead(world, server);
      network.setChaos(false);
      assert.equal((await read).text, 'held');
      assert.ok(world.nowMs < 100, 'released by setChaos(false), not by the clog ending');
      for (let i = 0; i < 500; i++) {
        await client.write(new Uint8Array(100));
        await server.read();
      }
      const after = network.faultCounts();
      const random = FAULT_FAMILIES.filter((f) => after[f] !== before[f] && !['isolate', 'writeClog', 'readClog'].includes(f));
      assert.deepEqual(random, [], `random faults in the liveness phase: ${random.join(', ')}`);
      assert.equal(network.chaosEnabled, false);
    },
    'hostile',
  ));

test('scripted faults reject unknown hosts and bad durations', () =>
  scene(8, async ({ network }) => {
    assert.throws(() => network.faults.isolate('10.0.0.9'), /unknown host 10\.0\.0\.9 \(seed 8\); known hosts: 10\.0\.0\.3, 10\.0\.0\.1, 10\.0\.0\.2/);
    assert.throws(() => network.faults.clogHost('10.0.0.1', Infinity), /finite number >= 0/);
    assert.throws(() => network.faults.partition(['10.0.0.1'], ['10.0.0.1']), /both sides/);
  }));

test('partitionZones and isolateZone cut along zones; an unknown zone names the known ones', () =>
  scene(2, async ({ world, network, client, server, sleep }) => {
    network.setZones(new Map([['10.0.0.1', 0], ['10.0.0.2', 1], ['10.0.0.3', 1]]), false);
    network.faults.isolateZone(0, 500);
    await client.write(bytes('after the zone heals'));
    const read = timedRead(world, server);
    await sleep(100);
    const got = await read;
    assert.equal(got.text, 'after the zone heals');
    assert.ok(got.atMs >= 500, `zone 0 was cut off from zone 1 until its partition ended, got the bytes at ${got.atMs} ms`);
    network.faults.partitionZones([1], [0], 300);
    assert.equal(network.faultCounts().partition, 2);
    assert.throws(() => network.faults.isolateZone(4), /unknown zone 4 \(seed 2\); the zones are 0, 1/);
  }));

test('with zones declared, random partitions keep each zone whole', async () => {
  await runInWorld({ seed: 9 }, async (world) => {
    const network = new SimNetwork(world, { ...networkPreset('perfect') });
    const zoneOf = new Map<string, number>();
    for (let host = 1; host <= 6; host++) {
      network.provider(`10.0.0.${host}`);
      zoneOf.set(`10.0.0.${host}`, host % 3);
    }
    network.setZones(zoneOf, true);
    const core = (network as unknown as { core: NetworkCore }).core;
    for (let i = 0; i < 50; i++) {
      injectPartition(core, 'partition');
      for (const [a, za] of zoneOf) {
        for (const [b, zb] of zoneOf) if (za === zb) assert.equal(core.faults.isBlocked(a, b), false, `${a} and ${b} share zone ${za}`);
      }
      network.faults.heal();
    }
  });
});

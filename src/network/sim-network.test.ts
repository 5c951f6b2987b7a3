import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeadlockError, TaskFailedError } from '../core/errors.js';
import { runInWorld } from '../core/run-world.js';
import type { SimWorld } from '../core/world.js';
import { AddressInUseError, ConnectionRefusedError, ListenerClosedError } from '../providers/network-errors.js';
import { NetworkConfigError } from './config-validation.js';
import { networkPreset } from './presets.js';
import { SimNetwork } from './sim-network.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (b: Uint8Array | null) => (b === null ? null : new TextDecoder().decode(b));

async function withNetwork(seed: number, body: (world: SimWorld, network: SimNetwork) => Promise<void>): Promise<void> {
  await runInWorld({ seed }, (world) => body(world, new SimNetwork(world, networkPreset('perfect'))));
}

test('addresses: listeners use their host IP, clients connect from ephemeral ports', () =>
  withNetwork(1, async (world, network) => {
    const listener = await network.provider('10.0.0.1').listen('0.0.0.0:4500');
    assert.equal(listener.address, '10.0.0.1:4500');
    const anyPort = await network.provider('10.0.0.1').listen('10.0.0.1:0');
    assert.match(anyPort.address, /^10\.0\.0\.1:4\d{4}$/);
    const accepted = listener.accept();
    const a = await network.provider('10.0.0.2').connect('10.0.0.1:4500');
    const b = await network.provider('10.0.0.2').connect('10.0.0.1:4500');
    assert.deepEqual([a.localAddress, b.localAddress], ['10.0.0.2:40000', '10.0.0.2:40001']);
    assert.equal(a.remoteAddress, '10.0.0.1:4500');
    const server = await accepted;
    assert.deepEqual([server.localAddress, server.remoteAddress], ['10.0.0.1:4500', '10.0.0.2:40000']);
    assert.ok(world.nowMs > 0, 'connecting takes simulated time');
    assert.deepEqual(network.hosts(), ['10.0.0.1', '10.0.0.2']);
  }));

test('bad addresses and double listens fail with clear errors', () =>
  withNetwork(2, async (_world, network) => {
    const host = network.provider('10.0.0.1');
    await assert.rejects(host.listen('10.0.0.2:80'), /listens on its own IP only; listen on 10\.0\.0\.1:80/);
    await assert.rejects(host.listen('nonsense'), /expected host:port/);
    await assert.rejects(host.connect('10.0.0.2'), /expected host:port/);
    assert.throws(() => network.provider('server-1'), /"server-1" is not an IPv4 address/);
    const listener = await host.listen('10.0.0.1:80');
    await assert.rejects(host.listen('10.0.0.1:80'), AddressInUseError);
    listener.close();
    (await host.listen('10.0.0.1:80')).close();
  }));

test('refused after a round trip; listener close rejects accepts and resets queued connections', () =>
  withNetwork(3, async (world, network) => {
    const client = network.provider('10.0.0.2');
    await assert.rejects(client.connect('10.0.0.1:4500'), ConnectionRefusedError);
    assert.ok(world.nowMs >= 0.2, `refused at ${world.nowMs} ms, before a round trip`);
    const listener = await network.provider('10.0.0.1').listen('10.0.0.1:4500');
    const accepted = await client.connect('10.0.0.1:4500');
    await listener.accept();
    const waiting = listener.accept();
    listener.close();
    await assert.rejects(waiting, ListenerClosedError);
    await assert.rejects(listener.accept(), ListenerClosedError);
    await assert.rejects(client.connect('10.0.0.1:4500'), ConnectionRefusedError);
    assert.equal(accepted.closed, false, 'closing a listener leaves accepted connections alone');
  }));

test('a connection left in the backlog of a closed listener is reset', () =>
  withNetwork(4, async (_world, network) => {
    const listener = await network.provider('10.0.0.1').listen('10.0.0.1:4500');
    const conn = await network.provider('10.0.0.2').connect('10.0.0.1:4500');
    await new Promise<void>((resolve) => setTimeout(resolve, 5));
    listener.close();
    await assert.rejects(conn.read(), /reset by its peer 10\.0\.0\.1:4500/);
  }));

test('a deadlock report names the reads, accepts and full send buffers tasks wait on', async () => {
  const error = await runInWorld({ seed: 5 }, async (world) => {
    const config = networkPreset('perfect');
    config.sendBufferBytesMax = 1000;
    const network = new SimNetwork(world, config);
    const listener = await network.provider('10.0.0.1').listen('10.0.0.1:4500');
    const conn = await network.provider('10.0.0.2').connect('10.0.0.1:4500');
    world.spawn('acceptor', async () => {
      await listener.accept();
      await listener.accept();
    });
    world.spawn('reader', () => conn.read());
    await conn.write(new Uint8Array(999)); // fits: resolves at once
    await conn.write(new Uint8Array(2)); // over the limit and nobody reads: waits for ever
  }).then(
    () => assert.fail('expected a deadlock'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof DeadlockError);
  assert.match(error.message, /main awaiting write\(10\.0\.0\.2:40000->10\.0\.0\.1:4500\): send buffer full/);
  assert.match(error.message, /reader awaiting read\(10\.0\.0\.2:40000<-10\.0\.0\.1:4500\)/);
  assert.match(error.message, /acceptor awaiting accept\(10\.0\.0\.1:4500\)/);
});

test('backpressure: a blocked writer resumes once the reader drains the buffer', () =>
  withNetwork(6, async (world, network) => {
    const listener = await network.provider('10.0.0.1').listen('10.0.0.1:4500');
    const conn = await network.provider('10.0.0.2').connect('10.0.0.1:4500');
    const server = await listener.accept();
    let written = false;
    const writer = conn.write(new Uint8Array(2 << 20)).then(() => (written = true));
    await new Promise<void>((resolve) => setTimeout(resolve, 10));
    assert.equal(written, false, 'a 2 MiB write waits with a 1 MiB send buffer');
    let received = 0;
    while (received < 2 << 20) received += (await server.read())?.length ?? 0;
    await writer;
    assert.equal(received, 2 << 20);
    assert.ok(world.nowMs >= 10);
  }));

test('FIN arrives after the data; reads after EOF keep returning null; writes after close fail', () =>
  withNetwork(7, async (_world, network) => {
    const listener = await network.provider('10.0.0.1').listen('10.0.0.1:4500');
    const conn = await network.provider('10.0.0.2').connect('10.0.0.1:4500');
    await conn.write(bytes('one'));
    await conn.write(bytes('two'));
    conn.close();
    await assert.rejects(conn.write(bytes('three')), /already closed its side/);
    const server = await listener.accept();
    await new Promise<void>((resolve) => setTimeout(resolve, 5));
    assert.equal(text(await server.read()), 'onetwo', 'buffered chunks coalesce into one read');
    assert.equal(await server.read(), null);
    assert.equal(await server.read(), null);
    await server.write(bytes('reply'));
    assert.equal(text(await conn.read()), 'reply', 'a half-closed end still reads');
  }));

test('a bad config is refused with the field, the seed and the fix', async () => {
  const config = networkPreset('hostile');
  config.faults.partition.probability = 2;
  await assert.rejects(
    runInWorld({ seed: 77 }, (world) => void new SimNetwork(world, config)),
    (e: unknown) =>
      e instanceof TaskFailedError &&
      e.cause instanceof NetworkConfigError &&
      /faults\.partition\.probability is 2, expected a number in \[0, 1\]/.test(e.message) &&
      /seed 77/.test(e.message) &&
      /start from a preset/.test(e.message),
  );
});

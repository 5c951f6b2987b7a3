// Request/response semantics, each case a small deterministic scenario on a `perfect` SimNetwork
// (client hosts 10.0.0.2.., server 10.0.0.1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInWorld } from '../core/run-world.js';
import { resolveNetworkConfig } from '../network/presets.js';
import { SimNetwork } from '../network/sim-network.js';
import { SimTimeProvider } from '../providers/sim-time-provider.js';
import { ClientTransport } from './client-transport.js';
import { encodeFrame, FrameKind, LENGTH_OFFSET } from './frame.js';
import { ServerTransport } from './server-transport.js';
import {
  ConnectionLostError, MaybeDeliveredError, RemoteError, RequestTimeoutError, SendQueueFullError, TransportClosedError, TransportError,
} from './transport-errors.js';
import { WireError } from './wire-errors.js';

const SERVER = '10.0.0.1:4500';

interface Scene {
  network: SimNetwork;
  time: SimTimeProvider;
  listen(options?: Parameters<typeof ServerTransport.listen>[2]): Promise<ServerTransport<string, string>>;
  connect(host?: number, options?: Parameters<typeof ClientTransport.connect>[2]): Promise<ClientTransport<string, string>>;
}

async function scene(seed: number, body: (s: Scene) => Promise<void>): Promise<void> {
  await runInWorld({ seed }, async (world) => {
    const network = new SimNetwork(world, resolveNetworkConfig('perfect', world.rng.config));
    await body({
      network,
      time: new SimTimeProvider(world),
      listen: (options = {}) => ServerTransport.listen<string, string>(network.provider('10.0.0.1'), SERVER, options),
      connect: (host = 2, options = {}) => ClientTransport.connect<string, string>(network.provider(`10.0.0.${host}`), SERVER, options),
    });
  });
}

test('respondError reaches the client as a RemoteError, and the connection stays usable', () =>
  scene(1, async ({ listen, connect }) => {
    const server = await listen();
    const client = await connect();
    const failing = client.request('bad');
    (await server.tryNextMessage())?.respondError('no such key');
    await assert.rejects(failing, (e: unknown) => e instanceof RemoteError && e.code === 'remote' && e.remoteMessage === 'no such key');
    const fine = client.request('good');
    (await server.tryNextMessage())?.respond('done');
    assert.equal(await fine, 'done');
    assert.equal(client.stats().connections, 1);
  }));

test('a request is answered once: a second answer throws, naming the request', () =>
  scene(2, async ({ listen, connect }) => {
    const server = await listen();
    const client = await connect();
    const pending = client.request('x');
    const message = await server.tryNextMessage();
    assert.ok(message !== null);
    message.respond('first');
    assert.throws(() => message.respond('second'), /already answered.*exactly once/);
    assert.throws(() => message.respondError('late'), /respondError\(\): request 1 from 10\.0\.0\.2:\d+ was already answered/);
    assert.equal(await pending, 'first');
  }));

test('frames above frameBytesMax: a request is refused before sending, a reply becomes a RemoteError', () =>
  scene(3, async ({ listen, connect }) => {
    const server = await listen({ frameBytesMax: 1000 });
    const client = await connect(2, { frameBytesMax: 1000 });
    await assert.rejects(client.request('y'.repeat(2000)), (e: unknown) => e instanceof WireError && e.code === 'oversized');
    const pending = client.request('small');
    const message = await server.tryNextMessage();
    assert.throws(() => message?.respond('z'.repeat(2000)), (e: unknown) => e instanceof WireError && e.code === 'oversized');
    await assert.rejects(pending, (e: unknown) => e instanceof RemoteError && /exceeds frameBytesMax/.test(e.message));
    assert.equal(server.stats().framesReceived, 1);
  }));

test('requests queue while no server listens: overflow is a SendQueueFullError, the queue drains once it is up', () =>
  scene(4, async ({ time, listen, connect }) => {
    const client = await connect(2, { sendQueueMax: 3, connectAttemptsMax: 100, backoffMsMin: 10, backoffMsMax: 20 });
    const queued = ['a', 'b', 'c'].map((r) => client.request(r, { timeoutMs: 10_000 }));
    await assert.rejects(client.request('d'), (e: unknown) => e instanceof SendQueueFullError && e.code === 'send-queue-full' && e.sendQueueMax === 3);
    await time.sleep(50);
    const server = await listen();
    for (let i = 0; i < 3; i++) {
      const m = await server.tryNextMessage();
      m?.respond(m.request.toUpperCase());
    }
    assert.deepEqual(await Promise.all(queued), ['A', 'B', 'C']);
    assert.ok(client.stats().connectFailures >= 3, `connectFailures ${client.stats().connectFailures}`);
  }));

test('when every attempt is refused the waiting requests fail with ConnectionLostError', () =>
  scene(5, async ({ connect }) => {
    const client = await connect(2, { connectAttemptsMax: 3, backoffMsMin: 1 });
    await assert.rejects(client.request('a'), (e: unknown) => e instanceof ConnectionLostError && /after 3 attempt\(s\).*refused.*never written/.test(e.message));
  }));

test('a timeout says whether the request reached the wire; a reply after it is counted as late', () =>
  scene(6, async ({ network, time, listen, connect }) => {
    const server = await listen();
    network.provider('10.0.0.2');
    network.faults.partition(['10.0.0.2'], ['10.0.0.1']);
    const client = await connect();
    await assert.rejects(client.request('lost', { timeoutMs: 100 }), (e: unknown) => e instanceof RequestTimeoutError && !e.written && e.timeoutMs === 100);
    network.faults.heal();
    const slow = client.request('slow', { timeoutMs: 100 });
    const quick = client.request('quick', { timeoutMs: 100 });
    const message = await server.tryNextMessage();
    assert.equal(message?.request, 'slow', 'the timed-out request was never sent');
    (await server.tryNextMessage())?.respond('quick reply');
    assert.equal(await quick, 'quick reply');
    await assert.rejects(slow, (e: unknown) => e instanceof RequestTimeoutError && e.written && /may have been applied/.test(e.message));
    // A frame arrived since 'slow' was sent, so the connection is not presumed stalled.
    message?.respond('too late');
    await time.sleep(5);
    assert.equal(client.stats().stalledConnections, 0);
    assert.equal(client.stats().lateResponses, 1);
  }));

test('a request that times out queued behind a blocked write is never sent', () =>
  scene(11, async ({ network, listen, connect }) => {
    const server = await listen();
    const client = await connect();
    const answer = async (expected: string) => {
      const m = await server.tryNextMessage();
      assert.equal(m?.request, expected);
      m?.respond('got it');
    };
    assert.deepEqual(await Promise.all([client.request('warm-up'), answer('warm-up')]), ['got it', undefined]);
    const big = 'b'.repeat(600_000);
    // On the open connection, two big requests fill the 1 MiB send buffer while the path is
    // clogged; the third waits behind the blocked write.
    network.faults.clogPair('10.0.0.2', '10.0.0.1', 500);
    const bigOnes = [client.request(big, { timeoutMs: 5_000 }), client.request(big, { timeoutMs: 5_000 })];
    await assert.rejects(client.request('small', { timeoutMs: 100 }), (e: unknown) => e instanceof RequestTimeoutError && !e.written);
    await Promise.all([answer(big), answer(big)]);
    assert.deepEqual(await Promise.all(bigOnes), ['got it', 'got it']);
    // The next request the server sees is a new one, not the withdrawn 'small'.
    assert.deepEqual(await Promise.all([client.request('after'), answer('after')]), ['got it', undefined]);
  }));

test('a connection whose stream stalls mid-frame is reset when a request times out, then replaced', () =>
  scene(12, async ({ network, connect }) => {
    const listener = await network.provider('10.0.0.1').listen(SERVER);
    const client = await connect();
    const first = client.request('a', { timeoutMs: 200 });
    const stalled = await listener.accept();
    await stalled.read();
    // A reply whose length prefix claims 64 more bytes than follow: the decoder waits for them.
    const reply = encodeFrame(FrameKind.Response, 1, 'hi');
    new DataView(reply.buffer, reply.byteOffset).setUint32(LENGTH_OFFSET, reply.length - 4 + 64);
    await stalled.write(reply);
    await assert.rejects(first, (e: unknown) => e instanceof RequestTimeoutError && e.written);
    await assert.rejects(stalled.read(), /reset/);
    assert.equal(client.stats().stalledConnections, 1);

    const second = client.request('b', { timeoutMs: 200 });
    const fresh = await listener.accept();
    await fresh.read();
    await fresh.write(encodeFrame(FrameKind.Response, 2, 'fine'));
    assert.equal(await second, 'fine');
    assert.equal(client.stats().reconnects, 1);
  }));

test('close: the client fails its pending requests, the server answers waiting takers with null', () =>
  scene(7, async ({ time, listen, connect }) => {
    const server = await listen();
    const client = await connect();
    const pending = client.request('p');
    await server.tryNextMessage();
    client.close();
    await assert.rejects(pending, TransportClosedError);
    await assert.rejects(client.request('q'), (e: unknown) => e instanceof TransportClosedError && e.code === 'closed');
    const other = await connect(3);
    const inFlight = other.request('r');
    await server.tryNextMessage();
    const waiting = server.tryNextMessage();
    server.close();
    assert.equal(await waiting, null);
    assert.equal(await server.tryNextMessage(), null);
    await assert.rejects(inFlight, MaybeDeliveredError);
    await time.sleep(1);
  }));

test('an answer to a connection that died is dropped and counted', () =>
  scene(8, async ({ time, listen, connect }) => {
    const server = await listen();
    const client = await connect();
    void client.request('x').catch(() => undefined);
    const message = await server.tryNextMessage();
    client.close();
    await time.sleep(1);
    message?.respond('nobody listens');
    assert.equal(server.stats().droppedResponses, 1);
  }));

test('one server serves many clients and tells them apart by peer address', () =>
  scene(9, async ({ listen, connect }) => {
    const server = await listen();
    const clients = await Promise.all([2, 3, 4].map((host) => connect(host)));
    const replies = Promise.all(clients.map((c, i) => c.request(`from ${i}`)));
    const peers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const m = await server.tryNextMessage();
      assert.ok(m !== null);
      peers.push(m.peer);
      m.respond(`${m.request} via ${m.peer.split(':')[0]}`);
    }
    assert.deepEqual(await replies, ['from 0 via 10.0.0.2', 'from 1 via 10.0.0.3', 'from 2 via 10.0.0.4']);
    assert.equal(new Set(peers).size, 3);
    assert.equal(server.stats().connections, 3);
  }));

test('errors carry the seed; bad addresses and options are explained', () =>
  scene(10, async ({ network, connect }) => {
    await assert.rejects(connect(2, { sendQueueMax: 0 }), /ClientTransport to 10\.0\.0\.1:4500: option sendQueueMax must be a finite integer >= 1, got 0\. Pass a valid sendQueueMax/);
    await assert.rejects(connect(2, { requestTimeoutMs: NaN }), /option requestTimeoutMs must be a finite number > 0, got NaN/);
    await assert.rejects(
      ServerTransport.listen(network.provider('10.0.0.1'), SERVER, { frameBytesMax: 4 }),
      /ServerTransport on 10\.0\.0\.1:4500: option frameBytesMax must be a finite integer >= 15, got 4/,
    );
    await assert.rejects(connect(2, { backoffMsMin: 10, backoffMsMax: 1 }), /backoffMsMin <= backoffMsMax/);
    await assert.rejects(ClientTransport.connect(network.provider('10.0.0.2'), 'nowhere'), /expected host:port/);
    const client = await connect(2, { connectAttemptsMax: 1 });
    await assert.rejects(client.request('a', { timeoutMs: -1 }), /timeoutMs must be a finite number > 0/);
    await assert.rejects(client.request('a'), (e: unknown) => e instanceof TransportError && e.seed === 10 && e.message.endsWith('[seed 10]'));
  }));

// The server's limits on the simulated network: the same code as over real sockets, with the
// simulated connections' flow control (a writer waits once a send buffer's worth is unread) in
// place of TCP's, and every figure exact because time is logical.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInWorld, type WorldRunResult } from '../core/run-world.js';
import type { SimWorld } from '../core/world.js';
import { resolveNetworkConfig } from '../network/presets.js';
import { SimNetwork } from '../network/sim-network.js';
import { SimTimeProvider } from '../providers/sim-time-provider.js';
import { ClientTransport } from './client-transport.js';
import { encodeFrame, FrameKind, LENGTH_OFFSET } from './frame.js';
import { ServerTransport } from './server-transport.js';
import type { ServerTransportOptions } from './transport-options.js';
import type { TransportStats } from './transport-stats.js';

const SERVER = '10.0.0.1:4500';
const KiB = 1024;

interface Scene {
  world: SimWorld;
  network: SimNetwork;
  time: SimTimeProvider;
  /** A server on 10.0.0.1 answering each request with `reply(request)`, after `handleMs` of work
   * (one request at a time) if given. */
  serve(options: ServerTransportOptions, reply: (request: string) => string, handleMs?: number): Promise<ServerTransport<string, string>>;
}

async function scene(seed: number, body: (s: Scene) => Promise<void>): Promise<void> {
  await sceneRun(seed, body);
}

function sceneRun(seed: number, body: (s: Scene) => Promise<void>): Promise<WorldRunResult> {
  return runInWorld({ seed }, async (world) => {
    const network = new SimNetwork(world, resolveNetworkConfig('perfect', world.rng.config));
    const time = new SimTimeProvider(world);
    await body({
      world,
      network,
      time,
      async serve(options, reply, handleMs) {
        const server = await ServerTransport.listen<string, string>(network.provider('10.0.0.1'), SERVER, options);
        world.spawn('handler', async () => {
          for (let m = await server.tryNextMessage(); m !== null; m = await server.tryNextMessage()) {
            if (handleMs !== undefined) await time.sleep(handleMs);
            m.respond(reply(m.request));
          }
        });
        return server;
      },
    });
  });
}

/** `count` request frames back to back, as a pipelining client writes them. */
function pipelined(count: number, payload: string): Uint8Array {
  const frame = encodeFrame(FrameKind.Request, 1, payload);
  const batch = new Uint8Array(frame.length * count);
  for (let i = 0; i < count; i++) batch.set(frame, i * frame.length);
  return batch;
}

/** The first `bytes` bytes of a frame that declares `frameBytes`: a sender that never finishes. */
function partialFrame(frameBytes: number, bytes: number): Uint8Array {
  const partial = new Uint8Array(bytes);
  new DataView(partial.buffer).setUint32(LENGTH_OFFSET, frameBytes - 4);
  return partial;
}

/** A client pipelining 100,000 requests without reading a reply, against small limits. */
async function pipeliningRun(seed: number): Promise<{ held: TransportStats; after: TransportStats; sent: number; blocked: boolean; traceHash: string }> {
  let result: { held: TransportStats; after: TransportStats; sent: number; blocked: boolean } | undefined;
  const run = await sceneRun(seed, async ({ world, network, time, serve }) => {
    const server = await serve({ pendingRequestsMax: 8, replyBytesMax: 4 * KiB, replyStallTimeoutMs: 5_000 }, () => 'r'.repeat(1000));
    const conn = await network.provider('10.0.0.2').connect(SERVER);
    const batch = pipelined(100, 'q'.repeat(60));
    let sent = 0;
    let blocked = false;
    world.spawn('flood', async () => {
      try {
        for (; sent < 100_000; sent += 100) {
          blocked = true;
          await conn.write(batch);
          blocked = false;
        }
      } catch {
        // Reset by the server.
      }
    });
    await time.sleep(1_000);
    const held = server.stats();
    const heldSent = sent;
    const heldBlocked = blocked;
    await time.sleep(5_000);
    result = { held, after: server.stats(), sent: heldSent, blocked: heldBlocked };
    server.close();
  });
  assert.ok(result !== undefined);
  return { ...result, traceHash: run.traceHash };
}

test('simulated: a client pipelining without reading a reply is held back by the same limits, and reset once its replies stall', async () => {
  const { held, after, sent, blocked } = await pipeliningRun(41);
  // The server wrote replies until the client's 1 MiB receive buffer was full, then kept at
  // most 4 KiB (replyBytesMax) of them and stopped reading; the client's writes then filled
  // the server's receive buffer and blocked.
  assert.ok(blocked, 'the client was never held back');
  assert.equal(held.connectionsPaused, 1);
  assert.ok(held.backpressurePauses >= 1);
  assert.ok(held.framesReceived < 1_100 && sent < 100_000, `the server read ${held.framesReceived} requests, the client wrote ${sent}`);
  assert.ok(held.bufferedBytes <= 4 * KiB + 1_100 + 64 * KiB, `buffered ${held.bufferedBytes} bytes`);
  // replyStallTimeoutMs later, the connection is gone and so is everything it held.
  assert.equal(after.replyStallTimeouts, 1);
  assert.deepEqual([after.connectionsOpen, after.connectionsPaused, after.bufferedBytes], [0, 0, 0]);
});

test('simulated: the same seed holds the flood back at the same point', async () => {
  const [first, second] = [await pipeliningRun(42), await pipeliningRun(42)];
  assert.deepEqual(second.held, first.held);
  assert.equal(second.sent, first.sent);
  assert.equal(second.traceHash, first.traceHash);
});

test('simulated: a frame left incomplete is reset after partialFrameTimeoutMs, a slow sender included; an idle connection is not', () =>
  scene(43, async ({ network, time, serve }) => {
    const server = await serve({ partialFrameTimeoutMs: 500 }, (request) => request.toUpperCase());
    const client = await ClientTransport.connect<string, string>(network.provider('10.0.0.2'), SERVER);
    assert.equal(await client.request('a'), 'A');
    await time.sleep(2_000);
    assert.equal(await client.request('b'), 'B', 'an idle connection between frames was closed');

    // One byte per 100 ms of a 115-byte frame: 11.5 s to send, reset after 500 ms.
    const slow = await network.provider('10.0.0.3').connect(SERVER);
    const frame = encodeFrame(FrameKind.Request, 1, 's'.repeat(100));
    let reset = false;
    const hungUp = slow.read().then(
      () => undefined,
      () => (reset = true),
    );
    const startMs = time.now();
    let sentBytes = 0;
    for (; sentBytes < frame.length && !reset; sentBytes++) {
      await slow.write(frame.subarray(sentBytes, sentBytes + 1));
      await time.sleep(100);
    }
    await hungUp;
    const elapsedMs = time.now() - startMs;
    assert.ok(reset && sentBytes < frame.length);
    assert.ok(elapsedMs >= 500 && elapsedMs <= 601, `reset ${elapsedMs} ms after the first byte`);

    // A sender that stops mid-frame.
    const stalled = await network.provider('10.0.0.4').connect(SERVER);
    await stalled.write(partialFrame(1_000, 300));
    await assert.rejects(stalled.read(), /reset/);
    const stats = server.stats();
    assert.equal(stats.partialFrameTimeouts, 2);
    assert.equal(stats.framesReceived, 2);
    assert.equal(await client.request('c'), 'C');
    client.close();
    server.close();
  }));

test('simulated: a connection over connectionsMax is reset at once, and a freed place is taken again', () =>
  scene(44, async ({ network, time, serve }) => {
    const server = await serve({ connectionsMax: 2 }, (request) => `${request}!`);
    const clients = await Promise.all([2, 3].map((host) => ClientTransport.connect<string, string>(network.provider(`10.0.0.${host}`), SERVER)));
    assert.deepEqual(await Promise.all(clients.map((c, i) => c.request(`hi ${i}`))), ['hi 0!', 'hi 1!']);
    const third = await network.provider('10.0.0.4').connect(SERVER);
    const startMs = time.now();
    await assert.rejects(third.read(), /reset/);
    assert.ok(time.now() - startMs < 5, 'the extra connection was not refused promptly');
    assert.equal(server.stats().connectionsRefused, 1);
    clients[0].close();
    await time.sleep(5);
    const fourth = await ClientTransport.connect<string, string>(network.provider('10.0.0.5'), SERVER);
    assert.equal(await fourth.request('again'), 'again!');
    assert.deepEqual([server.stats().connectionsOpen, server.stats().connectionsRefused], [2, 1]);
    for (const c of [clients[1], fourth]) c.close();
    server.close();
  }));

test('simulated: at bufferedBytesMax no connection reads more; held partial frames are shed, then the others are served', () =>
  scene(45, async ({ network, time, serve }) => {
    const limits = { frameBytesMax: 256 * KiB, bufferedBytesMax: 256 * KiB, partialFrameTimeoutMs: 1_000 };
    const server = await serve(limits, (request) => request.length.toString());
    // Four senders of 200 KiB of a 256 KiB frame: a read of each fills the budget.
    const partial = partialFrame(256 * KiB, 200 * KiB);
    for (let host = 2; host <= 5; host++) void (await network.provider(`10.0.0.${host}`).connect(SERVER)).write(partial).catch(() => undefined);
    await time.sleep(100);
    const full = server.stats();
    assert.ok(full.bufferedBytes >= limits.bufferedBytesMax && full.bufferedBytes <= limits.bufferedBytesMax + 4 * 64 * KiB, `buffered ${full.bufferedBytes}`);
    // Each is paused, or took all its sender wrote before the budget filled.
    assert.ok(full.connectionsPaused >= 1 && full.backpressurePauses >= 1);

    // A well-behaved client waits for room: until the partial frames' clocks run out (those read
    // before it paused, then those of the senders let go on before it).
    const client = await ClientTransport.connect<string, string>(network.provider('10.0.0.6'), SERVER, { requestTimeoutMs: 10_000 });
    const startMs = time.now();
    assert.equal(await client.request('x'.repeat(1000)), '1000');
    const waitedMs = time.now() - startMs;
    assert.ok(waitedMs >= 900 && waitedMs < 2 * limits.partialFrameTimeoutMs + 100, `answered after ${waitedMs} ms`);
    await time.sleep(limits.partialFrameTimeoutMs);
    const after = server.stats();
    assert.equal(after.partialFrameTimeouts, 4);
    assert.ok(after.backpressurePauses >= 2);
    assert.deepEqual([after.connectionsOpen, after.bufferedBytes], [1, 0]);
    client.close();
    server.close();
  }));

test('simulated: while one connection floods a slow handler, another is served in turn', () =>
  scene(46, async ({ world, network, time, serve }) => {
    // One request at a time, 1 ms each: 2,000 pipelined requests take the handler 2 s.
    const server = await serve({}, (request) => request, 1);
    const flood = await network.provider('10.0.0.2').connect(SERVER);
    world.spawn('flood', async () => {
      try {
        await flood.write(pipelined(2_000, 'flood'));
        while ((await flood.read()) !== null);
      } catch {
        // Reset at the end.
      }
    });
    await time.sleep(50);
    const client = await ClientTransport.connect<string, string>(network.provider('10.0.0.3'), SERVER);
    for (let i = 0; i < 5; i++) {
      const startMs = time.now();
      assert.equal(await client.request(`mine ${i}`), `mine ${i}`);
      // Its own millisecond, one or two of the flood's, and the round trip; behind the flood's
      // queue (pendingRequestsMax of them) it would be 128 ms.
      assert.ok(time.now() - startMs <= 5, `request ${i} took ${time.now() - startMs} ms`);
    }
    assert.ok(server.stats().framesReceived < 2_000 / 2, 'the flood was served before the client');
    client.close();
    flood.reset();
    server.close();
  }));

test('each limit is checked, and a bad one is a RangeError naming the option and its default', () =>
  scene(47, async ({ network }) => {
    const listen = (options: ServerTransportOptions) => ServerTransport.listen(network.provider('10.0.0.1'), SERVER, options);
    const bad: [ServerTransportOptions, RegExp][] = [
      [{ pendingRequestsMax: 0 }, /option pendingRequestsMax must be a finite integer >= 1, got 0\. .*default \(128\)/],
      [{ replyBytesMax: 1.5 }, /option replyBytesMax must be a finite integer >= 1, got 1\.5/],
      [{ partialFrameTimeoutMs: 0 }, /option partialFrameTimeoutMs must be a finite number > 0, got 0\. .*default \(10000\)/],
      [{ replyStallTimeoutMs: Infinity }, /option replyStallTimeoutMs must be a finite number > 0, got Infinity/],
      [{ connectionsMax: -1 }, /option connectionsMax must be a finite integer >= 1, got -1\. .*default \(1024\)/],
      [{ bufferedBytesMax: 1024 * KiB - 1 }, /option bufferedBytesMax must be a finite integer >= 1048576, got 1048575\. .*default \(8388608\)/],
      [{ frameBytesMax: 64 * KiB, bufferedBytesMax: 32 * KiB }, /option bufferedBytesMax must be a finite integer >= 65536/],
    ];
    for (const [options, message] of bad) {
      await assert.rejects(listen(options), (e: unknown) => e instanceof RangeError && /^ServerTransport on 10\.0\.0\.1:4500: /.test(e.message) && message.test(e.message));
    }
    const server = await listen({ pendingRequestsMax: 1, replyBytesMax: 1, partialFrameTimeoutMs: 1, replyStallTimeoutMs: 1, connectionsMax: 1, bufferedBytesMax: 1024 * KiB });
    server.close();
  }));

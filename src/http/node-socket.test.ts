import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { concatBytes } from '../core/bytes.js';
import { networkPreset } from '../network/presets.js';
import type { Connection } from '../providers/network-provider.js';
import { NodeSocket, toNodeSocket } from './node-socket.js';
import { inSeed, SERVER, type Scene } from './http.test-support.js';

/** A connection from the client host to a listener on the server host (port 8080, or `port`):
 * [client end, server end]. */
async function connected(scene: Scene, port = 8080): Promise<[Connection, Connection]> {
  const address = `10.0.0.1:${port}`;
  const listener = await scene.inServer(() => scene.serverNetwork.listen(address));
  const client = await scene.inClient(() => scene.clientNetwork.connect(address));
  const server = await scene.inServer(() => listener.accept());
  return [client, server];
}

/** Everything `connection` reads until its peer's FIN. */
async function readAll(connection: Connection): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for (let chunk = await connection.read(); chunk !== null; chunk = await connection.read()) chunks.push(chunk);
  return concatBytes(chunks, chunks.reduce((sum, c) => sum + c.length, 0));
}

function closeOf(socket: NodeSocket): Promise<boolean> {
  return new Promise((resolve) => socket.once('close', resolve));
}

// Reads and writes split anywhere, and a latency that varies per segment.
const partialIo = networkPreset('perfect');
partialIo.preset = 'perfect+partial-io';
partialIo.latencyMs.delivery = { kind: 'uniform', min: 0.05, max: 2 };
partialIo.faults.partialRead = { enabled: true, probability: 0.5, durationMs: { min: 0, max: 0 } };
partialIo.faults.partialWrite = { enabled: true, probability: 0.5, durationMs: { min: 0, max: 0 } };

test('bytes go both ways in order whatever the chunking, and the byte counts add up', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.uint8Array({ minLength: 1, maxLength: 3000 }), { maxLength: 12 }), fc.integer({ min: 1, max: 1000 }), async (chunks, seed) => {
      const sent = concatBytes(chunks, chunks.reduce((sum, c) => sum + c.length, 0));
      const { value } = await inSeed(seed, partialIo, async (scene) => {
        const [client, server] = await connected(scene);
        // The server side echoes through a NodeSocket; the client writes raw and reads back.
        const echoed = scene.inServer(
          () =>
            new Promise<NodeSocket>((resolve) => {
              const socket = toNodeSocket(server, { allowHalfOpen: true });
              socket.on('data', (data: Buffer) => socket.write(data));
              socket.on('end', () => socket.end(() => resolve(socket)));
            }),
        );
        const back = scene.inClient(async () => {
          for (const chunk of chunks) await client.write(chunk);
          client.close();
          return readAll(client);
        });
        return { socket: await echoed, back: await back };
      });
      assert.deepEqual(value.back, sent);
      assert.equal(value.socket.bytesRead, sent.length);
      assert.equal(value.socket.bytesWritten, sent.length);
    }),
    { numRuns: 30 },
  );
});

test('a socket has its addresses and families, as a connected net.Socket', async () => {
  const { value } = await inSeed(1, 'perfect', async (scene) => {
    const [client, server] = await connected(scene);
    return { client: toNodeSocket(client), server: toNodeSocket(server) };
  });
  const { client, server } = value;
  assert.equal(client.remoteAddress, '10.0.0.1');
  assert.equal(client.remotePort, 8080);
  assert.equal(client.remoteFamily, 'IPv4');
  assert.equal(client.localAddress, '10.0.0.2');
  assert.equal(server.remotePort, client.localPort);
  assert.deepEqual(server.address(), { address: '10.0.0.1', family: 'IPv4', port: 8080 });
  assert.equal(client.connecting, false);
  assert.equal(client.pending, false);
  assert.equal(client.readyState, 'open');
  assert.equal(client.setNoDelay(true), client);
  assert.equal(client.setKeepAlive(true, 1000), client);
  assert.equal(client.unref().ref(), client);
});

test('setTimeout fires on simulated time after the idle period, activity postpones it, 0 turns it off', async () => {
  const { value } = await inSeed(2, 'perfect', async (scene) => {
    const [client, server] = await connected(scene);
    const socket = await scene.inServer(() => toNodeSocket(server));
    const timeouts: number[] = [];
    let readAtMs = NaN;
    await scene.inServer(async () => {
      socket.on('timeout', () => timeouts.push(scene.world.nowMs));
      socket.setTimeout(1000);
      socket.on('data', () => (readAtMs = scene.world.nowMs));
      await scene.time.sleep(500);
    });
    await scene.inClient(() => client.write(new Uint8Array([1])));
    await scene.time.sleep(3000);
    const afterFirst = [...timeouts];
    await scene.inServer(() => {
      socket.setTimeout(200);
      socket.setTimeout(0);
    });
    await scene.time.sleep(1000);
    const afterOff = [...timeouts];
    // A shorter timeout set over a longer one goes off at its own deadline.
    const shortSetAtMs = await scene.inServer(() => {
      socket.setTimeout(5000);
      socket.setTimeout(100);
      return scene.world.nowMs;
    });
    await scene.time.sleep(6000);
    return { afterFirst, afterOff, all: timeouts, destroyed: socket.destroyed, readAtMs, shortSetAtMs };
  });
  assert.equal(value.afterFirst.length, 1, 'one timeout: it is not repeated without activity');
  assert.ok(value.readAtMs > 500, `the byte arrived after 500 ms: ${value.readAtMs}`);
  assert.equal(value.afterFirst[0], value.readAtMs + 1000, 'the timeout came 1000 ms after the last byte read');
  assert.deepEqual(value.afterOff, value.afterFirst, 'setTimeout(0) cancelled the 200 ms timeout');
  assert.deepEqual(value.all, [...value.afterFirst, value.shortSetAtMs + 100], 'the 100 ms timeout replaced the 5 s one');
  assert.equal(value.destroyed, false, 'a timeout leaves the socket open');
});

test('end() sends a FIN after the bytes written; without allowHalfOpen the peer FIN ends the socket too', async () => {
  const { value } = await inSeed(3, 'perfect', async (scene) => {
    const [client, server] = await connected(scene);
    const socket = await scene.inClient(() => toNodeSocket(client));
    const closed = closeOf(socket);
    await scene.inClient(() => socket.end('bye'));
    const read = await scene.inServer(() => readAll(server));
    await scene.inServer(() => server.close());
    await scene.inClient(() => {
      socket.resume();
      return closed;
    });
    return { read: Buffer.from(read).toString(), hadError: await closed, destroyed: socket.destroyed };
  });
  assert.deepEqual(value, { read: 'bye', hadError: false, destroyed: true });
});

test('destroy() closes as Linux does: a FIN when everything was read, a reset when bytes were left unread or arrive later', async () => {
  const { value } = await inSeed(4, 'perfect', async (scene) => {
    // Nothing unread: the peer gets the bytes, then a FIN.
    const [a, aPeer] = await connected(scene);
    await scene.inClient(() => {
      const socket = toNodeSocket(a);
      socket.write('last words', () => socket.destroy());
    });
    const clean = Buffer.from(await scene.inServer(() => readAll(aPeer))).toString();
    // Bytes the socket never read (it is paused): the connection is reset.
    const [b, bPeer] = await connected(scene, 8081);
    const paused = await scene.inClient(() => toNodeSocket(b).pause());
    await scene.inServer(() => bPeer.write(new Uint8Array(10)));
    await scene.time.sleep(5);
    await scene.inClient(() => paused.destroy());
    const unread = await scene.inServer(() => readAll(bPeer).then(() => 'FIN', (error: { code: string }) => error.code));
    // Bytes arriving after the close (the peer read its FIN first) reset it too.
    const [c, cPeer] = await connected(scene, 8082);
    await scene.inClient(() => toNodeSocket(c).destroy());
    const finFirst = await scene.inServer(() => readAll(cPeer).then(() => 'FIN'));
    await scene.inServer(() => cPeer.write(new Uint8Array(3)));
    await scene.time.sleep(5);
    const late = `${finFirst}, then ${await scene.inServer(() => cPeer.write(new Uint8Array(3)).then(() => 'written', (error: { code: string }) => error.code))}`;
    return { clean, unread, late };
  });
  assert.deepEqual(value, { clean: 'last words', unread: 'ECONNRESET', late: 'FIN, then ECONNRESET' });
});

test('resetAndDestroy() resets; a reset from the peer is an ECONNRESET error, then close with hadError', async () => {
  const { value } = await inSeed(5, 'perfect', async (scene) => {
    const [client, server] = await connected(scene);
    await scene.inClient(() => toNodeSocket(client).resetAndDestroy());
    const peerSaw = await scene.inServer(() => server.read().then(() => 'data', (error: { code: string }) => error.code));
    const [other, otherPeer] = await connected(scene, 8081);
    const socket = await scene.inClient(() => toNodeSocket(other));
    const failed = new Promise<Error & { code?: string; syscall?: string; errno?: number }>((resolve) => socket.once('error', resolve));
    const closed = closeOf(socket);
    await scene.inServer(() => otherPeer.reset());
    await scene.inClient(() => socket.resume());
    return { peerSaw, error: await failed, hadError: await closed };
  });
  assert.equal(value.peerSaw, 'ECONNRESET');
  assert.equal(value.error.message, 'read ECONNRESET');
  assert.equal(value.error.code, 'ECONNRESET');
  assert.equal(value.error.syscall, 'read');
  assert.ok((value.error.errno as number) < 0, 'a negative errno, as node:net gives');
  assert.equal(value.hadError, true);
});

test('a socket made from a connect in progress is connecting, buffers writes, and fails with ECONNREFUSED', async () => {
  const { value } = await inSeed(6, 'perfect', async (scene) => {
    const listener = await scene.inServer(() => scene.serverNetwork.listen(SERVER));
    const socket = await scene.inClient(() => {
      const s = new NodeSocket(scene.clientNetwork.connect(SERVER), {}, SERVER);
      s.end('early');
      return s;
    });
    const states = { connecting: socket.connecting, readyState: socket.readyState };
    const got = await scene.inServer(async () => Buffer.from(await readAll(await listener.accept())).toString());
    const refused = await scene.inClient(
      () =>
        new Promise<Record<string, unknown>>((resolve) => {
          const s = new NodeSocket(scene.clientNetwork.connect('10.0.0.1:9'), {}, '10.0.0.1:9');
          s.once('error', (error: Error & Record<string, unknown>) => resolve({ message: error.message, code: error.code, address: error.address, port: error.port, syscall: error.syscall }));
        }),
    );
    return { states, got, refused };
  });
  assert.deepEqual(value.states, { connecting: true, readyState: 'opening' });
  assert.equal(value.got, 'early');
  assert.deepEqual(value.refused, { message: 'connect ECONNREFUSED 10.0.0.1:9', code: 'ECONNREFUSED', address: '10.0.0.1', port: 9, syscall: 'connect' });
});

test('backpressure goes through the send buffer: a peer that does not read stalls the writer, reading drains it', async () => {
  const config = networkPreset('perfect');
  config.sendBufferBytesMax = 64 * 1024;
  const { value } = await inSeed(7, config, async (scene) => {
    const [client, server] = await connected(scene);
    const socket = await scene.inClient(() => toNodeSocket(client));
    const total = 1 << 20;
    let refused = -1;
    await scene.inClient(() => {
      for (let written = 0; written < total; written += 16 * 1024) {
        if (!socket.write(Buffer.alloc(16 * 1024, 7)) && refused < 0) refused = written;
      }
      socket.end();
    });
    await scene.time.sleep(100);
    const heldWhileStalled = socket.writableLength;
    const received = await scene.inServer(() => readAll(server));
    return { refused, heldWhileStalled, received: received.length, total };
  });
  assert.ok(value.refused >= 0 && value.refused < 64 * 1024, `write() returned false once the stream held its high-water mark (at ${value.refused})`);
  assert.ok(value.heldWhileStalled > value.total - 64 * 1024 - 32 * 1024, `the bytes beyond the send buffer waited in the socket: ${value.heldWhileStalled}`);
  assert.equal(value.received, value.total);
});

test('ref and unref reach a connection that holds its process open (a real socket), before or after it is attached', () => {
  const calls: string[] = [];
  const connection = {
    localAddress: '127.0.0.1:5000',
    remoteAddress: '127.0.0.1:6000',
    closed: false,
    read: () => new Promise<Uint8Array | null>(() => undefined),
    write: () => Promise.resolve(),
    close: () => calls.push('close'),
    reset: () => calls.push('reset'),
    ref: () => calls.push('ref'),
    unref: () => calls.push('unref'),
  };
  const socket = toNodeSocket(connection);
  socket.unref();
  socket.ref();
  let made!: (c: Connection) => void;
  const later = new NodeSocket(new Promise<Connection>((resolve) => (made = resolve)));
  later.unref();
  made(connection);
  return new Promise<void>((resolve) =>
    later.once('connect', () => {
      assert.deepEqual(calls, ['unref', 'ref', 'unref']);
      socket.resetAndDestroy();
      later.resetAndDestroy();
      resolve();
    }),
  );
});

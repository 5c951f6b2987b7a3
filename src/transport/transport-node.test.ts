// The transport over real TCP on 127.0.0.1: the shared echo workload, a socket destroyed under a
// request, and raw sockets that put corrupt or hostile frames on the wire.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NodeNetworkProvider } from '../network/node-network-provider.js';
import { NodeTimeProvider } from '../providers/node-time-provider.js';
import { NetworkProvider, type Connection, type Listener } from '../providers/network-provider.js';
import { ClientTransport } from './client-transport.js';
import { crc32c } from './crc32c.js';
import { assertAccounting, runEcho } from './echo.test-support.js';
import { CRC_OFFSET, encodeFrame, FrameKind, KIND_OFFSET, LENGTH_OFFSET, VERSION_OFFSET } from './frame.js';
import { ServerTransport } from './server-transport.js';
import { MaybeDeliveredError } from './transport-errors.js';
import { WireError } from './wire-errors.js';

const LOCAL = '127.0.0.1:0';
const real = new NodeNetworkProvider();

/** Real connections, remembered so a test can destroy one under the transport. */
class RecordingNetwork extends NetworkProvider {
  readonly connections: Connection[] = [];
  listen(address: string): Promise<Listener> {
    return real.listen(address);
  }
  async connect(address: string): Promise<Connection> {
    const conn = await real.connect(address);
    this.connections.push(conn);
    return conn;
  }
}

/** Reads until the server hangs up; true if it reset the connection. */
async function untilHungUp(conn: Connection): Promise<boolean> {
  try {
    while ((await conn.read()) !== null);
    return false;
  } catch {
    return true;
  }
}

/** A valid frame with one header byte changed and, unless `keepCrc`, its checksum made valid again. */
function tampered(offset: number, value: number, keepCrc = false): Uint8Array {
  const frame = encodeFrame(FrameKind.Request, 9, { evil: true });
  frame[offset] = value;
  if (!keepCrc) new DataView(frame.buffer, frame.byteOffset).setUint32(CRC_OFFSET, crc32c(frame, VERSION_OFFSET));
  return frame;
}

test('127.0.0.1: every request of 4 clients x 30 gets its own reply', async () => {
  const result = await runEcho({
    time: new NodeTimeProvider(),
    serverNetwork: real,
    clientNetwork: () => real,
    listenAddress: LOCAL,
    clients: 4,
    requestsPerClient: 30,
    concurrency: 3,
    timeoutMs: 10_000,
  });
  assertAccounting(result, '127.0.0.1');
  assert.deepEqual(new Set(result.outcomes.flat()), new Set(['ok']));
  assert.equal(result.serverStats.connections, 4);
});

test('a destroyed socket fails its written request as maybe-delivered, and the client reconnects', async () => {
  const network = new RecordingNetwork();
  const server = await ServerTransport.listen<string, string>(real, LOCAL);
  const client = await ClientTransport.connect<string, string>(network, server.address, { backoffMsMin: 5 });
  const answer = async () => {
    const m = await server.tryNextMessage();
    m?.respond(`re:${m.request}`);
  };
  assert.deepEqual(await Promise.all([client.request('one'), answer()]), ['re:one', undefined]);
  const pending = client.request('two');
  assert.equal((await server.tryNextMessage())?.request, 'two');
  network.connections[0].reset();
  await assert.rejects(pending, MaybeDeliveredError);
  assert.deepEqual(await Promise.all([client.request('three'), answer()]), ['re:three', undefined]);
  assert.equal(network.connections.length, 2);
  assert.equal(client.stats().reconnects, 1);
  client.close();
  server.close();
});

test('corrupt frames reset only their own connection, are counted by code, and the server keeps serving', async () => {
  const server = await ServerTransport.listen<number, number>(real, LOCAL);
  const serving = (async () => {
    for (let m = await server.tryNextMessage(); m !== null; m = await server.tryNextMessage()) m.respond(m.request + 1);
  })();
  const client = await ClientTransport.connect<number, number>(real, server.address);
  assert.equal(await client.request(1), 2);
  const flipped = encodeFrame(FrameKind.Request, 8, { evil: true });
  flipped[flipped.length - 1] ^= 0x10;
  const garbage: [string, Uint8Array][] = [
    ['checksum', flipped],
    ['oversized', new TextEncoder().encode('GET / HTTP/1.1\r\nHost: x\r\n\r\n')],
    ['version', tampered(VERSION_OFFSET, 9)],
    ['malformed', tampered(KIND_OFFSET, 77)],
    ['malformed', tampered(LENGTH_OFFSET + 3, 3, true)],
  ];
  for (const [code, bytes] of garbage) {
    const raw = await real.connect(server.address);
    await raw.write(bytes);
    assert.ok(await untilHungUp(raw), `${code}: the server did not reset the connection`);
    assert.equal(await client.request(10), 11, `${code}: the healthy client was disturbed`);
  }
  assert.deepEqual(server.stats().wireErrors, { checksum: 1, oversized: 1, version: 1, malformed: 2 });
  assert.equal(server.stats().connectionsLost, 5);
  assert.equal(client.stats().connections, 1);
  client.close();
  server.close();
  await serving;
});

test('a corrupt reply fails the request as maybe-delivered and is counted by the client', async () => {
  const listener = await real.listen(LOCAL);
  const client = await ClientTransport.connect<string, string>(real, listener.address);
  const pending = client.request('hello');
  const conn = await listener.accept();
  await conn.read();
  const reply = encodeFrame(FrameKind.Response, 1, 'hi');
  reply[reply.length - 1] ^= 1;
  await conn.write(reply);
  await assert.rejects(pending, (e: unknown) => e instanceof MaybeDeliveredError && e.cause instanceof WireError && e.cause.code === 'checksum');
  assert.equal(client.stats().wireErrors.checksum, 1);
  client.close();
  listener.close();
  conn.reset();
});

test('prototype-polluting payloads arrive as plain data on both sides', async () => {
  const hostile = '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"ok":1}';
  const server = await ServerTransport.listen<unknown, unknown>(real, LOCAL);
  const raw = await real.connect(server.address);
  await raw.write(encodeFrame(FrameKind.Request, 5, JSON.parse(hostile)));
  const message = await server.tryNextMessage();
  assert.deepEqual(message?.request, { ok: 1 });
  assert.equal(Object.getPrototypeOf(message?.request), Object.prototype);
  raw.close();

  const client = await ClientTransport.connect<unknown, unknown>(real, server.address);
  const pending = client.request('anything');
  const second = await server.tryNextMessage();
  second?.respond(JSON.parse(hostile));
  assert.deepEqual(await pending, { ok: 1 });
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  client.close();
  server.close();
});

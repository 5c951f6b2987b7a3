// The network contract: the same tests, run against the simulated and the real (node:net) network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddressInUseError,
  ConnectionClosedError,
  ConnectionRefusedError,
  ConnectionResetError,
  ListenerClosedError,
} from './network-errors.js';
import type { Connection, Listener, NetworkProvider } from './network-provider.js';
import type { TaskProvider } from './task-provider.js';

export interface NetworkEnv {
  server: NetworkProvider;
  client: NetworkProvider;
  /** Where the server may listen; port 0 lets the provider pick a free port. */
  listenAddress: string;
  tasks: TaskProvider;
}

/** Runs `body` with one implementation (inside a world, once per seed, for the simulation). */
export type NetworkHarness = (body: (env: NetworkEnv) => Promise<void>) => Promise<void>;

/** Deterministic test bytes: a different pattern per `salt`. */
export function pattern(length: number, salt: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + salt * 7 + (i >> 8)) & 0xff;
  return out;
}

/** Byte equality whatever the view type (Buffer or plain Uint8Array). */
export function assertSameBytes(actual: Uint8Array, expected: Uint8Array, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: ${actual.length} bytes instead of ${expected.length}`);
  assert.ok(Buffer.compare(actual, expected) === 0, `${what}: the bytes differ (changed or reordered)`);
}

export async function readAll(conn: Connection): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for (let chunk = await conn.read(); chunk !== null; chunk = await conn.read()) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Accepts `count` connections, echoing each until its FIN, then closing it. */
export function echoServer(env: NetworkEnv, listener: Listener, count: number) {
  return env.tasks.spawn('echo-server', async () => {
    const sessions = [];
    for (let i = 0; i < count; i++) {
      const conn = await listener.accept();
      sessions.push(
        env.tasks.spawn(`echo ${conn.remoteAddress}`, async () => {
          for (let chunk = await conn.read(); chunk !== null; chunk = await conn.read()) await conn.write(chunk);
          conn.close();
        }),
      );
    }
    for (const session of sessions) await session.join();
  });
}

/** Sends `data` in `chunkBytes` writes while reading the echo concurrently; returns the echo. */
export async function echoRoundTrip(env: NetworkEnv, address: string, data: Uint8Array, chunkBytes: number): Promise<Uint8Array> {
  const conn = await env.client.connect(address);
  const reading = env.tasks.spawn(`read ${conn.localAddress}`, () => readAll(conn));
  for (let offset = 0; offset < data.length; offset += chunkBytes) await conn.write(data.subarray(offset, offset + chunkBytes));
  conn.close();
  return reading.join();
}

export function networkContract(label: string, harness: NetworkHarness): void {
  test(`${label}: echo round trip, with the listener reporting its real address`, () =>
    harness(async (env) => {
      const listener = await env.server.listen(env.listenAddress);
      assert.match(listener.address, /:[1-9]\d*$/, `listener address ${listener.address} has no real port`);
      const server = echoServer(env, listener, 1);
      const echo = await echoRoundTrip(env, listener.address, new TextEncoder().encode('hello, moonpool'), 4);
      assert.equal(new TextDecoder().decode(echo), 'hello, moonpool');
      await server.join();
      listener.close();
    }));

  test(`${label}: FIN: the peer reads every byte then null; half-open ends keep talking`, () =>
    harness(async (env) => {
      const listener = await env.server.listen(env.listenAddress);
      const conn = await env.client.connect(listener.address);
      const accepted = await listener.accept();
      await conn.write(pattern(10_000, 1));
      conn.close();
      assert.equal(conn.closed, true);
      await assert.rejects(conn.write(pattern(1, 2)), ConnectionClosedError);
      assertSameBytes(await readAll(accepted), pattern(10_000, 1), 'client->server before FIN');
      assert.equal(await accepted.read(), null, 'reads after EOF keep returning null');
      await accepted.write(pattern(5_000, 3));
      accepted.close();
      assertSameBytes(await readAll(conn), pattern(5_000, 3), 'server->client after the client FIN');
      listener.close();
    }));

  test(`${label}: RST: pending and later operations fail on both ends`, () =>
    harness(async (env) => {
      const listener = await env.server.listen(env.listenAddress);
      const conn = await env.client.connect(listener.address);
      const accepted = await listener.accept();
      const pending = accepted.read();
      conn.reset();
      await assert.rejects(pending, ConnectionResetError);
      await assert.rejects(accepted.write(pattern(10, 4)), ConnectionResetError);
      await assert.rejects(accepted.read(), ConnectionResetError);
      await assert.rejects(conn.read(), ConnectionResetError);
      await assert.rejects(conn.write(pattern(10, 5)), ConnectionResetError);
      assert.equal(conn.closed && accepted.closed, true);
      listener.close();
    }));

  test(`${label}: connecting where nothing listens is refused`, () =>
    harness(async (env) => {
      const listener = await env.server.listen(env.listenAddress);
      listener.close();
      await assert.rejects(env.client.connect(listener.address), ConnectionRefusedError);
    }));

  test(`${label}: a second listener on a busy address fails; the address frees on close`, () =>
    harness(async (env) => {
      const listener = await env.server.listen(env.listenAddress);
      await assert.rejects(env.server.listen(listener.address), AddressInUseError);
      listener.close();
      (await env.server.listen(listener.address)).close();
    }));

  test(`${label}: closing a listener rejects pending and later accepts`, () =>
    harness(async (env) => {
      const listener = await env.server.listen(env.listenAddress);
      const pending = listener.accept();
      listener.close();
      await assert.rejects(pending, ListenerClosedError);
      await assert.rejects(listener.accept(), ListenerClosedError);
    }));

  test(`${label}: 25 concurrent connections each get their own bytes back`, () =>
    harness(async (env) => {
      const listener = await env.server.listen(env.listenAddress);
      const server = echoServer(env, listener, 25);
      const clients = Array.from({ length: 25 }, (_, i) =>
        env.tasks.spawn(`client ${i}`, async () =>
          assertSameBytes(await echoRoundTrip(env, listener.address, pattern(3_000 + i, i), 1_000), pattern(3_000 + i, i), `client ${i}`),
        ),
      );
      for (const client of clients) await client.join();
      await server.join();
      listener.close();
    }));

  test(`${label}: a 4 MiB transfer arrives complete and in order (byte conservation)`, () =>
    harness(async (env) => {
      const listener = await env.server.listen(env.listenAddress);
      const server = echoServer(env, listener, 1);
      const data = pattern(4 << 20, 9);
      assertSameBytes(await echoRoundTrip(env, listener.address, data, 64 * 1024), data, '4 MiB echo');
      await server.join();
      listener.close();
    }));
}

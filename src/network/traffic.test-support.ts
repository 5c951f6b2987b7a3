// An echo workload over a SimNetwork for the network's own tests: one server host, several
// client hosts, each opening connections in turn, writing random messages and reading the echo
// concurrently. It records, per connection, what each end wrote and read.
import assert from 'node:assert/strict';
import { runInWorld } from '../core/run-world.js';
import type { SimWorld } from '../core/world.js';
import { NetworkError } from '../providers/network-errors.js';
import type { Connection } from '../providers/network-provider.js';
import { SimTimeProvider } from '../providers/sim-time-provider.js';
import type { FaultFamily, NetworkConfig } from './network-config.js';
import type { Delivery } from './network-core.js';
import { resolveNetworkConfig, type NetworkPresetName } from './presets.js';
import { SimNetwork } from './sim-network.js';

export interface TrafficOptions {
  clients?: number;
  connectionsPerClient?: number;
  messagesPerConnection?: number;
  messageBytesMax?: number;
  recordDeliveries?: boolean;
}

/** The four byte streams of one connection, keyed by the client's address. */
export interface StreamRecord {
  clientWrote: Uint8Array;
  serverRead: Uint8Array;
  serverWrote: Uint8Array;
  clientRead: Uint8Array;
}

export interface TrafficResult {
  seed: number;
  counts: Record<FaultFamily, number>;
  streams: Map<string, StreamRecord>;
  deliveries: Delivery[];
}

const SERVER = '10.0.0.1:4500';

type Chunks = Record<keyof StreamRecord, Uint8Array[]>;

function concat(chunks: Uint8Array[]): Uint8Array {
  return Buffer.concat(chunks);
}

/** Cheap deterministic bytes (xorshift32 seeded from the world's user stream). */
function payload(world: SimWorld, length: number): Uint8Array {
  let x = world.rng.user.int(1, 0xffffffff);
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

async function swallowNetworkErrors(conn: Connection, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
    conn.reset();
  }
}

export async function runTraffic(seed: number, preset: NetworkPresetName | NetworkConfig, options: TrafficOptions = {}): Promise<TrafficResult> {
  const { clients = 3, connectionsPerClient = 4, messagesPerConnection = 30, messageBytesMax = 600 } = options;
  const records = new Map<string, Chunks>();
  const record = (key: string): Chunks => {
    let chunks = records.get(key);
    if (chunks === undefined) {
      chunks = { clientWrote: [], serverRead: [], serverWrote: [], clientRead: [] };
      records.set(key, chunks);
    }
    return chunks;
  };
  const deliveries: Delivery[] = [];
  let counts: Record<FaultFamily, number> | undefined;
  await runInWorld({ seed }, async (world) => {
    const network = new SimNetwork(world, resolveNetworkConfig(preset, world.rng.config));
    if (options.recordDeliveries) network.onDelivery((d) => deliveries.push({ ...d, bytes: d.bytes.slice() }));
    const time = new SimTimeProvider(world);
    const listener = await network.provider('10.0.0.1').listen(SERVER);
    world.spawn('server', async () => {
      for (;;) {
        const conn = await listener.accept();
        const rec = record(conn.remoteAddress);
        world.spawn(`echo ${conn.remoteAddress}`, () =>
          swallowNetworkErrors(conn, async () => {
            for (let chunk = await conn.read(); chunk !== null; chunk = await conn.read()) {
              rec.serverRead.push(chunk.slice());
              rec.serverWrote.push(chunk.slice());
              await conn.write(chunk);
            }
            conn.close();
          }),
        );
      }
    });
    const connect = async (ip: string): Promise<Connection> => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await network.provider(ip).connect(SERVER);
        } catch (error) {
          if (!(error instanceof NetworkError) || attempt === 100) throw error;
          await time.sleep(5 * attempt);
        }
      }
    };
    const clientTasks = Array.from({ length: clients }, (_, i) =>
      world.spawn(`client ${i}`, async () => {
        for (let c = 0; c < connectionsPerClient; c++) {
          const conn = await connect(`10.0.0.${i + 2}`);
          const rec = record(conn.localAddress);
          const reader = world.spawn(`reader ${conn.localAddress}`, () =>
            swallowNetworkErrors(conn, async () => {
              for (let chunk = await conn.read(); chunk !== null; chunk = await conn.read()) rec.clientRead.push(chunk.slice());
            }),
          );
          await swallowNetworkErrors(conn, async () => {
            for (let m = 0; m < messagesPerConnection; m++) {
              const bytes = payload(world, world.rng.user.int(1, messageBytesMax));
              rec.clientWrote.push(bytes);
              await conn.write(bytes);
            }
            conn.close();
          });
          await reader.join();
        }
      }),
    );
    for (const task of clientTasks) await task.join();
    counts = network.faultCounts();
  });
  const streams = new Map<string, StreamRecord>();
  for (const [key, chunks] of records) {
    streams.set(key, {
      clientWrote: concat(chunks.clientWrote),
      serverRead: concat(chunks.serverRead),
      serverWrote: concat(chunks.serverWrote),
      clientRead: concat(chunks.clientRead),
    });
  }
  assert.ok(counts !== undefined);
  return { seed, counts, streams, deliveries };
}

/** Each receiver read a prefix of what its peer wrote, in order; all of it when `complete`. */
export function assertConservation(result: TrafficResult, complete: boolean, label: string): void {
  assert.ok(result.streams.size > 0, `${label}, seed ${result.seed}: no connection was made`);
  for (const [key, s] of result.streams) {
    for (const [read, wrote, direction] of [
      [s.serverRead, s.clientWrote, 'client->server'],
      [s.clientRead, s.serverWrote, 'server->client'],
    ] as const) {
      const where = `${label}, seed ${result.seed}, ${key} ${direction}: read ${read.length} of ${wrote.length} bytes`;
      assert.ok(read.length <= wrote.length, `${where}: more than written`);
      assert.ok(Buffer.compare(read, wrote.subarray(0, read.length)) === 0, `${where}: not a prefix of what was written`);
      if (complete) assert.equal(read.length, wrote.length, `${where}: bytes lost`);
    }
  }
}

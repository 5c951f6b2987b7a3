import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInWorld } from '../core/run-world.js';
import { networkPreset } from '../network/presets.js';
import { SimNetwork } from '../network/sim-network.js';
import type { NetworkConfig } from '../network/network-config.js';
import { assertSameBytes, echoRoundTrip, echoServer, networkContract, pattern, type NetworkEnv } from './network-contract.test-support.js';
import { NetworkProvider, type Connection, type Listener } from './network-provider.js';
import { NodeNetworkProvider } from '../network/node-network-provider.js';
import { NodeTaskProvider } from './node-task-provider.js';
import { ProcessLife } from './process-life.js';
import { SimTaskProvider } from './sim-task-provider.js';

/** Hostile latencies, clogs, partitions, partial I/O, hangs and drift, but nothing that breaks a
 * contract on purpose: no bit flips, no connection kills, no failed connects. */
function hostileWithoutCorruption(): NetworkConfig {
  const config = networkPreset('hostile');
  config.preset = 'hostile-without-corruption';
  for (const family of ['bitFlip', 'connectionClose', 'connectionReset', 'connectFail'] as const) config.faults[family].enabled = false;
  return config;
}

function simHarness(config: NetworkConfig, seeds: number[]) {
  return async (body: (env: NetworkEnv) => Promise<void>) => {
    for (const seed of seeds) {
      await runInWorld({ seed }, async (world) => {
        const network = new SimNetwork(world, config);
        await body({
          server: network.provider('10.0.0.1'),
          client: network.provider('10.0.0.2'),
          listenAddress: '10.0.0.1:0',
          tasks: new SimTaskProvider(world),
        });
      });
    }
  };
}

networkContract('sim (perfect)', simHarness(networkPreset('perfect'), [1]));
networkContract('sim (hostile without corruption)', simHarness(hostileWithoutCorruption(), [1, 2, 3, 4]));

/** Real sockets, closed after each test even when it fails (an open one would keep the test
 * process alive). */
class ClosingProvider extends NetworkProvider {
  private readonly opened: (() => void)[] = [];
  private readonly inner = new NodeNetworkProvider();

  async listen(address: string): Promise<Listener> {
    const listener = await this.inner.listen(address);
    this.opened.push(() => listener.close());
    return listener;
  }

  async connect(address: string): Promise<Connection> {
    const conn = await this.inner.connect(address);
    this.opened.push(() => conn.reset());
    return conn;
  }

  closeAll(): void {
    for (const close of this.opened.splice(0)) close();
  }
}

const provider = new ClosingProvider();
const real: NetworkEnv = { server: provider, client: provider, listenAddress: '127.0.0.1:0', tasks: new NodeTaskProvider() };
networkContract('node (127.0.0.1)', (body) => body(real).finally(() => provider.closeAll()));

// The same contract with kill switches (--real): while their lives last, the providers behave
// exactly as without; killing them afterwards closes every socket the test opened.
networkContract('node (127.0.0.1, live ProcessLife)', async (body) => {
  const server = new ProcessLife('server');
  const client = new ProcessLife('client');
  try {
    await body({ server: new NodeNetworkProvider(server), client: new NodeNetworkProvider(client), listenAddress: '127.0.0.1:0', tasks: new NodeTaskProvider(server) });
  } finally {
    await new Promise((resolve) => setImmediate(resolve));
    server.kill();
    client.kill();
  }
});

test('node loopback: one server echoes 100 concurrent connections without losing a byte', async () => {
  const listener = await provider.listen('127.0.0.1:0');
  const server = echoServer(real, listener, 100);
  const clients = Array.from({ length: 100 }, (_, i) =>
    real.tasks.spawn(`client ${i}`, async () => {
      const sent = pattern(2_000 + 37 * i, i);
      assertSameBytes(await echoRoundTrip(real, listener.address, sent, 512), sent, `client ${i}`);
    }),
  );
  try {
    for (const client of clients) await client.join();
    await server.join();
  } finally {
    provider.closeAll();
  }
});

test('node: a connection error is typed and names the address', async () => {
  await assert.rejects(real.client.connect('127.0.0.1:1'), (e: unknown) => e instanceof Error && /127\.0\.0\.1:1/.test(e.message) && 'code' in e);
  await assert.rejects(real.server.listen('127.0.0.1'), /expected host:port/);
});

// Helpers of the node:http tests: a seed with a simulated network and two processes (a server
// host and a client host), a network config with one fault family on, and one request's outcome.
import type { IncomingHttpHeaders, RequestOptions } from 'node:http';
import http from 'node:http';
import { runInWorld, type WorldRunResult } from '../core/run-world.js';
import { TaskScope } from '../core/task-scope.js';
import type { SimWorld } from '../core/world.js';
import { networkPreset, resolveNetworkConfig, type NetworkPresetName } from '../network/presets.js';
import { SimNetwork } from '../network/sim-network.js';
import type { FaultFamily, NetworkConfig } from '../network/network-config.js';
import type { SimNetworkProvider } from '../network/sim-network-provider.js';
import { SimTimeProvider } from '../providers/sim-time-provider.js';

export const SERVER_IP = '10.0.0.1';
export const CLIENT_IP = '10.0.0.2';
export const SERVER = `${SERVER_IP}:8080`;

export interface Scene {
  world: SimWorld;
  network: SimNetwork;
  time: SimTimeProvider;
  serverNetwork: SimNetworkProvider;
  clientNetwork: SimNetworkProvider;
  /** Runs `fn` as a task of the server's process or the client's, and waits for it. */
  inServer<T>(fn: () => Promise<T> | T): Promise<T>;
  inClient<T>(fn: () => Promise<T> | T): Promise<T>;
}

/** `main` in a fresh guarded seed, with a simulated network on `config`. */
export async function inSeed<T>(
  seed: number,
  config: NetworkPresetName | NetworkConfig,
  main: (scene: Scene) => Promise<T>,
): Promise<{ value: T; run: WorldRunResult }> {
  let value: T | undefined;
  const run = await runInWorld({ seed, recordTrace: true }, async (world) => {
    const network = new SimNetwork(world, resolveNetworkConfig(config, world.rng.config));
    const serverScope = new TaskScope('server');
    const clientScope = new TaskScope('client');
    value = await main({
      world,
      network,
      time: new SimTimeProvider(world),
      serverNetwork: network.provider(SERVER_IP),
      clientNetwork: network.provider(CLIENT_IP),
      inServer: (fn) => world.spawn('server', fn, false, serverScope).join(),
      inClient: (fn) => world.spawn('client', fn, false, clientScope).join(),
    });
  });
  return { value: value as T, run };
}

/** `perfect`, with `family` on at `probability` per operation (timed ones lasting `durationMs`). */
export function withFault(family: FaultFamily, probability: number, durationMs = { min: 0, max: 0 }): NetworkConfig {
  const config = networkPreset('perfect');
  config.preset = `perfect+${family}`;
  config.faults[family] = { enabled: true, probability, durationMs };
  return config;
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One http.request(): its response read to the end, or the request's 'error' (with its code). */
export function send(url: string, options: RequestOptions, body?: string): Promise<Reply> {
  return new Promise<Reply>((resolve, reject) => {
    const request = http.request(url, options, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode as number, headers: response.headers, body: text }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', reject);
    request.end(body);
  });
}

/** The code of a request's failure (ECONNRESET...), or 'ok'. */
export async function outcomeOf(reply: Promise<Reply>): Promise<string> {
  try {
    await reply;
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

import { currentWorld } from '../core/current.js';
import { NodeRandomProvider } from '../providers/node-random-provider.js';
import { NodeTaskProvider } from '../providers/node-task-provider.js';
import { NodeTimeProvider } from '../providers/node-time-provider.js';
import type { RandomProvider } from '../providers/random-provider.js';
import { SimRandomProvider } from '../providers/sim-random-provider.js';
import { SimTaskProvider } from '../providers/sim-task-provider.js';
import { SimTimeProvider } from '../providers/sim-time-provider.js';
import type { TaskProvider } from '../providers/task-provider.js';
import type { TimeProvider } from '../providers/time-provider.js';

/** Providers a transport runs on; any left out is chosen by `resolveTransportProviders`. */
export interface TransportProviderOptions {
  time?: TimeProvider;
  random?: RandomProvider;
  tasks?: TaskProvider;
}

export type TransportProviders = Required<TransportProviderOptions>;

/**
 * Fills in missing providers so the same user code runs in both worlds: inside a running
 * simulation (a seed is executing) the world's logical time, tasks and its `network` RNG stream
 * (backoff jitter is network behaviour, and must not shift the workload's own `user` draws);
 * outside one, real timers, Node tasks and crypto randomness.
 */
export function resolveTransportProviders(options: TransportProviderOptions): TransportProviders {
  const world = currentWorld();
  if (world === undefined) {
    return {
      time: options.time ?? new NodeTimeProvider(),
      random: options.random ?? new NodeRandomProvider(),
      tasks: options.tasks ?? new NodeTaskProvider(),
    };
  }
  return {
    time: options.time ?? new SimTimeProvider(world),
    random: options.random ?? new SimRandomProvider(world.rng.network),
    tasks: options.tasks ?? new SimTaskProvider(world),
  };
}

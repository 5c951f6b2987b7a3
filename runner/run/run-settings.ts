// The typed settings a run-start event carries: what decides which seeds run and what each does.
import type { RunSettings } from './events.js';
import type { RunOptions } from '../cli/run-options.js';

export function runSettings(options: RunOptions): RunSettings {
  return {
    baseSeed: options.baseSeed,
    shard: options.shard,
    filters: [...options.filters],
    layout: options.layout,
    seed: options.seed,
    onlyFaults: options.onlyFaults && [...options.onlyFaults],
    network: options.network,
    buggify: options.buggify,
    storage: options.storage,
    attrition: options.attrition,
    swarm: options.swarm,
    guard: options.guard,
    checkDeterminism: options.checkDeterminism,
    bail: options.bail,
    real: options.real,
    failOnUnsatisfied: options.failOnUnsatisfied,
    eventsMax: options.eventsMax,
    simTimeMsMax: options.simTimeMsMax,
    livenessTimeoutMs: options.livenessTimeoutMs,
    seedTimeoutMs: options.seedTimeoutMs,
  };
}

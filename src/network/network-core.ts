import { invariant } from '../core/assert.js';
import type { RngStream } from '../core/rng.js';
import type { SimWorld } from '../core/world.js';
import { Chaos } from './chaos.js';
import { FaultState } from './fault-state.js';
import { ClockDrift } from './faults/clock-drift.js';
import { HostTable } from './host-table.js';
import { LatencyModel } from './latency-model.js';
import type { FaultFamily, NetworkConfig } from './network-config.js';
import type { FaultScene, KillableEnd } from './scripted-faults.js';
import { SIM_LANE } from '../core/timeline-recorder.js';

/** Bytes handed to a receiving connection's buffer (after any bit flip). */
export interface Delivery {
  timeMs: number;
  from: string;
  to: string;
  bytes: Uint8Array;
}

export type DeliveryListener = (delivery: Delivery) => void;

/** The state every part of one SimNetwork shares: world, config, streams, hosts, faults; and
 * what its scripted faults act on. */
export class NetworkCore implements FaultScene {
  readonly rng: RngStream;
  readonly latency: LatencyModel;
  readonly faults: FaultState;
  readonly chaos: Chaos;
  readonly drift: ClockDrift;
  readonly hosts = new HostTable();
  /** Failure zone of each host (set by the topology's processes). */
  zones: ReadonlyMap<string, number> | undefined;
  /** The topology declared zones: random partitions keep each zone whole. */
  partitionsAlongZones = false;
  private readonly deliveryListeners: DeliveryListener[] = [];

  constructor(
    readonly world: SimWorld,
    readonly config: NetworkConfig,
    pairSalt: number,
  ) {
    this.rng = world.rng.network;
    this.latency = new LatencyModel(config, pairSalt, this.rng);
    this.faults = new FaultState(world);
    this.chaos = new Chaos(config, this.rng, world.faultLog);
    this.drift = new ClockDrift(world, config.clockDrift.offsetMsMax);
  }

  get run(): string {
    return `seed ${this.world.seed}`;
  }

  hostList(): string[] {
    return this.hosts.ips();
  }

  /** `10.0.0.2`, or the address of a process on it (`10.0.0.2:4500`). */
  hostOf(name: string): string | undefined {
    if (this.hosts.get(name) !== undefined) return name;
    const ip = /^(.+):\d+$/.exec(name)?.[1];
    return ip !== undefined && this.hosts.get(ip) !== undefined ? ip : undefined;
  }

  /** Every simulated host has an IP of its own. */
  ambiguity(): undefined {
    return undefined;
  }

  admit(family: FaultFamily, text: () => string, durationMs?: number): boolean {
    return this.chaos.admit(family, SIM_LANE, text, durationMs);
  }

  skip(what: string): never {
    invariant(false, `network.faults.${what} skipped in a simulation, where no host name is ambiguous`);
  }

  connectionEnd(localAddress: string, remoteAddress: string): KillableEnd | undefined {
    return this.hosts.connections.get(`${localAddress}|${remoteAddress}`);
  }

  onDelivery(listener: DeliveryListener): void {
    this.deliveryListeners.push(listener);
  }

  notifyDelivery(from: string, to: string, bytes: Uint8Array): void {
    if (this.deliveryListeners.length === 0) return;
    const delivery = { timeMs: this.world.nowMs, from, to, bytes };
    for (const listener of this.deliveryListeners) listener(delivery);
  }
}

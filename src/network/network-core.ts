import type { RngStream } from '../core/rng.js';
import type { SimWorld } from '../core/world.js';
import { Chaos } from './chaos.js';
import { FaultState } from './fault-state.js';
import { ClockDrift } from './faults/clock-drift.js';
import { HostTable } from './host-table.js';
import { LatencyModel } from './latency-model.js';
import type { NetworkConfig } from './network-config.js';

/** Bytes handed to a receiving connection's buffer (after any bit flip). */
export interface Delivery {
  timeMs: number;
  from: string;
  to: string;
  bytes: Uint8Array;
}

export type DeliveryListener = (delivery: Delivery) => void;

/** The state every part of one SimNetwork shares: world, config, streams, hosts, faults. */
export class NetworkCore {
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
    this.chaos = new Chaos(config, this.rng);
    this.drift = new ClockDrift(world, config.clockDrift.offsetMsMax);
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

import type { SimWorld } from '../core/world.js';
import { validateNetworkConfig } from './config-validation.js';
import { describeLatency } from './latency.js';
import { FAULT_FAMILIES, LATENCY_OPS, TIMED_FAULT_FAMILIES, type FaultFamily, type NetworkConfig, type Range } from './network-config.js';
import { NetworkCore, type DeliveryListener } from './network-core.js';
import { ScriptedFaults } from './scripted-faults.js';
import { SimNetworkProvider } from './sim-network-provider.js';

const range = (r: Range) => `${r.min}..${r.max}`;

/** The simulated network of one seed: hosts `10.0.0.x`, their listeners and connections,
 * latency, random faults drawn from `world.rng.network`, scripted faults, fault counters.
 * Pass it a config from resolveNetworkConfig(); it draws its pair-latency salt from
 * `world.rng.config`. */
export class SimNetwork {
  /** Faults for hand-written scenarios: partitions, clogs, connection kills. */
  readonly faults: ScriptedFaults;
  private readonly core: NetworkCore;
  private readonly providers = new Map<string, SimNetworkProvider>();

  constructor(world: SimWorld, config: NetworkConfig) {
    validateNetworkConfig(config, `new SimNetwork(), seed ${world.seed}`);
    this.core = new NetworkCore(world, structuredClone(config), world.rng.config.int(0, 0xffffffff));
    this.faults = new ScriptedFaults(this.core);
  }

  get config(): NetworkConfig {
    return this.core.config;
  }

  /** The network as host `ip` sees it (the host is created on first use). */
  provider(ip: string): SimNetworkProvider {
    let provider = this.providers.get(ip);
    if (provider === undefined) {
      this.core.hosts.ensure(ip);
      provider = new SimNetworkProvider(this.core, ip);
      this.providers.set(ip, provider);
    }
    return provider;
  }

  /** The hosts, in order of first use. */
  hosts(): string[] {
    return this.core.hosts.ips();
  }

  /** How far host `ip`'s clock is ahead of simulated time (negative: behind). Bounded by
   * clockDrift.offsetMsMax; the host's clock never goes backwards. */
  clockOffsetMs(ip: string): number {
    this.core.hosts.ensure(ip);
    return this.core.drift.offsetMs(ip);
  }

  /** Places hosts in failure zones, which the scripted faults can name; with
   * `partitionsAlongZones` (the topology declared zones) random partitions keep each zone whole. */
  setZones(zones: ReadonlyMap<string, number>, partitionsAlongZones: boolean): void {
    this.core.zones = zones;
    this.core.partitionsAlongZones = partitionsAlongZones;
  }

  /** The process on host `ip` stopped (crashed or exited): its listeners close, its
   * connections reset (peers see ConnectionResetError once the RST arrives), and handshakes it
   * had begun are void. The host keeps its IP, clock and ephemeral port counter for the next
   * incarnation. */
  stopHost(ip: string): void {
    const host = this.core.hosts.ensure(ip);
    host.epoch++;
    for (const listener of [...host.listeners.values()]) listener.close();
    const prefix = `${ip}:`;
    for (const [key, connection] of [...this.core.hosts.connections]) if (key.startsWith(prefix)) connection.reset();
  }

  /** Faults injected so far (random and scripted), by family; every family is present. */
  faultCounts(): Record<FaultFamily, number> {
    return { ...this.core.chaos.counts };
  }

  get chaosEnabled(): boolean {
    return this.core.chaos.enabled;
  }

  /** false starts the liveness phase: no new random faults, partitions healed, clogs lifted,
   * clocks stop drifting (bytes already corrupted stay corrupted). true turns chaos back on. */
  setChaos(enabled: boolean): void {
    this.core.chaos.enabled = enabled;
    if (enabled) return;
    this.core.faults.healPartitions();
    this.core.faults.liftClogs();
    this.core.drift.calm();
  }

  /** Calls `listener` for every chunk handed to a receiver (after any bit flip), with the
   * simulated time. For tracing and tests; the bytes are the network's own, do not change them. */
  onDelivery(listener: DeliveryListener): void {
    this.core.onDelivery(listener);
  }

  /** Every concrete value this seed uses, flat, for the top of a failing seed's report. */
  describe(): Record<string, unknown> {
    const config = this.core.config;
    const out: Record<string, unknown> = {
      'network.preset': config.preset,
      'network.swarm': config.swarm,
    };
    for (const op of LATENCY_OPS) out[`network.latencyMs.${op}`] = describeLatency(config.latencyMs[op]);
    out['network.pairBaseMs'] = range(config.pairBaseMs);
    out['network.pairLatencySalt'] = this.core.latency.pairSalt;
    out['network.sendBufferBytesMax'] = config.sendBufferBytesMax;
    out['network.clockDrift'] = `offsetMsMax ${config.clockDrift.offsetMsMax} rateMax ${config.clockDrift.rateMax}`;
    for (const family of FAULT_FAMILIES) {
      const { enabled, probability, durationMs } = config.faults[family];
      const duration = TIMED_FAULT_FAMILIES.includes(family) ? ` durationMs ${range(durationMs)}` : '';
      out[`network.faults.${family}`] = enabled ? `on p=${probability}${duration}` : 'off';
    }
    return out;
  }
}

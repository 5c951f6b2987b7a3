import { isolateCut, oneWayCut, partitionCut } from './faults/partition-faults.js';
import type { NetworkCore } from './network-core.js';

/** Faults a hand-written scenario injects at chosen moments (`network.faults`). They work with
 * chaos on or off and are counted under the same families as random ones. Partitions last until
 * heal() unless given a duration. */
export class ScriptedFaults {
  constructor(private readonly core: NetworkCore) {}

  /** Every host of `groupA` loses contact with every host of `groupB`, both ways. */
  partition(groupA: readonly string[], groupB: readonly string[], durationMs = Infinity): void {
    this.checkHosts('partition', [...groupA, ...groupB]);
    if (groupA.some((ip) => groupB.includes(ip))) {
      throw new RangeError(`network.faults.partition: a host cannot be on both sides (${groupA.join(', ')} | ${groupB.join(', ')})`);
    }
    this.core.faults.addCut(partitionCut(groupA, groupB), this.checkDuration('partition', durationMs, true));
    this.core.chaos.count('partition');
  }

  /** Every host of the zones `zonesA` loses contact with every host of `zonesB`, both ways
   * (zones come from the topology's `zones`; without it each process is its own zone). */
  partitionZones(zonesA: readonly number[], zonesB: readonly number[], durationMs = Infinity): void {
    this.partition(this.hostsOfZones('partitionZones', zonesA), this.hostsOfZones('partitionZones', zonesB), durationMs);
  }

  /** Every host of `zone` loses contact with every host outside it, both ways. */
  isolateZone(zone: number, durationMs = Infinity): void {
    const inside = this.hostsOfZones('isolateZone', [zone]);
    const outside = this.core.hosts.ips().filter((ip) => !inside.includes(ip));
    this.partition(inside, outside, durationMs);
  }

  /** `ip` loses contact with every other host, both ways. */
  isolate(ip: string, durationMs = Infinity): void {
    this.checkHosts('isolate', [ip]);
    this.core.faults.addCut(isolateCut(ip), this.checkDuration('isolate', durationMs, true));
    this.core.chaos.count('isolate');
  }

  /** Bytes from `from` to `to` stop; the other direction keeps flowing. */
  partitionOneWay(from: string, to: string, durationMs = Infinity): void {
    this.checkHosts('partitionOneWay', [from, to]);
    this.core.faults.addCut(oneWayCut(from, to), this.checkDuration('partitionOneWay', durationMs, true));
    this.core.chaos.count('oneWayPartition');
  }

  /** Ends every partition (random or scripted) and lifts every clog; held bytes move again. */
  heal(): void {
    this.core.faults.healPartitions();
    this.core.faults.liftClogs();
  }

  /** Holds everything `ip` sends and everything sent to it for `durationMs`. */
  clogHost(ip: string, durationMs: number): void {
    this.checkHosts('clogHost', [ip]);
    const duration = this.checkDuration('clogHost', durationMs, false);
    this.core.faults.clogWrites(ip, duration);
    this.core.faults.clogReads(ip, duration);
    this.core.chaos.count('writeClog');
    this.core.chaos.count('readClog');
  }

  /** Holds the bytes `from` sends to `to` (one direction) for `durationMs`. */
  clogPair(from: string, to: string, durationMs: number): void {
    this.checkHosts('clogPair', [from, to]);
    this.core.faults.clogPair(from, to, this.checkDuration('clogPair', durationMs, false));
    this.core.chaos.count('writeClog');
  }

  /** Closes (FIN) or resets (RST) the live connection end with these addresses, as if the
   * process owning it did. */
  killConnection(localAddress: string, remoteAddress: string, mode: 'fin' | 'rst'): void {
    const connection = this.core.hosts.connections.get(`${localAddress}|${remoteAddress}`);
    if (connection === undefined) {
      throw new RangeError(
        `network.faults.killConnection: no open connection end ${localAddress} -> ${remoteAddress} ` +
          '(wrong addresses, or it is already closed or reset); use the localAddress and remoteAddress of a live Connection.',
      );
    }
    if (mode === 'fin') {
      connection.close();
      this.core.chaos.count('connectionClose');
    } else {
      connection.reset();
      this.core.chaos.count('connectionReset');
    }
  }

  private hostsOfZones(what: string, zones: readonly number[]): string[] {
    const map = this.core.zones;
    const known = map === undefined ? [] : [...new Set(map.values())];
    const unknown = zones.filter((zone) => !known.includes(zone));
    if (map === undefined || unknown.length > 0) {
      throw new RangeError(
        `network.faults.${what}: unknown zone ${unknown[0] ?? zones[0]} (seed ${this.core.world.seed}); ` +
          (map === undefined ? 'this network has no zones: run it in a topology (each process is its own zone unless the topology sets zones).' : `the zones are ${known.join(', ')}.`),
      );
    }
    return this.core.hosts.ips().filter((ip) => zones.includes(map.get(ip) as number));
  }

  private checkHosts(what: string, ips: readonly string[]): void {
    for (const ip of ips) {
      if (this.core.hosts.get(ip) === undefined) {
        throw new RangeError(
          `network.faults.${what}: unknown host ${ip} (seed ${this.core.world.seed}); known hosts: ` +
            `${this.core.hosts.ips().join(', ') || 'none'}. Create a host with network.provider(ip) first.`,
        );
      }
    }
  }

  private checkDuration(what: string, durationMs: number, infiniteOk: boolean): number {
    const ok = durationMs >= 0 && (Number.isFinite(durationMs) || (infiniteOk && durationMs === Infinity));
    if (!ok) {
      throw new RangeError(
        `network.faults.${what}: durationMs must be a ${infiniteOk ? 'number >= 0 or Infinity' : 'finite number >= 0'}, got ${durationMs}`,
      );
    }
    return durationMs;
  }
}

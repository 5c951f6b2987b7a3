import type { FaultState } from './fault-state.js';
import { isolateCut, oneWayCut, partitionCut } from './faults/partition-faults.js';
import type { FaultFamily } from './network-config.js';
import { formatMs } from '../core/format-ms.js';

/** A live connection end a fault can close or reset, as the process owning it would. */
export interface KillableEnd {
  close(): void;
  reset(): void;
}

/** What scripted faults act on: the simulated network of a seed, or the processes of a --real
 * run (whose NetworkProviders hold the bytes the faults stop). */
export interface FaultScene {
  readonly faults: FaultState;
  /** Failure zone of each host, once a topology placed them. */
  readonly zones: ReadonlyMap<string, number> | undefined;
  /** `seed 42`, `--real run`: named in errors. */
  readonly run: string;
  /** The hosts, in order. */
  hostList(): string[];
  /** The host `name` stands for (an IP, or the address of the process on it); undefined when none. */
  hostOf(name: string): string | undefined;
  /** Why `name` stands for no single host here although it is no mistake (the fault is then skipped, counted and
   * logged); undefined when it names one or none. */
  ambiguity(name: string): string | undefined;
  /** A scripted fault is about to be applied: false when the run vetoes it (--only-faults);
   * counted when it applies. `text` describes it for the timeline. */
  admit(family: FaultFamily, text: () => string, durationMs?: number): boolean;
  /** Counts and reports a fault skipped because of `why`. */
  skip(what: string, why: string): void;
  /** The live end with these addresses, if any. */
  connectionEnd(localAddress: string, remoteAddress: string): KillableEnd | undefined;
}

/** Faults a hand-written scenario injects at chosen moments (`NetworkFaults`). They work with
 * chaos on or off and are counted under the same families as random ones. Partitions last until
 * heal() unless given a duration. A host is named by its IP or by the address of its process. */
export class ScriptedFaults {
  constructor(private readonly scene: FaultScene) {}

  /** Every host of `groupA` loses contact with every host of `groupB`, both ways. */
  partition(groupA: readonly string[], groupB: readonly string[], durationMs = Infinity): void {
    const hosts = this.hosts('partition', [...groupA, ...groupB]);
    if (hosts === undefined) return;
    const a = hosts.slice(0, groupA.length);
    const b = hosts.slice(groupA.length);
    if (a.some((host) => b.includes(host))) {
      throw new RangeError(`network.faults.partition: a host cannot be on both sides (${groupA.join(', ')} | ${groupB.join(', ')})`);
    }
    const cut = partitionCut(a, b);
    const duration = this.checkDuration('partition', durationMs, true);
    if (this.scene.admit('partition', () => `scripted partition ${a.join(',')} | ${b.join(',')} for ${formatMs(duration)}`, duration)) this.scene.faults.addCut(cut, duration);
  }

  /** Every host of the zones `zonesA` loses contact with every host of `zonesB`, both ways
   * (zones come from the topology's `zones`; without it each process is its own zone). */
  partitionZones(zonesA: readonly number[], zonesB: readonly number[], durationMs = Infinity): void {
    this.partition(this.hostsOfZones('partitionZones', zonesA), this.hostsOfZones('partitionZones', zonesB), durationMs);
  }

  /** Every host of `zone` loses contact with every host outside it, both ways. */
  isolateZone(zone: number, durationMs = Infinity): void {
    const inside = this.hostsOfZones('isolateZone', [zone]);
    const outside = this.scene.hostList().filter((host) => !inside.includes(host));
    this.partition(inside, outside, durationMs);
  }

  /** `ip` loses contact with every other host, both ways. */
  isolate(ip: string, durationMs = Infinity): void {
    const [host] = this.hosts('isolate', [ip]) ?? [];
    if (host === undefined) return;
    const duration = this.checkDuration('isolate', durationMs, true);
    if (this.scene.admit('isolate', () => `scripted isolate ${host} for ${formatMs(duration)}`, duration)) this.scene.faults.addCut(isolateCut(host), duration);
  }

  /** Bytes from `from` to `to` stop; the other direction keeps flowing. */
  partitionOneWay(from: string, to: string, durationMs = Infinity): void {
    const hosts = this.hosts('partitionOneWay', [from, to]);
    if (hosts === undefined) return;
    const duration = this.checkDuration('partitionOneWay', durationMs, true);
    const [a, b] = hosts;
    if (this.scene.admit('oneWayPartition', () => `scripted oneWayPartition ${a} → ${b} for ${formatMs(duration)}`, duration)) this.scene.faults.addCut(oneWayCut(a, b), duration);
  }

  /** Ends every partition (random or scripted) and lifts every clog; held bytes move again. */
  heal(): void {
    this.scene.faults.healPartitions();
    this.scene.faults.liftClogs();
  }

  /** Holds everything `ip` sends and everything sent to it for `durationMs`. */
  clogHost(ip: string, durationMs: number): void {
    const [host] = this.hosts('clogHost', [ip]) ?? [];
    if (host === undefined) return;
    const duration = this.checkDuration('clogHost', durationMs, false);
    if (this.scene.admit('writeClog', () => `scripted writeClog ${host} for ${formatMs(duration)}`, duration)) this.scene.faults.clogWrites(host, duration);
    if (this.scene.admit('readClog', () => `scripted readClog ${host} for ${formatMs(duration)}`, duration)) this.scene.faults.clogReads(host, duration);
  }

  /** Holds the bytes `from` sends to `to` (one direction) for `durationMs`. */
  clogPair(from: string, to: string, durationMs: number): void {
    const hosts = this.hosts('clogPair', [from, to]);
    if (hosts === undefined) return;
    const duration = this.checkDuration('clogPair', durationMs, false);
    const [a, b] = hosts;
    if (this.scene.admit('writeClog', () => `scripted clogPair ${a} → ${b} for ${formatMs(duration)}`, duration)) this.scene.faults.clogPair(a, b, duration);
  }

  /** Closes (FIN) or resets (RST) the live connection end with these addresses, as if the
   * process owning it did. */
  killConnection(localAddress: string, remoteAddress: string, mode: 'fin' | 'rst'): void {
    const connection = this.scene.connectionEnd(localAddress, remoteAddress);
    if (connection === undefined) {
      throw new RangeError(
        `network.faults.killConnection: no open connection end ${localAddress} -> ${remoteAddress} ` +
          '(wrong addresses, or it is already closed or reset); use the localAddress and remoteAddress of a live Connection.',
      );
    }
    const family = mode === 'fin' ? 'connectionClose' : 'connectionReset';
    if (!this.scene.admit(family, () => `scripted ${family} ${localAddress} → ${remoteAddress}`)) return;
    if (mode === 'fin') connection.close();
    else connection.reset();
  }

  private hostsOfZones(what: string, zones: readonly number[]): string[] {
    const map = this.scene.zones;
    const known = map === undefined ? [] : [...new Set(map.values())];
    const unknown = zones.filter((zone) => !known.includes(zone));
    if (map === undefined || unknown.length > 0) {
      throw new RangeError(
        `network.faults.${what}: unknown zone ${unknown[0] ?? zones[0]} (${this.scene.run}); ` +
          (map === undefined ? 'this network has no zones: run it in a topology (each process is its own zone unless the topology sets zones).' : `the zones are ${known.join(', ')}.`),
      );
    }
    return this.scene.hostList().filter((host) => zones.includes(map.get(host) as number));
  }

  /** The hosts `names` stand for, in order; undefined when one of them names no single host
   * here (the fault is skipped). Throws a RangeError for a name that is no host at all. */
  private hosts(what: string, names: readonly string[]): string[] | undefined {
    const hosts: string[] = [];
    for (const name of names) {
      const why = this.scene.ambiguity(name);
      if (why !== undefined) {
        this.scene.skip(what, why);
        return undefined;
      }
      const host = this.scene.hostOf(name);
      if (host === undefined) {
        throw new RangeError(
          `network.faults.${what}: unknown host ${name} (${this.scene.run}); known hosts: ` +
            `${this.scene.hostList().join(', ') || 'none'}. Name a host by its IP or by the address of its process (TopologyInfo.address).`,
        );
      }
      hosts.push(host);
    }
    return hosts;
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

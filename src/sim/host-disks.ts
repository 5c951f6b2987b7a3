import type { SimWorld } from '../core/world.js';
import { SimDisk } from '../storage/sim-disk.js';
import { STORAGE_FAULT_FAMILIES, type StorageConfig, type StorageFaultFamily, type StorageSetting } from '../storage/storage-config.js';
import { resolveStorageConfig } from '../storage/storage-presets.js';

/**
 * The simulated disks of a seed, one per host, made on first use: a seed that never opens a
 * file makes no disk and draws nothing from the `storage` stream. The config is resolved once
 * (its `random` and swarm draws first), shared by every disk.
 */
export class HostDisks {
  private readonly disks = new Map<string, SimDisk>();
  private resolved: StorageConfig | undefined;
  private faultsEnabled = true;

  constructor(
    private readonly world: SimWorld,
    /** The preset name or config the seed's disks resolve from. */
    readonly setting: StorageSetting,
    private readonly swarm: boolean,
  ) {}

  /** The disks' config, once the first disk resolved it. */
  get config(): StorageConfig | undefined {
    return this.resolved;
  }

  /** The disk of host `ip`, made on first use. */
  disk(ip: string): SimDisk {
    let disk = this.disks.get(ip);
    if (disk === undefined) {
      this.resolved ??= resolveStorageConfig(this.setting, this.world.rng.storage, { swarm: this.swarm });
      disk = new SimDisk(this.world, this.resolved, this.world.rng.storage, ip);
      disk.setFaultsEnabled(this.faultsEnabled);
      this.disks.set(ip, disk);
    }
    return disk;
  }

  /** Power loss on host `ip`: unsynced data is kept, lost or torn. */
  crash(ip: string): void {
    this.disks.get(ip)?.crash();
  }

  /** Host `ip`'s disk is erased (a `wipe`). */
  erase(ip: string): void {
    this.disks.get(ip)?.erase();
  }

  /** false in the liveness phase: no new injected faults (the crash model stays). */
  setFaultsEnabled(enabled: boolean): void {
    this.faultsEnabled = enabled;
    for (const disk of this.disks.values()) disk.setFaultsEnabled(enabled);
  }

  /** Faults injected on every disk, by family, once any disk exists. */
  faultCounts(): Partial<Record<StorageFaultFamily, number>> {
    const counts: Partial<Record<StorageFaultFamily, number>> = {};
    if (this.disks.size === 0) return counts;
    for (const family of STORAGE_FAULT_FAMILIES) counts[family] = 0;
    for (const disk of this.disks.values()) {
      const own = disk.faultCounts();
      for (const family of STORAGE_FAULT_FAMILIES) counts[family]! += own[family];
    }
    return counts;
  }

  /** The disks' config, flat, for a failing seed's report; empty when no disk was used. */
  describe(): Record<string, unknown> {
    const first = this.disks.values().next().value;
    return first === undefined ? {} : first.describe();
  }
}

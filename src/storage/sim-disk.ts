import { formatMs } from '../core/format-ms.js';
import type { RngStream } from '../core/rng.js';
import type { SimWorld } from '../core/world.js';
import { describeLatency, sampleLatencyMs } from '../network/latency.js';
import { crashFile, emptyCrashStats, type CrashObserver, type CrashStats } from './crash-model.js';
import { Directory } from './directory.js';
import { PAGE_SIZE, SECTOR_SIZE } from './disk-geometry.js';
import { DiskFile, type SpaceAccount } from './disk-file.js';
import { StorageChaos } from './storage-chaos.js';
import {
  STORAGE_FAULT_FAMILIES,
  STORAGE_LATENCY_OPS,
  type StorageConfig,
  type StorageFaultFamily,
  type StorageLatencyOp,
} from './storage-config.js';
import { validateStorageConfig } from './storage-config-validation.js';
import { FileExistsError, FileNotFoundError, StorageIOError } from './storage-errors.js';
import { FILE_BYTES_MAX } from './storage-provider.js';

/**
 * The disk of one simulated host: its files and their names, with the durable state a crash
 * falls back to. It outlives the host's process incarnations (each gets its own
 * SimStorageProvider over it); `crash()` applies the crash model (always, whatever the preset),
 * `erase()` wipes it. Injected faults and latencies follow the config; every draw comes from
 * `rng` (the seed's `storage` stream).
 *
 * Operations change the disk when they are called (reads see every earlier write at once) and
 * complete after their latency, as a world wait of the calling task; sync() and
 * syncDirectory() make things durable when they complete. An operation still in flight when the
 * disk crashes or is erased fails with StorageIOError (and never resumes at all when its task
 * was killed with its process). The methods taking a DiskFile are SimStorageProvider's: they
 * expect validated arguments.
 */
export class SimDisk {
  readonly config: StorageConfig;
  /** Bumped by crash() and erase(): handles and operations from before are void. */
  epoch = 0;
  /** Called with every unsynced sector's fate at a crash (for tests and tracing). */
  onCrashSector: CrashObserver | undefined = undefined;
  private readonly directory = new Directory();
  private readonly space: SpaceAccount = { pages: 0, spare: [] };
  private readonly capacityPages: number;
  private readonly chaos: StorageChaos;
  private readonly stats: CrashStats = emptyCrashStats();

  constructor(
    readonly world: SimWorld,
    config: StorageConfig,
    readonly rng: RngStream,
    /** The host it belongs to, named in its faults. */
    readonly host = 'disk',
  ) {
    this.config = structuredClone(validateStorageConfig(config, `new SimDisk(), seed ${world.seed}`));
    this.capacityPages = Math.floor(this.config.capacityBytes / PAGE_SIZE);
    this.chaos = new StorageChaos(this.config, rng, world.faultLog);
  }

  // ---- the host's life -------------------------------------------------------------------

  /** Power loss: unsynced directory changes may be undone, each file's unsynced sectors are
   * kept, lost or torn (see crash-model.ts), open handles and operations in flight are void. */
  crash(): void {
    this.epoch++;
    this.stats.crashes++;
    const names = this.directory.crash(this.rng, this.stats);
    this.space.pages = 0;
    for (const path of [...names.keys()].sort()) {
      const file = names.get(path) as DiskFile;
      crashFile(file, this.rng, this.stats, this.onCrashSector);
      file.handles = 0;
      file.released = false;
      this.space.pages += file.live.size;
    }
  }

  /** A wipe: every file is gone, durable or not, latent read errors included. */
  erase(): void {
    this.epoch++;
    this.directory.erase();
    this.space.pages = 0;
  }

  /** false starts the liveness phase: no new injected faults. Latent read errors already
   * injected stay until their sector is rewritten, like corrupted bytes; the crash model stays. */
  setFaultsEnabled(enabled: boolean): void {
    this.chaos.enabled = enabled;
  }

  get faultsEnabled(): boolean {
    return this.chaos.enabled;
  }

  /** Faults injected so far, by family; every family is present. */
  faultCounts(): Record<StorageFaultFamily, number> {
    return { ...this.chaos.counts };
  }

  /** What crashes did so far. */
  crashStats(): CrashStats {
    return { ...this.stats };
  }

  /** Bytes held by the live images of the disk's files (whole 4 KiB pages), which
   * capacityBytes bounds. */
  usedBytes(): number {
    return this.space.pages * PAGE_SIZE;
  }

  /** Every concrete value this disk uses, flat, for the top of a failing seed's report. */
  describe(): Record<string, unknown> {
    const config = this.config;
    const out: Record<string, unknown> = { 'storage.preset': config.preset, 'storage.swarm': config.swarm };
    for (const op of STORAGE_LATENCY_OPS) out[`storage.latencyMs.${op}`] = describeLatency(config.latencyMs[op]);
    for (const family of STORAGE_FAULT_FAMILIES) {
      const { enabled, probability, durationMs } = config.faults[family];
      const duration = family === 'stall' ? ` durationMs ${durationMs.min}..${durationMs.max}` : '';
      out[`storage.faults.${family}`] = enabled ? `on p=${probability}${duration}` : 'off';
    }
    out['storage.capacityBytes'] = config.capacityBytes;
    return out;
  }

  // ---- directory operations (SimStorageProvider's) ---------------------------------------

  /** Opens (or creates) `path`; `adopt` turns the file into a handle when the open completes.
   * The file counts as open from the call on, so a delete meanwhile does not free it. */
  open<T>(path: string, create: boolean, exclusive: boolean, adopt: (file: DiskFile, epoch: number) => T): Promise<T> {
    const existing = this.directory.live.get(path);
    if (existing !== undefined && create && exclusive) return this.fail(this.metadataMs('read'), 'open', path, new FileExistsError(path));
    if (existing === undefined && !create) return this.fail(this.metadataMs('read'), 'open', path, new FileNotFoundError(path));
    let file = existing;
    let ms: number;
    if (file === undefined) {
      ms = this.metadataMs('write');
      file = new DiskFile(this.space);
      this.directory.name(file, path);
    } else ms = this.metadataMs('read');
    file.handles++;
    const opened = file;
    const epoch = this.epoch;
    return this.after(ms, 'open', path, () => adopt(opened, epoch));
  }

  exists(path: string): Promise<boolean> {
    return this.resolve(this.metadataMs('read'), 'exists', path, this.directory.live.has(path));
  }

  list(prefix: string): Promise<string[]> {
    const paths: string[] = [];
    for (const path of this.directory.live.keys()) if (path.startsWith(prefix)) paths.push(path);
    // Code-unit order, not localeCompare: the same on every machine.
    paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return this.resolve(this.metadataMs('read'), 'list', prefix, paths);
  }

  delete(path: string): Promise<void> {
    const ms = this.metadataMs('write');
    const file = this.directory.live.get(path);
    if (file === undefined) return this.fail(ms, 'delete', path, new FileNotFoundError(path));
    this.directory.unname(file);
    file.releaseIfUnused();
    return this.resolve(ms, 'delete', path, undefined);
  }

  rename(from: string, to: string): Promise<void> {
    const ms = this.metadataMs('write');
    const file = this.directory.live.get(from);
    if (file === undefined) return this.fail(ms, 'rename', from, new FileNotFoundError(from));
    if (from !== to) this.directory.name(file, to)?.releaseIfUnused();
    return this.resolve(ms, 'rename', from, undefined);
  }

  syncDirectory(): Promise<void> {
    const fault = this.chaos.roll('sync');
    const ms = this.latency('sync') + this.stall(fault);
    if (fault === 'syncFailure' && this.admit(fault, () => 'syncDirectory')) return this.failSync(ms, 'syncDirectory', '.');
    return this.after(ms, 'syncDirectory', '.', () => this.directory.sync());
  }

  // ---- file operations (SimStorageFile's) ------------------------------------------------

  read(file: DiskFile, path: string, offset: number, length: number): Promise<Uint8Array> {
    const fault = this.chaos.roll('read');
    const ms = this.latency('read') + this.stall(fault);
    if (fault === 'readCorruption') {
      const n = Math.min(length, file.size - offset);
      if (n > 0) {
        // A latent sector error under a byte of this read: this read and every later one see it.
        const at = offset + this.rng.int(0, n - 1);
        const bit = this.rng.int(0, 7);
        if (this.admit(fault, () => `${path} byte ${at} bit ${bit}`)) file.addReadFault(at, bit);
      }
    }
    return this.resolve(ms, 'read', path, file.read(offset, length));
  }

  write(file: DiskFile, path: string, offset: number, bytes: Uint8Array): Promise<void> {
    const length = bytes.length;
    if (this.outOfSpace(file, offset, length)) {
      return this.fail(this.latency('write'), 'write', path, new StorageIOError(path, 'no space left on device', 'ENOSPC'));
    }
    const fault = length === 0 ? undefined : this.chaos.roll('write');
    const ms = this.latency('write') + this.stall(fault);
    if (fault === undefined || fault === 'stall') file.write(offset, bytes);
    else if (fault === 'lostWrite') {
      if (!this.admit(fault, () => `${path} ${length} B at ${offset}`)) file.write(offset, bytes);
    } else if (fault === 'writeCorruption') {
      file.write(offset, bytes);
      const at = offset + this.rng.int(0, length - 1);
      const bit = this.rng.int(0, 7);
      if (this.admit(fault, () => `${path} byte ${at} bit ${bit}`)) file.flipBit(at, bit);
    } else {
      const target = this.misdirect(file, offset, length);
      const lands = target !== undefined && this.admit(fault, () => `${path} ${length} B meant for ${offset} written at ${target}`);
      file.write(lands ? target : offset, bytes);
    }
    return this.resolve(ms, 'write', path, undefined);
  }

  sync(file: DiskFile, path: string): Promise<void> {
    const fault = this.chaos.roll('sync');
    const ms = this.latency('sync') + this.stall(fault);
    if (fault === 'syncFailure' && this.admit(fault, () => path)) return this.failSync(ms, 'sync', path);
    return this.after(ms, 'sync', path, () => file.sync());
  }

  size(file: DiskFile, path: string): Promise<number> {
    return this.resolve(this.metadataMs('read'), 'size', path, file.size);
  }

  truncate(file: DiskFile, path: string, size: number): Promise<void> {
    const ms = this.metadataMs('write');
    file.truncate(size);
    return this.resolve(ms, 'truncate', path, undefined);
  }

  /** A handle of `file` opened in `epoch` was closed. */
  release(file: DiskFile, epoch: number): void {
    if (epoch !== this.epoch) return; // the crash already forgot every handle
    file.handles--;
    file.releaseIfUnused();
  }

  /** A wait that ends at once, through an event like every other operation (close()). */
  ended(label: string, path: string): Promise<void> {
    return this.resolve(0, label, path, undefined);
  }

  // ---- internals -------------------------------------------------------------------------

  private latency(op: StorageLatencyOp): number {
    return sampleLatencyMs(this.config.latencyMs[op], this.rng);
  }

  /** Latency plus any stall of an operation that can only stall. */
  private metadataMs(op: StorageLatencyOp): number {
    return this.latency(op) + this.stall(this.chaos.roll('metadata'));
  }

  private stall(fault: StorageFaultFamily | undefined): number {
    if (fault !== 'stall') return 0;
    const stallMs = this.chaos.stallMs();
    return this.admit(fault, () => `for ${formatMs(stallMs)}`, stallMs) ? stallMs : 0;
  }

  /** A fault of this disk, its draws made, is about to take effect (see FaultRoller.admit). */
  private admit(family: StorageFaultFamily, text: () => string, durationMs?: number): boolean {
    return this.chaos.admit(family, this.host, () => `${family} ${this.host} ${text()}`, durationMs);
  }

  private outOfSpace(file: DiskFile, offset: number, length: number): boolean {
    if (length === 0 || file.released) return false;
    const span = Math.floor((offset + length - 1) / PAGE_SIZE) - Math.floor(offset / PAGE_SIZE) + 1;
    // Only count the missing pages when the write could overflow.
    return this.space.pages + span > this.capacityPages && this.space.pages + file.newPages(offset, length) > this.capacityPages;
  }

  /** Where a misdirected write lands: shifted by a nonzero whole number of sectors, starting
   * inside the file's extent (or one sector past the intended place when nothing else fits).
   * undefined when no such place has room. */
  private misdirect(file: DiskFile, offset: number, length: number): number | undefined {
    const extent = Math.max(file.size, offset + length);
    const lowest = -Math.floor(offset / SECTOR_SIZE);
    const highest = Math.max(1, Math.floor((extent - 1 - offset) / SECTOR_SIZE));
    const j = this.rng.int(lowest, highest - 1);
    const target = offset + (j >= 0 ? j + 1 : j) * SECTOR_SIZE;
    if (target + length > FILE_BYTES_MAX || this.outOfSpace(file, target, length)) return undefined;
    return target;
  }

  private failSync(ms: number, label: string, path: string): Promise<void> {
    const what = label === 'sync' ? 'the data stays unsynced' : 'the directory changes stay unsynced';
    return this.fail(ms, label, path, new StorageIOError(path, `${label} failed (injected syncFailure); ${what}`));
  }

  private resolve<T>(ms: number, label: string, path: string, value: T): Promise<T> {
    return this.after(ms, label, path, () => value);
  }

  private fail<T>(ms: number, label: string, path: string, error: Error): Promise<T> {
    return this.after(ms, label, path, () => {
      throw error;
    });
  }

  /** Runs `done` after `ms` of simulated time and settles a wait of the task running now with
   * its result (or error). After a crash or an erase it fails instead. */
  private after<T>(ms: number, label: string, path: string, done: () => T): Promise<T> {
    const world = this.world;
    const waiter = world.waiter<T>(`storage ${label}(${path})`);
    const epoch = this.epoch;
    world.schedule(ms, 'storage', () => {
      if (this.epoch !== epoch) return waiter.reject(new StorageIOError(path, `the disk crashed or was erased during ${label}()`));
      let value: T;
      try {
        value = done();
      } catch (error) {
        return waiter.reject(error);
      }
      waiter.resolve(value);
    });
    return waiter.promise;
  }
}

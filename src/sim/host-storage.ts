import type { SimWorld } from '../core/world.js';
import { SimStorageProvider } from '../storage/sim-storage-provider.js';
import type { SimStorageFile } from '../storage/sim-storage-file.js';
import { StorageProvider, type OpenOptions } from '../storage/storage-provider.js';
import type { HostDisks } from './host-disks.js';

/** The StorageProvider one process incarnation is given: its host's disk, reached on the first
 * call (a process that never touches storage costs nothing). invalidate() when it stops. */
export class HostStorage extends StorageProvider {
  private provider: SimStorageProvider | undefined;
  private stopped = false;

  constructor(
    private readonly world: SimWorld,
    private readonly disks: HostDisks,
    private readonly ip: string,
  ) {
    super();
  }

  private get inner(): SimStorageProvider {
    if (this.provider === undefined) {
      this.provider = new SimStorageProvider(this.world, this.disks.disk(this.ip));
      if (this.stopped) this.provider.invalidate();
    }
    return this.provider;
  }

  open(path: string, options?: OpenOptions): Promise<SimStorageFile> {
    return this.inner.open(path, options);
  }

  exists(path: string): Promise<boolean> {
    return this.inner.exists(path);
  }

  list(prefix?: string): Promise<string[]> {
    return this.inner.list(prefix);
  }

  delete(path: string): Promise<void> {
    return this.inner.delete(path);
  }

  rename(from: string, to: string): Promise<void> {
    return this.inner.rename(from, to);
  }

  syncDirectory(): Promise<void> {
    return this.inner.syncDirectory();
  }

  /** The process stopped: its handles close and later calls reject. */
  invalidate(): void {
    this.stopped = true;
    this.provider?.invalidate();
  }
}

import type { SimWorld } from '../core/world.js';
import type { DiskFile } from './disk-file.js';
import type { SimDisk } from './sim-disk.js';
import { SimStorageFile } from './sim-storage-file.js';
import { StorageError } from './storage-errors.js';
import { StorageProvider, checkPath, checkPrefix, type OpenOptions } from './storage-provider.js';

/**
 * The storage of one process incarnation, over its host's SimDisk (build a new one for each
 * incarnation; handles of two providers on one disk see the same files). Every operation takes
 * simulated time as a world wait of the calling task, so a crashed incarnation's operations
 * never resume. Call invalidate() when the process stops: every handle closes and every later
 * call rejects.
 */
export class SimStorageProvider extends StorageProvider {
  private readonly handles = new Set<SimStorageFile>();
  private stopped = false;

  constructor(
    readonly world: SimWorld,
    readonly disk: SimDisk,
  ) {
    super();
  }

  open(path: string, options?: OpenOptions): Promise<SimStorageFile> {
    let create: boolean;
    let exclusive: boolean;
    try {
      this.checkAlive(path);
      checkPath(path);
      ({ create, exclusive } = openFlags(path, options));
    } catch (error) {
      return Promise.reject(error);
    }
    return this.disk.open(path, create, exclusive, (file, epoch) => this.adopt(file, path, epoch));
  }

  exists(path: string): Promise<boolean> {
    try {
      this.checkAlive(path);
      checkPath(path);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.disk.exists(path);
  }

  list(prefix = ''): Promise<string[]> {
    try {
      this.checkAlive(prefix);
      checkPrefix(prefix);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.disk.list(prefix);
  }

  delete(path: string): Promise<void> {
    try {
      this.checkAlive(path);
      checkPath(path);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.disk.delete(path);
  }

  rename(from: string, to: string): Promise<void> {
    try {
      this.checkAlive(from);
      checkPath(from);
      checkPath(to);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.disk.rename(from, to);
  }

  syncDirectory(): Promise<void> {
    try {
      this.checkAlive('.');
    } catch (error) {
      return Promise.reject(error);
    }
    return this.disk.syncDirectory();
  }

  /** The process stopped: closes every handle; later calls reject. Idempotent. */
  invalidate(): void {
    this.stopped = true;
    for (const handle of [...this.handles]) handle.invalidate();
  }

  /** Open handles (not yet closed or invalidated). */
  get openHandles(): number {
    return this.handles.size;
  }

  /** @internal A handle closed. */
  forget(handle: SimStorageFile): void {
    this.handles.delete(handle);
  }

  /** An open completed: a handle, unless the process stopped meanwhile. */
  private adopt(file: DiskFile, path: string, epoch: number): SimStorageFile {
    if (this.stopped) {
      this.disk.release(file, epoch);
      throw stoppedError(path);
    }
    const handle = new SimStorageFile(this.disk, file, path, epoch, this);
    this.handles.add(handle);
    return handle;
  }

  private checkAlive(path: unknown): void {
    if (this.stopped) throw stoppedError(String(path));
  }
}

function stoppedError(path: string): StorageError {
  return new StorageError('EBADF', path, `${path}: this storage provider belongs to a process incarnation that stopped; the next incarnation has its own.`);
}

function openFlags(path: string, options: OpenOptions | undefined): { create: boolean; exclusive: boolean } {
  if (options === undefined) return { create: false, exclusive: false };
  if (typeof options !== 'object' || options === null) {
    throw new StorageError('EINVAL', path, `open(${JSON.stringify(path)}): options must be an object like { create: true }, got ${String(options)}`);
  }
  const flag = (name: 'create' | 'exclusive'): boolean => {
    const value = options[name];
    if (value === undefined) return false;
    if (typeof value !== 'boolean') throw new StorageError('EINVAL', path, `open(${JSON.stringify(path)}): options.${name} must be a boolean, got ${String(value)}`);
    return value;
  };
  return { create: flag('create'), exclusive: flag('exclusive') };
}

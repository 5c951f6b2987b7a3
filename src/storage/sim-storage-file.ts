import type { DiskFile } from './disk-file.js';
import type { SimDisk } from './sim-disk.js';
import { FileClosedError, StorageError } from './storage-errors.js';
import { FILE_BYTES_MAX, StorageFile, checkIo, checkRange } from './storage-provider.js';

/** What a handle tells its provider. */
export interface HandleOwner {
  forget(handle: SimStorageFile): void;
}

/** An open file of a SimStorageProvider: a handle on the file (not its name), so a rename or a
 * delete leaves it working, as on POSIX. Arguments are checked before anything happens (a bad
 * one rejects with a typed StorageError at once); a closed handle, or one opened before the
 * disk crashed, rejects with FileClosedError. */
export class SimStorageFile extends StorageFile {
  private closed = false;

  constructor(
    private readonly disk: SimDisk,
    private readonly file: DiskFile,
    /** The path it was opened with. */
    readonly path: string,
    private readonly epoch: number,
    private readonly owner: HandleOwner,
  ) {
    super();
  }

  get isClosed(): boolean {
    return this.closed || this.disk.epoch !== this.epoch;
  }

  read(offset: number, length: number): Promise<Uint8Array> {
    if (this.isClosed) return Promise.reject(new FileClosedError(this.path));
    try {
      checkIo(this.path, offset, length);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.disk.read(this.file, this.path, offset, length);
  }

  write(offset: number, bytes: Uint8Array): Promise<void> {
    if (this.isClosed) return Promise.reject(new FileClosedError(this.path));
    try {
      if (!(bytes instanceof Uint8Array)) {
        const got = bytes === null ? 'null' : typeof bytes === 'object' ? (bytes as object).constructor?.name ?? 'object' : typeof bytes;
        throw new StorageError('EINVAL', this.path, `write() on ${this.path}: bytes must be a Uint8Array (a Buffer is one), got ${got}.`);
      }
      checkIo(this.path, offset, bytes.length);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.disk.write(this.file, this.path, offset, bytes);
  }

  sync(): Promise<void> {
    if (this.isClosed) return Promise.reject(new FileClosedError(this.path));
    return this.disk.sync(this.file, this.path);
  }

  size(): Promise<number> {
    if (this.isClosed) return Promise.reject(new FileClosedError(this.path));
    return this.disk.size(this.file, this.path);
  }

  truncate(size: number): Promise<void> {
    if (this.isClosed) return Promise.reject(new FileClosedError(this.path));
    try {
      checkRange(this.path, 'size', size, FILE_BYTES_MAX);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.disk.truncate(this.file, this.path, size);
  }

  close(): Promise<void> {
    if (!this.closed) this.invalidate();
    return this.disk.ended('close', this.path);
  }

  /** Closes the handle at once (its process stopped, or close()). */
  invalidate(): void {
    if (this.closed) return;
    this.closed = true;
    this.owner.forget(this);
    this.disk.release(this.file, this.epoch);
  }
}

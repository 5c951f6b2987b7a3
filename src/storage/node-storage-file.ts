import type { FileHandle } from 'node:fs/promises';
import { FileClosedError, StorageError, StorageIOError } from './storage-errors.js';
import { checkIo, checkRange, FILE_BYTES_MAX, StorageFile } from './storage-provider.js';

/** Throws StorageError EINVAL unless `bytes` is a Uint8Array (a Buffer is one). */
export function checkBytes(path: string, bytes: unknown): Uint8Array {
  if (bytes instanceof Uint8Array) return bytes;
  const got = bytes === null ? 'null' : typeof bytes === 'object' ? (bytes.constructor?.name ?? 'object') : typeof bytes;
  throw new StorageError('EINVAL', path, `write() on ${path}: bytes must be a Uint8Array (or Buffer), got ${got}.`);
}

export interface NodeStorageFileHooks {
  /** A node:fs error as a StorageError about `path` (relative messages). */
  mapError(error: unknown, path: string): StorageError;
  /** Called once, when the handle is closed. */
  closed(file: NodeStorageFile): void;
}

/** An open file of a NodeStorageProvider: positional reads and writes on a node:fs FileHandle
 * opened read-write; sync() is the handle's fsync. */
export class NodeStorageFile extends StorageFile {
  private closing: Promise<void> | undefined;

  constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    private readonly hooks: NodeStorageFileHooks,
  ) {
    super();
  }

  get closed(): boolean {
    return this.closing !== undefined;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    checkIo(this.path, offset, length);
    this.checkOpen();
    const buffer = new Uint8Array(length);
    let filled = 0;
    try {
      while (filled < length) {
        const { bytesRead } = await this.handle.read(buffer, filled, length - filled, offset + filled);
        if (bytesRead === 0) break; // the end of the file
        filled += bytesRead;
      }
    } catch (error) {
      throw this.failure(error);
    }
    return filled === length ? buffer : buffer.slice(0, filled);
  }

  async write(offset: number, bytes: Uint8Array): Promise<void> {
    checkBytes(this.path, bytes);
    checkIo(this.path, offset, bytes.length);
    this.checkOpen();
    if (bytes.length === 0) return;
    // A copy, as in the simulation: the caller may reuse its buffer as soon as write() is called.
    const data = new Uint8Array(bytes);
    let done = 0;
    try {
      while (done < data.length) {
        const { bytesWritten } = await this.handle.write(data, done, data.length - done, offset + done);
        if (bytesWritten <= 0) throw new StorageIOError(this.path, `the disk accepted none of ${data.length - done} bytes at offset ${offset + done}`);
        done += bytesWritten;
      }
    } catch (error) {
      throw this.failure(error);
    }
  }

  async sync(): Promise<void> {
    this.checkOpen();
    try {
      await this.handle.sync();
    } catch (error) {
      throw this.failure(error);
    }
  }

  async size(): Promise<number> {
    this.checkOpen();
    try {
      return (await this.handle.stat()).size;
    } catch (error) {
      throw this.failure(error);
    }
  }

  async truncate(size: number): Promise<void> {
    checkRange(this.path, 'size', size, FILE_BYTES_MAX);
    this.checkOpen();
    try {
      await this.handle.truncate(size);
    } catch (error) {
      throw this.failure(error);
    }
  }

  /** Idempotent. node:fs waits for the operations in flight before it closes the descriptor. */
  close(): Promise<void> {
    if (this.closing !== undefined) return this.closing.catch(() => undefined);
    this.closing = this.handle.close().then(
      () => this.hooks.closed(this),
      (error: unknown) => {
        this.hooks.closed(this);
        throw this.hooks.mapError(error, this.path);
      },
    );
    return this.closing;
  }

  private checkOpen(): void {
    if (this.closing !== undefined) throw new FileClosedError(this.path);
  }

  /** An operation's error; FileClosedError when the handle was closed under it. */
  private failure(error: unknown): StorageError {
    if (this.closing !== undefined && !(error instanceof StorageError)) return new FileClosedError(this.path);
    return this.hooks.mapError(error, this.path);
  }
}

import { FileClosedError, InvalidPathError, InvalidRangeError } from './storage-errors.js';

/** One open file of a StorageProvider. Every method is async; reads see the latest writes at
 * once, but only sync() makes the file's data durable (a crash may lose or tear what was not
 * synced). */
export abstract class StorageFile {
  abstract readonly path: string;
  /** Up to `length` bytes from `offset`: fewer (or none) at the end of the file. */
  abstract read(offset: number, length: number): Promise<Uint8Array>;
  /** Writes `bytes` at `offset`, extending the file (with zeros in any gap). */
  abstract write(offset: number, bytes: Uint8Array): Promise<void>;
  /** Makes every write to this file so far durable; rejects with StorageIOError on failure. */
  abstract sync(): Promise<void>;
  abstract size(): Promise<number>;
  /** Cuts (or zero-extends) the file to `size` bytes. */
  abstract truncate(size: number): Promise<void>;
  /** Idempotent; later calls on this handle reject with FileClosedError. */
  abstract close(): Promise<void>;
}

export interface OpenOptions {
  /** Create the file when it does not exist (default false: FileNotFoundError). */
  create?: boolean;
  /** With `create`: fail with FileExistsError when it already exists. */
  exclusive?: boolean;
}

/**
 * A process's own namespace of files (an injection token: `@Inject(StorageProvider)`). Paths are
 * relative, '/'-separated. Creating, deleting and renaming files become durable only after
 * syncDirectory(); a file's data only after its sync().
 */
export abstract class StorageProvider {
  abstract open(path: string, options?: OpenOptions): Promise<StorageFile>;
  abstract exists(path: string): Promise<boolean>;
  /** Paths of the files whose path starts with `prefix` (default: all), sorted. */
  abstract list(prefix?: string): Promise<string[]>;
  abstract delete(path: string): Promise<void>;
  /** Moves `from` to `to`, replacing `to` if it exists (POSIX rename). */
  abstract rename(from: string, to: string): Promise<void>;
  /** Makes every create, delete and rename so far durable. */
  abstract syncDirectory(): Promise<void>;
}

/** Longest path, and longest '/'-separated name in it. */
export const PATH_LENGTH_MAX = 1024;
export const NAME_LENGTH_MAX = 255;
/** Largest offset + length, and file size: 4 GiB. */
export const FILE_BYTES_MAX = 2 ** 32;
/** Largest single read or write: 64 MiB. */
export const IO_BYTES_MAX = 64 * 2 ** 20;

/** Throws InvalidPathError unless `path` is a relative path of plain names. */
export function checkPath(path: unknown): string {
  const shown = typeof path === 'string' ? path : String(path);
  if (typeof path !== 'string') throw new InvalidPathError(shown, `expected a string, got ${typeof path}`);
  if (path.length === 0) throw new InvalidPathError(path, 'it is empty');
  if (path.length > PATH_LENGTH_MAX) throw new InvalidPathError(path.slice(0, 64) + '…', `it is longer than ${PATH_LENGTH_MAX} characters`);
  if (path.includes('\0')) throw new InvalidPathError(path, 'it contains a NUL character');
  if (path.includes('\\')) throw new InvalidPathError(path, 'it contains a backslash');
  if (path.startsWith('/')) throw new InvalidPathError(path, 'it is absolute');
  for (const name of path.split('/')) {
    if (name === '') throw new InvalidPathError(path, 'it has an empty name (a leading, trailing or double "/")');
    if (name === '.' || name === '..') throw new InvalidPathError(path, `it has a "${name}" segment`);
    if (name.length > NAME_LENGTH_MAX) throw new InvalidPathError(path, `a name is longer than ${NAME_LENGTH_MAX} characters`);
  }
  return path;
}

/** Throws InvalidPathError unless `prefix` is a string some path could start with: list()
 * treats it as plain text over whole paths, so `a` matches `a/x` and `ab`. */
export function checkPrefix(prefix: unknown): string {
  if (typeof prefix !== 'string') throw new InvalidPathError(String(prefix), `a list() prefix must be a string, got ${typeof prefix}`);
  if (prefix.includes('\0')) throw new InvalidPathError(prefix, 'it contains a NUL character');
  if (prefix.length > PATH_LENGTH_MAX) throw new InvalidPathError(prefix.slice(0, 64) + '…', `it is longer than ${PATH_LENGTH_MAX} characters`);
  return prefix;
}

/** Throws InvalidRangeError unless `value` is an integer in [0, limit]. */
export function checkRange(path: string, what: string, value: unknown, limit: number): number {
  if (!(typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= limit)) throw new InvalidRangeError(path, what, value, limit);
  return value;
}

/** Checks a read's or write's arguments; a write's `bytes` must be a Uint8Array. */
export function checkIo(path: string, offset: unknown, length: unknown): void {
  checkRange(path, 'offset', offset, FILE_BYTES_MAX);
  checkRange(path, 'length', length, IO_BYTES_MAX);
  if ((offset as number) + (length as number) > FILE_BYTES_MAX) throw new InvalidRangeError(path, 'offset + length', (offset as number) + (length as number), FILE_BYTES_MAX);
}

/** A closed handle's error, for implementations. */
export function closedError(path: string): FileClosedError {
  return new FileClosedError(path);
}

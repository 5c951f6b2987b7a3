/** Base of the storage's typed errors; `code` mirrors the POSIX name, `path` is the file named
 * by the call (relative to the process's namespace). */
export class StorageError extends Error {
  constructor(
    readonly code: string,
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The disk failed the operation (an injected fault, a failed fsync, EIO, a full disk). */
export class StorageIOError extends StorageError {
  constructor(path: string, detail: string, code = 'EIO') {
    super(code, path, `I/O error on ${path}: ${detail}`);
  }
}

export class FileNotFoundError extends StorageError {
  constructor(path: string, detail = 'no such file') {
    super('ENOENT', path, `${path}: ${detail}. Open it with { create: true } to create it.`);
  }
}

export class FileExistsError extends StorageError {
  constructor(path: string) {
    super('EEXIST', path, `${path} already exists (opened with { create: true, exclusive: true }).`);
  }
}

/** The file handle was closed (by close(), or because its process stopped). */
export class FileClosedError extends StorageError {
  constructor(path: string) {
    super('EBADF', path, `${path} is closed: open it again to use it.`);
  }
}

/** A path no storage accepts: absolute, with `..` or `.`, empty segments, NUL, a backslash,
 * or too long. Nothing reaches outside the process's own namespace. */
export class InvalidPathError extends StorageError {
  constructor(path: string, problem: string) {
    super('EINVAL', path, `invalid storage path ${JSON.stringify(path)}: ${problem}. Use a relative path of '/'-separated names, for example "wal/000001.log".`);
  }
}

/** An offset, length or size that is negative, fractional, too large or not a number. */
export class InvalidRangeError extends StorageError {
  constructor(path: string, what: string, value: unknown, limit: number) {
    super('EINVAL', path, `${what} ${String(value)} on ${path} must be an integer from 0 to ${limit}.`);
  }
}

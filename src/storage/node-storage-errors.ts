// Maps node:fs errors to moonpool's typed storage errors, with paths kept relative to the root.
import { sep } from 'node:path';
import { FileClosedError, FileExistsError, FileNotFoundError, StorageError, StorageIOError } from './storage-errors.js';

/** The errno name of a node:fs error (`ENOENT`, `EIO`...), if it has one. */
export function errnoCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** `message` with every absolute path under one of `roots` made relative to it: node:fs puts the
 * absolute path in its messages, a workload only knows its own relative ones. */
export function relativeMessage(message: string, roots: readonly string[]): string {
  let out = message;
  for (const root of roots) {
    if (root === '' || root === sep) continue;
    out = out.split(root + sep).join('').split(root).join('.');
  }
  return out;
}

/**
 * A node:fs error as a StorageError about `path` (relative): ENOENT is FileNotFoundError, EEXIST
 * FileExistsError, EBADF (a FileHandle closed under the call) FileClosedError; everything else
 * (EIO, ENOSPC, EISDIR, ENOTDIR, ELOOP, ENAMETOOLONG, EACCES...) is StorageIOError keeping the
 * code (EIO when the error has none). StorageErrors pass through.
 */
export function toStorageError(error: unknown, path: string, roots: readonly string[] = []): StorageError {
  if (error instanceof StorageError) return error;
  const code = errnoCode(error);
  switch (code) {
    case 'ENOENT':
      return new FileNotFoundError(path);
    case 'EEXIST':
      return new FileExistsError(path);
    case 'EBADF':
      return new FileClosedError(path);
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return new StorageIOError(path, relativeMessage(message, roots), code ?? 'EIO');
    }
  }
}

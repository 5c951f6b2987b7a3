import { mkdirSync, realpathSync } from 'node:fs';
import { constants, lstat, mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { toStorageError } from './node-storage-errors.js';
import { NodeStorageFile } from './node-storage-file.js';
import { isInside, realLocation } from './node-storage-paths.js';
import { FileNotFoundError, InvalidPathError, StorageError, StorageIOError } from './storage-errors.js';
import { checkPath, checkPrefix, StorageProvider, type OpenOptions } from './storage-provider.js';

/** Never follow a symlink at the last step of open(): the path was resolved just before, so a
 * symlink there now was planted in between (0 where the platform has no such flag). */
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;

/**
 * Real files (node:fs/promises) under one root folder, created if missing (production and
 * `--real` mode). A path names a file under the root; its folders are created on demand and are
 * not files themselves (exists() is false for them, list() skips them). Nothing a workload passes
 * reaches outside the root: every path goes through checkPath(), and is then resolved (symlinks
 * followed, dangling ones too) and refused with InvalidPathError unless it stays under the root.
 * sync() is a real fsync; syncDirectory() fsyncs the root and every folder changed since the last
 * call.
 */
export class NodeStorageProvider extends StorageProvider {
  /** The root folder, as an absolute real path (symlinks resolved). */
  readonly root: string;
  private readonly roots: string[];
  private readonly files = new Set<NodeStorageFile>();
  /** Folders (relative, '' for the root) with a create, delete or rename since syncDirectory(). */
  private readonly changedFolders = new Set<string>();
  private readonly fileHooks = {
    mapError: (error: unknown, path: string) => this.storageError(error, path),
    closed: (file: NodeStorageFile) => void this.files.delete(file),
  };

  constructor(root: string) {
    super();
    const given = resolve(root);
    try {
      mkdirSync(given, { recursive: true });
      this.root = realpathSync(given);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
      throw new StorageIOError('.', `cannot create the storage root ${given}: ${(error as Error).message}`, code);
    }
    this.roots = [...new Set([this.root, given])].sort((a, b) => b.length - a.length);
  }

  /** How many files are open. */
  get openFiles(): number {
    return this.files.size;
  }

  async open(path: string, options: OpenOptions = {}): Promise<NodeStorageFile> {
    const rel = checkPath(path);
    const create = options?.create === true;
    const exclusive = create && options?.exclusive === true;
    const abs = await this.locate(rel, true);
    if (create) await this.makeFolders(rel, dirname(abs));
    const flags = constants.O_RDWR | O_NOFOLLOW | (create ? constants.O_CREAT : 0) | (exclusive ? constants.O_EXCL : 0);
    let handle;
    try {
      handle = await open(abs, flags, 0o666);
    } catch (error) {
      // A folder is not a file, nor is anything under a file: for a plain open they are as
      // missing as in a flat namespace of files.
      const code = (error as NodeJS.ErrnoException).code;
      if (!create && code === 'EISDIR') throw new FileNotFoundError(rel, 'it is a folder, not a file');
      if (!create && code === 'ENOTDIR') throw new FileNotFoundError(rel, 'a folder on its path is a file');
      throw this.storageError(error, rel);
    }
    // Whether it was new or not, its folder is fsynced at the next syncDirectory(): cheap, and
    // no extra system call to tell.
    if (create) this.changed(dirname(abs));
    const file = new NodeStorageFile(rel, handle, this.fileHooks);
    this.files.add(file);
    return file;
  }

  async exists(path: string): Promise<boolean> {
    const rel = checkPath(path);
    const abs = await this.locate(rel, true);
    try {
      return (await stat(abs)).isFile();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return false;
      throw this.storageError(error, rel);
    }
  }

  /** A plain string prefix (not a path: "wal/0" matches "wal/000001.log"); one that no valid path
   * can start with ("/x", "../x") matches nothing. Symlinks under the root are listed when they
   * lead to a file under the root; symlinked folders are not walked. */
  async list(prefix: string = ''): Promise<string[]> {
    checkPrefix(prefix);
    // Walk only the deepest folder the prefix names in full.
    const slash = prefix.lastIndexOf('/');
    let folder = '';
    if (slash >= 0) {
      folder = prefix.slice(0, slash);
      try {
        checkPath(folder);
      } catch {
        return [];
      }
    }
    let start = this.root;
    if (folder !== '') {
      try {
        start = await this.locate(folder, true);
      } catch (error) {
        if (error instanceof InvalidPathError) return [];
        throw error;
      }
    }
    const out: string[] = [];
    await this.walk(start, folder, out);
    return out.filter((p) => p.startsWith(prefix)).sort();
  }

  async delete(path: string): Promise<void> {
    const rel = checkPath(path);
    const abs = await this.locate(rel, false);
    try {
      await unlink(abs);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EISDIR' || code === 'EPERM') {
        if (await this.isFolder(abs)) throw new FileNotFoundError(rel, 'it is a folder, not a file');
      }
      if (code === 'ENOTDIR') throw new FileNotFoundError(rel);
      throw this.storageError(error, rel);
    }
    this.changed(dirname(abs));
  }

  async rename(from: string, to: string): Promise<void> {
    const source = checkPath(from);
    const target = checkPath(to);
    const fromAbs = await this.locate(source, false);
    const toAbs = await this.locate(target, false);
    try {
      // Only files move: a folder here is as missing as in a flat namespace.
      if ((await lstat(fromAbs)).isDirectory()) throw new FileNotFoundError(source, 'it is a folder, not a file');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') throw new FileNotFoundError(source);
      throw this.storageError(error, source);
    }
    await this.makeFolders(target, dirname(toAbs));
    try {
      await rename(fromAbs, toAbs);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new FileNotFoundError(source);
      const mapped = this.storageError(error, source);
      throw mapped instanceof StorageIOError ? new StorageIOError(source, `rename to ${target}: ${mapped.message}`, mapped.code) : mapped;
    }
    this.changed(dirname(fromAbs));
    this.changed(dirname(toAbs));
  }

  async syncDirectory(): Promise<void> {
    const folders = [...this.changedFolders];
    this.changedFolders.clear();
    if (!folders.includes('')) folders.push('');
    // Deepest first, the root last: a new folder's own entries, then its entry in its parent.
    folders.sort((a, b) => depth(b) - depth(a) || (a < b ? -1 : a > b ? 1 : 0));
    // Windows cannot open a folder to fsync it (and its metadata is journaled).
    if (process.platform === 'win32') return;
    for (let i = 0; i < folders.length; i++) {
      const folder = folders[i];
      try {
        const handle = await open(folder === '' ? this.root : join(this.root, ...folder.split('/')), constants.O_RDONLY);
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') continue; // gone since
        // Not synced: the next call tries these folders again.
        for (const rest of folders.slice(i)) this.changedFolders.add(rest);
        const mapped = this.storageError(error, folder === '' ? '.' : folder);
        throw mapped instanceof StorageIOError ? mapped : new StorageIOError(mapped.path, mapped.message, mapped.code);
      }
    }
  }

  /** Closes every open file (a process that stops): their handles then reject FileClosedError.
   * Rejects with the first failure once every handle has been closed. */
  async closeAll(): Promise<void> {
    const results = await Promise.allSettled([...this.files].map((file) => file.close()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }

  /**
   * The absolute real path `rel` leads to, refused unless it is under the root. `followLast`:
   * open and exists act on what a symlink at the end points to; delete and rename on the
   * symlink itself, so only its folder must be under the root.
   */
  private async locate(rel: string, followLast: boolean): Promise<string> {
    const lexical = join(this.root, ...rel.split('/'));
    let real: string;
    try {
      real = followLast ? await realLocation(lexical) : join(await realLocation(dirname(lexical)), basename(lexical));
    } catch (error) {
      throw this.storageError(error, rel);
    }
    if (!isInside(real, this.root)) throw new InvalidPathError(rel, 'it leads outside the storage root through a symbolic link');
    return real;
  }

  /** mkdir -p of `folderAbs` (under the root), recording the folders whose entries changed. */
  private async makeFolders(rel: string, folderAbs: string): Promise<void> {
    let first: string | undefined;
    try {
      first = await mkdir(folderAbs, { recursive: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' || code === 'ENOTDIR') throw new StorageIOError(rel, 'a folder on its path is a file', 'ENOTDIR');
      throw this.storageError(error, rel);
    }
    if (first === undefined) return;
    // Created: `first` and everything below it down to `folderAbs`; each changed its parent.
    for (let folder = folderAbs; ; folder = dirname(folder)) {
      this.changed(dirname(folder));
      this.changed(folder);
      if (folder === first || folder === dirname(folder)) break;
    }
  }

  /** Records that the entries of `folderAbs` changed (ignored outside the root). */
  private changed(folderAbs: string): void {
    if (!isInside(folderAbs, this.root)) return;
    this.changedFolders.add(relative(this.root, folderAbs).split(sep).join('/'));
  }

  private async walk(folderAbs: string, folderRel: string, out: string[]): Promise<void> {
    let entries;
    try {
      entries = await readdir(folderAbs, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return;
      throw this.storageError(error, folderRel === '' ? '.' : folderRel);
    }
    for (const entry of entries) {
      const rel = folderRel === '' ? entry.name : `${folderRel}/${entry.name}`;
      if (!isValidPath(rel)) continue; // made outside moonpool: no workload could open it
      const abs = join(folderAbs, entry.name);
      if (entry.isDirectory()) await this.walk(abs, rel, out);
      else if (entry.isFile()) out.push(rel);
      else if (entry.isSymbolicLink() && (await this.isFileUnderRoot(abs))) out.push(rel);
    }
  }

  private async isFileUnderRoot(abs: string): Promise<boolean> {
    try {
      const real = await realLocation(abs);
      return isInside(real, this.root) && (await stat(real)).isFile();
    } catch {
      return false;
    }
  }

  private async isFolder(abs: string): Promise<boolean> {
    try {
      return (await lstat(abs)).isDirectory();
    } catch {
      return false;
    }
  }

  private storageError(error: unknown, path: string): StorageError {
    return toStorageError(error, path, this.roots);
  }
}

function depth(folder: string): number {
  return folder === '' ? 0 : folder.split('/').length;
}

function isValidPath(path: string): boolean {
  try {
    checkPath(path);
    return true;
  } catch {
    return false;
  }
}

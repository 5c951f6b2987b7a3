import type { RngStream } from '../core/rng.js';
import type { CrashStats } from './crash-model.js';
import type { DiskFile } from './disk-file.js';

/** One directory change since the last syncDirectory(): `file` took the name `path` (create,
 * or rename: it leaves its old name and displaces whatever held `path`), or, with `path`
 * undefined, lost its name (delete). */
interface DirectoryChange {
  file: DiskFile;
  path: string | undefined;
}

/**
 * The names of a disk's files: the live directory (what open, list and exists see), the durable
 * one (as of the last syncDirectory) and the changes in between. A crash replays each change on
 * the durable directory or undoes it: all kept (1/4), all undone (1/4), or each undone
 * independently with 1/2. Replay works on files, not names (a name holds one file, a file has
 * one name), so any mix is a sensible directory: a created file vanishes, a deleted one comes
 * back, a rename reverts, and no file ever ends up under two names.
 */
export class Directory {
  live = new Map<string, DiskFile>();
  private durable = new Map<string, DiskFile>();
  private changes: DirectoryChange[] = [];

  get unsynced(): boolean {
    return this.changes.length > 0;
  }

  /** Gives `file` the name `path` (create, or the target of a rename). Returns the file it
   * displaced, if any. */
  name(file: DiskFile, path: string): DiskFile | undefined {
    this.changes.push({ file, path });
    return apply(this.live, file, path, (f, name) => (f.name = name));
  }

  /** Takes `file`'s name away (delete). */
  unname(file: DiskFile): void {
    this.changes.push({ file, path: undefined });
    apply(this.live, file, undefined, (f, name) => (f.name = name));
  }

  sync(): void {
    this.durable = new Map(this.live);
    this.changes = [];
  }

  /** The directory after a crash, which becomes both live and durable. Draws only when some
   * change is unsynced. */
  crash(rng: RngStream, stats: CrashStats): Map<string, DiskFile> {
    if (this.changes.length > 0) {
      const mode = rng.int(0, 3);
      if (mode === 0) this.durable = new Map(this.live);
      else if (mode === 1) stats.directoryChangesUndone += this.changes.length;
      else {
        const names = new Map<DiskFile, string>();
        for (const [path, file] of this.durable) names.set(file, path);
        const setName = (f: DiskFile, name: string | undefined) => (name === undefined ? names.delete(f) : names.set(f, name));
        for (const change of this.changes) {
          if (rng.bool(0.5)) apply(this.durable, change.file, change.path, setName, names.get(change.file));
          else stats.directoryChangesUndone++;
        }
      }
    }
    this.changes = [];
    for (const file of this.live.values()) file.name = undefined;
    for (const [path, file] of this.durable) file.name = path;
    this.live = new Map(this.durable);
    return this.live;
  }

  /** Forgets every file (a wipe). */
  erase(): void {
    for (const file of this.live.values()) file.name = undefined;
    this.live = new Map();
    this.durable = new Map();
    this.changes = [];
  }
}

/** One change applied to a name map whose files know their names through `setName` (and
 * `current`, the file's name there). Returns the file displaced from `path`. */
function apply(
  names: Map<string, DiskFile>,
  file: DiskFile,
  path: string | undefined,
  setName: (file: DiskFile, name: string | undefined) => void,
  current: string | undefined = file.name,
): DiskFile | undefined {
  if (current !== undefined && names.get(current) === file) names.delete(current);
  setName(file, undefined);
  if (path === undefined) return undefined;
  const displaced = names.get(path);
  if (displaced !== undefined && displaced !== file) setName(displaced, undefined);
  names.set(path, file);
  setName(file, path);
  return displaced === file ? undefined : displaced;
}

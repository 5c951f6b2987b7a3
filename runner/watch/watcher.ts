// Watches a project folder recursively (fs.watch recursive works on Node 20 Linux) and reports
// changed source files in debounced batches: an editor's save is often several events.
import { watch, type FSWatcher } from 'node:fs';
import { resolve, sep } from 'node:path';

export const WATCH_DEBOUNCE_MS = 150;
const IGNORED_SEGMENTS = new Set(['node_modules', '.git', 'dist', 'coverage']);
const SOURCE_FILE = /\.(?:[cm]?[jt]sx?|json)$/;

/** Source files only: no dependencies, build output, VCS data, temp or editor files. */
export function isWatchedFile(relativePath: string): boolean {
  const segments = relativePath.split(/[\\/]/);
  if (segments.some((s) => IGNORED_SEGMENTS.has(s))) return false;
  const name = segments.at(-1) ?? '';
  return SOURCE_FILE.test(name) && !name.startsWith('.#');
}

export class FileWatcher {
  private watcher: FSWatcher | undefined;
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly root: string,
    private readonly handlers: { onChange: (files: string[]) => void; onError: (error: Error) => void },
    private readonly debounceMs = WATCH_DEBOUNCE_MS,
  ) {}

  /** Watches from when it returns: Node's recursive fs.watch on Linux adds a watch per folder
   * before it returns (watcher.test.ts writes at once). */
  start(): void {
    if (this.watcher) throw new Error(`FileWatcher: already watching ${this.root}; close() it before starting again.`);
    this.watcher = watch(this.root, { recursive: true }, (_event, filename) => {
      if (filename === null || !isWatchedFile(String(filename))) return;
      this.pending.add(resolve(this.root, String(filename)));
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => this.emit(), this.debounceMs);
    });
    this.watcher.on('error', (error) => {
      this.close();
      this.handlers.onError(new Error(`FileWatcher: watching ${this.root}${sep} failed (${error.message}). Restart watch mode.`));
    });
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
    this.watcher?.close();
    this.watcher = undefined;
  }

  private emit(): void {
    this.timer = undefined;
    const files = [...this.pending].sort();
    this.pending.clear();
    if (files.length > 0) this.handlers.onChange(files);
  }
}

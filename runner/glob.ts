// A small glob matcher (`**`, `*`, `?`) and file expansion: Node 20 has no fs.glob.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Folders never walked: dependencies, build output and VCS data hold no workloads. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist']);

/** Compiles a glob over `/`-separated relative paths: `**` spans folders, `*` and `?` do not. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slashAfter = glob[i + 2] === '/';
      // `**/` matches zero or more whole folders; a trailing `**` matches anything.
      source += slashAfter ? '(?:[^/]*/)*' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (c === '*') {
      source += '[^/]*';
    } else if (c === '?') {
      source += '[^/]';
    } else {
      source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

export function isGlob(text: string): boolean {
  return /[*?]/.test(text);
}

/** The literal folder prefix of a glob (`workloads/x/` of `workloads/x/**\/*.ts`), where walking starts. */
function literalPrefix(glob: string): string {
  const parts = glob.split('/');
  const literal: string[] = [];
  for (const part of parts.slice(0, -1)) {
    if (isGlob(part)) break;
    literal.push(part);
  }
  return literal.join('/');
}

function walk(root: string, dir: string, out: string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      continue;
    }
    if (isDir) {
      if (!SKIPPED_DIRS.has(name)) walk(root, path, out);
    } else {
      out.push(relative(root, path).split(sep).join('/'));
    }
  }
}

/** Files under `root` matching any of the globs (relative to `root`), as absolute paths, sorted
 * so discovery order never depends on the file system. */
export function expandGlobs(root: string, globs: readonly string[]): string[] {
  const found = new Set<string>();
  for (const rawGlob of globs) {
    const glob = rawGlob.replace(/^\.\//, '');
    const prefix = literalPrefix(glob);
    const files: string[] = [];
    walk(root, prefix === '' ? root : join(root, prefix), files);
    const pattern = globToRegExp(glob);
    for (const file of files) if (pattern.test(file)) found.add(join(root, file));
  }
  return [...found].sort();
}

// File expansion for the workloads globs (picomatch, as vitest uses; Node 20 has no fs.glob),
// and the small matcher of the command line's case filters (`*`, `?`; brackets are literal there,
// since case ids hold them: `ping-pong[2x10]`).
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, posix, relative, sep } from 'node:path';
import picomatch from 'picomatch';

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
    if (/[*?{}[\]()!+@]/.test(part)) break;
    literal.push(part);
  }
  return literal.join('/');
}

/** Walks `dir`, following each real folder once: symbolic links that loop back (two links to
 * `.`) cannot make the walk endless. */
function walk(root: string, dir: string, out: string[], seen: Set<string>): void {
  let real: string;
  let names: string[];
  try {
    real = realpathSync(dir);
    if (seen.has(real)) return;
    seen.add(real);
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names.sort()) {
    const path = join(dir, name);
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      continue;
    }
    if (isDir) {
      if (!SKIPPED_DIRS.has(name)) walk(root, path, out, seen);
    } else {
      out.push(relative(root, path).split(sep).join('/'));
    }
  }
}

export interface GlobExpansion {
  /** Matching files, absolute, sorted, each once. */
  files: string[];
  /** Globs skipped because they reach outside the project root, one paragraph each. */
  problems: string[];
}

/** Files under `root` matching any of the globs (relative to `root`; picomatch syntax, braces
 * included), sorted so discovery order never depends on the file system. A glob that leaves the
 * root (absolute, or through `..`) is skipped and named: walking from `/` would never end. */
export function expandGlobs(root: string, globs: readonly string[]): GlobExpansion {
  const found = new Set<string>();
  const problems: string[] = [];
  for (const rawGlob of globs) {
    const glob = posix.normalize(rawGlob.replace(/\\/g, '/')).replace(/^\.\//, '');
    if (isAbsolute(rawGlob) || glob === '..' || glob.startsWith('../')) {
      problems.push(`The workloads glob ${JSON.stringify(rawGlob)} leaves the project root ${root}, so it was skipped: write globs relative to the folder of .moonpoolrc.json, inside it (for example "workloads/**/*.ts").`);
      continue;
    }
    const prefix = literalPrefix(glob);
    const files: string[] = [];
    walk(root, prefix === '' ? root : join(root, prefix), files, new Set());
    const matches = picomatch(glob);
    for (const file of files) if (matches(file)) found.add(join(root, file));
  }
  return { files: [...found].sort(), problems };
}

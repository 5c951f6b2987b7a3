// The sometimes/reachable sites of a project, read from its source before any seed runs: the
// coverage seeds record knows only the sites they reach, so a site none reaches would otherwise
// go unreported. A site is (kind, message), as at run time; the catalog adds where it is called.
// It reads the workload files and every file they import that is neither a dependency
// (node_modules) nor moonpool itself, with TypeScript's parser and module resolution under the
// project's tsconfig.
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as TypeScript from 'typescript';
import type { CoverageSite } from '../../src/internal.js';
import { ASSERTION_FUNCTIONS, sourceSites, type Ts } from './source-sites.js';

/** What the catalog knows of one file: the project files it loads, and its sites. */
interface ScannedFile {
  imports: string[];
  sites: CoverageSite[];
}

function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** The nearest folder above `start` holding a package.json, or undefined. */
function packageRootOf(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** moonpool's own code (src/ and dist/ of the package this runner ships in): never scanned, since
 * a project may import it by a relative path, as this repository's workloads and fixtures do. */
function libraryFolders(): string[] {
  const root = packageRootOf(dirname(fileURLToPath(import.meta.url)));
  return root === undefined ? [] : [join(realpathOrSelf(root), 'src') + sep, join(realpathOrSelf(root), 'dist') + sep];
}

/** The project's compiler options (paths, baseUrl, ...) with the resolution tsx applies at run
 * time: extensionless and `.js` specifiers find `.ts` files, and JavaScript files count too. */
function compilerOptionsOf(ts: Ts, tsconfig: string | undefined): TypeScript.CompilerOptions {
  const runtime = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, allowJs: true };
  if (tsconfig === undefined) return runtime;
  const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
  // Discovery reports a tsconfig that is not JSON; the sites are read with the defaults meanwhile.
  if (read.error !== undefined) return runtime;
  // Only the options: no directory walk for the tsconfig's "include" globs.
  const host = { ...ts.sys, readDirectory: () => [] };
  return { ...ts.parseJsonConfigFileContent(read.config, host, dirname(tsconfig), undefined, tsconfig).options, ...runtime };
}

/** Folders never holding a project's own sources. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'build', 'coverage']);
/** Past this many source files, the quick look gives up and the full scan runs. */
const QUICK_LOOK_FILES_MAX = 5_000;
const SOURCE_FILE = /\.(?:[cm]?[jt]s|tsx|jsx)$/;
const SITE_WORD = new RegExp(`\\b(?:${ASSERTION_FUNCTIONS.join('|')})\\b`);

/** Whether any source file under `root` (outside dependencies and moonpool itself) names an
 * assertion that makes a site: when none does, there is nothing to catalogue and TypeScript
 * (about 0.3 s of a core at start-up) is not loaded. */
function mayHaveSites(root: string, library: readonly string[]): boolean {
  const folders = [root];
  let files = 0;
  for (const folder of folders) {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name) && !library.some((lib) => (path + sep).startsWith(lib))) folders.push(path);
      } else if (SOURCE_FILE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        if (++files > QUICK_LOOK_FILES_MAX) return true;
        try {
          if (SITE_WORD.test(readFileSync(path, 'utf8'))) return true;
        } catch {
          // unreadable: discovery names what fails to load
        }
      }
    }
  }
  return false;
}

export class SiteCatalog {
  private constructor(
    private readonly root: string,
    private readonly files: ReadonlyMap<string, ScannedFile>,
  ) {}

  /** A catalog without sites (a --real run counts no coverage). */
  static empty(root: string): SiteCatalog {
    return new SiteCatalog(root, new Map());
  }

  /** Reads `entries` (the workload files) and the project files they import, directly or not.
   * Loads TypeScript, a dependency of moonpool (about 0.25 s of one core, once per process),
   * unless no source file under the root names sometimesAssert or reachable. */
  static scan(root: string, entries: readonly string[], tsconfig: string | undefined): SiteCatalog {
    const realRoot = realpathOrSelf(root);
    const library = libraryFolders();
    // Workload files outside the root are rare; the quick look covers the root only.
    if (entries.every((file) => realpathOrSelf(file).startsWith(realRoot + sep)) && !mayHaveSites(realRoot, library)) return SiteCatalog.empty(realRoot);
    const require = createRequire(import.meta.url);
    const ts = require('typescript') as Ts;
    // Needed once: out of the module cache, the compiler (~80 MB resident) can be collected
    // when the scan is done instead of staying for the whole run.
    delete require.cache[require.resolve('typescript')];
    const options = compilerOptionsOf(ts, tsconfig);
    const cache = ts.createModuleResolutionCache(realRoot, (name) => (ts.sys.useCaseSensitiveFileNames ? name : name.toLowerCase()), options);
    const resolveFrom = (file: string, specifier: string) => ts.resolveModuleName(specifier, file, options, ts.sys, cache).resolvedModule;
    const packageNames = new Map<string, string | undefined>();
    const packageNameOf = (file: string): string | undefined => {
      const folder = packageRootOf(dirname(file));
      if (folder === undefined) return undefined;
      if (!packageNames.has(folder)) {
        try {
          packageNames.set(folder, (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { name?: string }).name);
        } catch {
          packageNames.set(folder, undefined);
        }
      }
      return packageNames.get(folder);
    };
    // An assertion function is moonpool's when its module resolves into a package named moonpool
    // (installed, or this repository), or is the package's name when it does not resolve.
    const isMoonpool = (file: string, specifier: string): boolean => {
      const resolved = resolveFrom(file, specifier);
      if (resolved === undefined) return specifier === 'moonpool' || specifier.startsWith('moonpool/');
      return packageNameOf(resolved.resolvedFileName) === 'moonpool';
    };
    const declarations: string[] = [ts.Extension.Dts, ts.Extension.Dmts, ts.Extension.Dcts];
    /** The file `specifier` loads from `file`, when it is the project's own code. */
    const projectImport = (file: string, specifier: string): string | undefined => {
      const resolved = resolveFrom(file, specifier);
      if (resolved === undefined || resolved.isExternalLibraryImport === true || declarations.includes(resolved.extension)) return undefined;
      const target = resolve(resolved.resolvedFileName);
      return library.some((folder) => target.startsWith(folder)) ? undefined : target;
    };

    const files = new Map<string, ScannedFile>();
    const queue = entries.map(realpathOrSelf);
    for (const file of queue) {
      if (files.has(file)) continue;
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue; // gone since the globs matched it: discovery names what failed to load
      }
      const found = sourceSites(ts, file, text);
      const imports = found.imports.map((specifier) => projectImport(file, specifier)).filter((target) => target !== undefined);
      queue.push(...imports);
      const where = relative(realRoot, file).split(sep).join('/');
      const sites = found.calls
        .filter((call) => isMoonpool(file, call.from))
        .map(({ kind, message, line }) => ({ kind, message, location: `${where}:${line}` }));
      files.set(file, { imports, sites });
    }
    return new SiteCatalog(realRoot, files);
  }

  /** The sites of `topologyFile` (relative to the project root) and of every project file it
   * imports, directly or not, by file then line. */
  sitesOf(topologyFile: string): CoverageSite[] {
    const start = realpathOrSelf(resolve(this.root, topologyFile));
    const reached = new Set([start]);
    for (const file of reached) for (const next of this.files.get(file)?.imports ?? []) reached.add(next);
    return [...reached].sort().flatMap((file) => this.files.get(file)?.sites ?? []);
  }
}

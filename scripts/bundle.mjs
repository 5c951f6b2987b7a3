// Second build step (after tsc): fewer, bigger modules, because module loading is most of the
// runner's start-up and a seed worker loads the library anew for every project it imports.
// - the library's compiled modules and its dependencies become its two entries, dist/src/index.js
//   (`moonpool`) and dist/src/internal.js (`moonpool/internal`), over one shared chunk, so both
//   name the same classes (reflect-metadata included: since 0.2 its copies share one global
//   registry, so the user's own copy sees the metadata this one records);
// - the runner becomes its entry points, dist/runner/cli/cli.js (main thread) and
//   dist/runner/worker/worker-main.js (seed workers), plus shared chunks for what loads on demand
//   (dist/runner/chunks/), and dist/runner/timeline/timeline-html.js, the HTML timeline view, a
//   module of its own so it ships and can be imported by itself (its tests check the built one).
//   Entries and chunks all sit one folder below dist/runner/, as every runner module sits one
//   folder below runner/: a path relative to a module (the worker's, from pool/worker-thread.ts)
//   holds in the sources and in the bundle alike.
// The runner's dependencies stay packages; it reaches the library through ../../src/internal.js, as
// in the sources. The .d.ts files tsc wrote stay for the types.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { dropDependencyMappings } from './dependency-mappings.mjs';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const LIBRARY_DIR = join(DIST, 'src');
const LIBRARY_ENTRIES = ['index.js', 'internal.js'].map((name) => join(LIBRARY_DIR, name));
const RUNNER_DIR = join(DIST, 'runner');
const RUNNER_ENTRIES = ['cli/cli.js', 'worker/worker-main.js', 'timeline/timeline-html.js'].map((name) => join(RUNNER_DIR, name));
const common = { bundle: true, format: 'esm', platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

/** Removes the compiled modules of `dir` the bundles now hold (maps included), except `keep`. */
function dropBundled(dir, keep) {
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && /\.js(\.map)?$/.test(entry.name) && !keep(path)) rmSync(path);
  }
}

const library = await build({
  ...common,
  entryPoints: LIBRARY_ENTRIES,
  outdir: LIBRARY_DIR,
  allowOverwrite: true,
  splitting: true,
  chunkNames: 'chunks/library-[hash]',
  metafile: true,
});
const libraryFiles = new Set(Object.keys(library.metafile.outputs).map((file) => join(process.cwd(), file)));
dropBundled(LIBRARY_DIR, (path) => libraryFiles.has(path));
// Stack frames map to src/**/*.ts, which the package ships; not into bundled dependencies.
for (const file of libraryFiles) if (file.endsWith('.js.map')) dropDependencyMappings(file, (source) => source.includes('node_modules/'));

const result = await build({
  ...common,
  packages: 'external',
  entryPoints: RUNNER_ENTRIES,
  outdir: RUNNER_DIR,
  allowOverwrite: true,
  splitting: true,
  chunkNames: 'chunks/chunk-[hash]',
  metafile: true,
  plugins: [
    {
      name: 'library-stays-external',
      setup(builder) {
        builder.onResolve({ filter: /^(\.\.\/)+src\/(index|internal)\.js$/ }, (args) => ({ path: `../../src/${args.path.split('/').pop()}`, external: true }));
      },
    },
  ],
});
const written = new Set(Object.keys(result.metafile.outputs).map((file) => join(process.cwd(), file)));
dropBundled(RUNNER_DIR, (path) => written.has(path));

// Second build step (after tsc): fewer, bigger modules, because module loading is most of the
// runner's start-up and a seed worker loads the library anew for every project it imports.
// - the library's compiled modules and its dependencies become one ES module, dist/src/index.js
//   (reflect-metadata included: since 0.2 its copies share one global registry, so the user's
//   own copy sees the metadata this one records);
// - the runner becomes its entry points, dist/runner/cli.js (main thread) and
//   dist/runner/worker-main.js (seed workers), plus shared chunks for what loads on demand, and
//   dist/runner/timeline/timeline-html.js, the HTML timeline view, a module of its own so it
//   ships and can be imported by itself (its tests check the built one).
// The runner's dependencies stay packages; it reaches the library through ../src/index.js, as in
// the sources. The .d.ts files tsc wrote stay for the types.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { dropDependencyMappings } from './dependency-mappings.mjs';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const LIBRARY_ENTRY = join(DIST, 'src', 'index.js');
const RUNNER_DIR = join(DIST, 'runner');
const RUNNER_ENTRIES = ['cli.js', 'worker-main.js', 'timeline/timeline-html.js'].map((name) => join(RUNNER_DIR, name));
const common = { bundle: true, format: 'esm', platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

/** Removes the compiled modules of `dir` the bundles now hold (maps included), except `keep`. */
function dropBundled(dir, keep) {
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && /\.js(\.map)?$/.test(entry.name) && !keep(path)) rmSync(path);
  }
}

await build({ ...common, entryPoints: [LIBRARY_ENTRY], outfile: LIBRARY_ENTRY, allowOverwrite: true });
dropBundled(join(DIST, 'src'), (path) => path.startsWith(LIBRARY_ENTRY));
// Stack frames map to src/**/*.ts, which the package ships; not into bundled dependencies.
dropDependencyMappings(`${LIBRARY_ENTRY}.map`, (source) => source.includes('node_modules/'));

const result = await build({
  ...common,
  packages: 'external',
  entryPoints: RUNNER_ENTRIES,
  outdir: RUNNER_DIR,
  allowOverwrite: true,
  splitting: true,
  chunkNames: 'chunk-[hash]',
  metafile: true,
  plugins: [
    {
      name: 'library-stays-external',
      setup(builder) {
        builder.onResolve({ filter: /^(\.\.\/)+src\/index\.js$/ }, () => ({ path: '../src/index.js', external: true }));
      },
    },
  ],
});
const written = new Set(Object.keys(result.metafile.outputs).map((file) => join(process.cwd(), file)));
dropBundled(RUNNER_DIR, (path) => written.has(path));

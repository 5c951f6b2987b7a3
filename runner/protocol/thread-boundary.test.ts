// The main thread never imports the project: only seed workers load the workload files, so a
// project that throws while loading, installs globals or never settles cannot take the runner
// down. Read from the sources' value imports (static, re-exports, import() of a literal;
// `import type` loads nothing), so it fails before any build. The three sides:
// - worker/ runs in a seed worker and loads the project (tsx, discovery): no module outside it
//   imports one of it;
// - protocol/ and config/ are what both threads load (plain data, the config): they import only
//   each other;
// - worker/ imports only worker/, protocol/ and config/; none of these three imports the
//   library's entry (a worker uses the library instance the workload files loaded:
//   worker/library-instance.ts).
// runner/e2e/main-thread.test.ts checks the same at run time.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sourceSites, type Ts } from '../sites/source-sites.js';

const RUNNER = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ts = createRequire(import.meta.url)('typescript') as Ts;

/** The runner's modules (tests and their helpers excepted), relative to runner/. */
function runnerModules(): string[] {
  return readdirSync(RUNNER, { recursive: true, encoding: 'utf8' })
    .filter((path) => /\.(ts|tsx|mjs)$/.test(path) && !/\.test(-support)?\.tsx?$/.test(path) && !path.startsWith('e2e'))
    .map((path) => path.split('\\').join('/'))
    .sort();
}

/** What `file` (relative to runner/) loads when it runs: runner modules relative to runner/
 * (`../src/...` for the library), packages by name. */
function valueImports(file: string): string[] {
  const path = join(RUNNER, file);
  return sourceSites(ts, path, readFileSync(path, 'utf8')).imports.map((specifier) => {
    if (!specifier.startsWith('.')) return specifier;
    const target = resolve(dirname(path), specifier);
    const source = [target, target.replace(/\.js$/, '.ts'), target.replace(/\.js$/, '.tsx')].find((candidate) => existsSync(candidate)) ?? target;
    return relative(RUNNER, source).split('\\').join('/');
  });
}

const folderOf = (module: string): string => module.split('/')[0];
const SHARED = new Set(['protocol', 'config']);

/** Each module's imports that break the rules, `module → import (why)`. */
function violations(): string[] {
  const found: string[] = [];
  for (const module of runnerModules()) {
    const side = folderOf(module);
    for (const target of valueImports(module)) {
      const targetFolder = folderOf(target);
      const inRunner = !target.startsWith('..') && existsSync(join(RUNNER, target));
      let why: string | undefined;
      if (side === 'worker') {
        if (target.startsWith('../src/')) why = 'a worker uses the library instance the project loaded, never its own';
        else if (inRunner && targetFolder !== 'worker' && !SHARED.has(targetFolder)) why = 'a worker loads only worker/, protocol/ and config/';
      } else if (SHARED.has(side)) {
        if (target.startsWith('../src/')) why = 'protocol/ and config/ load in seed workers too, which never load the library themselves';
        else if (inRunner && !SHARED.has(targetFolder)) why = 'protocol/ and config/ load in both threads: they import only each other';
      } else if (inRunner && targetFolder === 'worker') {
        why = 'worker/ loads the project: only seed workers import it';
      } else if (target === 'tsx' || target.startsWith('tsx/')) {
        why = 'tsx loads the project: only seed workers import it';
      }
      if (why !== undefined) found.push(`${module} → ${target} (${why})`);
    }
  }
  return found;
}

test('the main thread never imports worker/, the modules that load the project; worker/ imports only what workers share', () => {
  const modules = runnerModules();
  // Not vacuous: both entries are there, and the worker's reaches the project loader.
  assert.ok(modules.includes('cli/cli.ts') && modules.includes('worker/worker-main.ts'), `the runner's entries: ${modules.join(', ')}`);
  const reached = new Set(['worker/worker-main.ts']);
  for (const module of reached) for (const target of valueImports(module)) if (modules.includes(target)) reached.add(target);
  assert.ok(reached.has('worker/project-loader.ts'), 'worker-main loads the project through project-loader.ts');
  assert.deepEqual(violations(), []);
});

// The built seed worker must not load the library entry itself: a worker uses the library
// instance the workload files loaded, and a second instance loaded by the runner broke case
// discovery in a fresh build (see runner/worker/library-instance.ts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../run/run.test-support.js';
import { requireBuild } from './cli.test-support.js';

/** Relative modules `file` imports, statically or dynamically. */
function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.[^"']+)["']/g)].map((m) => m[1]);
  return specs.map((spec) => resolve(dirname(file), spec));
}

test('dist/runner/worker/worker-main.js and the chunks it loads never import a library entry', () => {
  requireBuild();
  const entry = join(REPO_ROOT, 'dist', 'runner', 'worker', 'worker-main.js');
  const entries = ['index.js', 'internal.js'].map((name) => join(REPO_ROOT, 'dist', 'src', name));
  const loaded = new Set([entry]);
  for (const file of loaded) {
    for (const target of relativeImports(file)) {
      assert.ok(!entries.includes(target), `${file} imports the library entry ${target}`);
      loaded.add(target);
    }
  }
  assert.ok(loaded.size > 1, 'the worker loads its chunks');
});

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { expandGlobs, globToRegExp } from './glob.js';

test('** spans folders (zero or more), * and ? stay inside one segment', () => {
  const re = globToRegExp('workloads/**/*.ts');
  assert.ok(re.test('workloads/a.ts'));
  assert.ok(re.test('workloads/x/y/a.ts'));
  assert.ok(!re.test('workloads/a.tsx'));
  assert.ok(!re.test('other/a.ts'));
  assert.ok(globToRegExp('w/?.ts').test('w/a.ts'));
  assert.ok(!globToRegExp('w/?.ts').test('w/ab.ts'));
  assert.ok(!globToRegExp('w/*.ts').test('w/x/a.ts'));
  assert.ok(globToRegExp('w/**').test('w/x/a.ts'));
});

test('regex metacharacters in a glob are literal', () => {
  assert.ok(globToRegExp('a+b(1).ts').test('a+b(1).ts'));
  assert.ok(!globToRegExp('a.ts').test('abts'));
  fc.assert(
    fc.property(fc.stringMatching(/^[a-z0-9.+()[\]{}^$|-]{1,12}$/), (name) => globToRegExp(name).test(name)),
  );
});

const root = mkdtempSync(join(tmpdir(), 'moonpool-glob-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('expandGlobs returns absolute, sorted, de-duplicated matches and skips node_modules', () => {
  for (const dir of ['workloads/b', 'workloads/a', 'node_modules/x', 'workloads/node_modules']) mkdirSync(join(root, dir), { recursive: true });
  for (const file of ['workloads/z.ts', 'workloads/b/m.ts', 'workloads/a/k.ts', 'workloads/a/k.js', 'node_modules/x/n.ts', 'workloads/node_modules/q.ts']) {
    writeFileSync(join(root, file), '');
  }
  const found = expandGlobs(root, ['workloads/**/*.ts', './workloads/z.ts']).files;
  assert.deepEqual(found, ['workloads/a/k.ts', 'workloads/b/m.ts', 'workloads/z.ts'].map((f) => join(root, f)));
  assert.deepEqual(expandGlobs(root, ['missing/**/*.ts']), { files: [], problems: [] });
  // Braces and other picomatch syntax work (a hand-written matcher matched nothing here).
  assert.deepEqual(expandGlobs(root, ['workloads/**/*.{ts,js}']).files, ['workloads/a/k.js', 'workloads/a/k.ts', 'workloads/b/m.ts', 'workloads/z.ts'].map((f) => join(root, f)));
});

test('symbolic links looping back are walked once, and globs leaving the root are skipped and named', () => {
  const project = join(root, 'loops');
  mkdirSync(join(project, 'workloads', 'deep'), { recursive: true });
  writeFileSync(join(project, 'workloads', 'deep', 'w.ts'), '');
  symlinkSync('.', join(project, 'workloads', 'self'));
  symlinkSync('..', join(project, 'workloads', 'deep', 'up'));
  const found = expandGlobs(project, ['workloads/**/*.ts']);
  assert.deepEqual(found.files, [join(project, 'workloads', 'deep', 'w.ts')], 'each real folder once, whatever the links');
  for (const glob of ['/**/*.ts', '../**/*.ts', 'workloads/../../x/*.ts']) {
    const outside = expandGlobs(project, [glob]);
    assert.deepEqual(outside.files, []);
    assert.match(outside.problems[0], /leaves the project root .*so it was skipped/);
  }
});

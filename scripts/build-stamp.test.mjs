import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildInputsHash, readStamp, STAMP } from './build-stamp.mjs';

/** A small project laid out as this one (sources, a test beside them, the build's config),
 * removed when test `t` ends. */
function project(t) {
  const root = mkdtempSync(join(tmpdir(), 'moonpool-build-stamp-'));
  const write = (file, text) => {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  write('tsconfig.build.json', JSON.stringify({ include: ['src'], exclude: ['**/*.test.ts'] }));
  write('src/a.ts', 'export const a = 1;\n');
  write('src/a.test.ts', "import './a.js';\n");
  write('scripts/bundle.mjs', '// bundle\n');
  t.after(() => rmSync(root, { recursive: true, force: true }));
  return { root, write };
}

test('the hash changes with a compiled source, a new source or a build script, not with a test', (t) => {
  const { root, write } = project(t);
  const first = buildInputsHash(root);
  assert.equal(buildInputsHash(root), first, 'the same inputs, the same hash');
  write('src/a.test.ts', "import './a.js'; // edited\n");
  assert.equal(buildInputsHash(root), first, 'a test is not compiled into dist/');
  write('src/a.ts', 'export const a = 2;\n');
  const edited = buildInputsHash(root);
  assert.notEqual(edited, first);
  write('src/b.ts', 'export const b = 1;\n');
  const added = buildInputsHash(root);
  assert.notEqual(added, edited);
  write('scripts/bundle.mjs', '// bundle, changed\n');
  assert.notEqual(buildInputsHash(root), added);
});

test('the stamp: none before a build, then the hash the build wrote', (t) => {
  const { root, write } = project(t);
  assert.equal(readStamp(root), undefined);
  write(STAMP, buildInputsHash(root));
  assert.equal(readStamp(root), buildInputsHash(root));
});

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { FileWatcher, isWatchedFile } from './watcher.js';

const root = realpathSync(mkdtempSync(join(tmpdir(), 'moonpool-watcher-')));
after(() => rmSync(root, { recursive: true, force: true }));

test('isWatchedFile keeps sources and skips dependencies, build output, reports and editor files', () => {
  for (const f of ['a.ts', 'src/deep/b.tsx', 'c.mjs', 'd.cts', 'e.json', 'f.js']) assert.equal(isWatchedFile(f), true, f);
  for (const f of ['node_modules/x/i.js', 'dist/a.js', '.git/HEAD', 'junit.xml', 'a.ts.swp', 'a.ts~', 'src/.#a.ts', 'README.md']) {
    assert.equal(isWatchedFile(f), false, f);
  }
});

test('reports changed source files recursively, debounced into one batch, and ignores the rest', async () => {
  mkdirSync(join(root, 'src', 'deep'), { recursive: true });
  mkdirSync(join(root, 'node_modules', 'dep'), { recursive: true });
  const batches: string[][] = [];
  let resolveBatch!: () => void;
  const first = new Promise<void>((resolve) => (resolveBatch = resolve));
  const watcher = new FileWatcher(
    root,
    {
      onChange: (files) => {
        batches.push(files);
        resolveBatch();
      },
      onError: (error) => assert.fail(error),
    },
    400,
  );
  watcher.start();
  try {
    writeFileSync(join(root, 'node_modules', 'dep', 'index.js'), 'x');
    writeFileSync(join(root, 'report.xml'), '<x/>');
    writeFileSync(join(root, 'src', 'deep', 'store.ts'), 'export const a = 1;');
    writeFileSync(join(root, 'top.ts'), 'export const b = 2;');
    await first;
    assert.deepEqual(batches[0], [join(root, 'src', 'deep', 'store.ts'), join(root, 'top.ts')]);
  } finally {
    watcher.close();
  }
  assert.throws(() => {
    watcher.start();
    watcher.start();
  }, /already watching/);
  watcher.close();
});
